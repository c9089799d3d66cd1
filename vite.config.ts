import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The dApp reads its chain, RPC, gateway and contract addresses from deployments/<chainId>.json — the one file the
// scripts and tests read too — chosen by MODELDAO_CHAIN_ID (31337, the local stack, by default) and baked into the
// bundle, so a static build hosted on IPFS needs no server. DEPLOYMENTS_DIR is the same override the scripts honour.
const chainId = Number(process.env.MODELDAO_CHAIN_ID ?? 31337);
const deploymentsDir = process.env.DEPLOYMENTS_DIR ?? path.resolve(import.meta.dirname, "deployments");
const deploymentFile = path.join(deploymentsDir, `${chainId}.json`);
const deployment = existsSync(deploymentFile) ? JSON.parse(readFileSync(deploymentFile, "utf8")) : null;

export default defineConfig({
  root: "web",
  // Real URLs (a proposal has a link one can share): the app is served from the site root; IPFS hosting maps every
  // path to index.html through web/public/_redirects.
  base: "/",
  plugins: [react()],
  define: { __MODELDAO_DEPLOYMENT__: JSON.stringify(deployment) },
  build: { outDir: "../dist", emptyOutDir: true },
  server: { host: "127.0.0.1", strictPort: true },
});
