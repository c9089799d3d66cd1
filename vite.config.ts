import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv, type Plugin } from "vite";

// The dApp reads its chain, RPC, gateway and contract addresses from deployments/<chainId>.json — the one file the
// scripts and tests read too — chosen by MODELDAO_CHAIN_ID (31337, the local stack, by default) and baked into the
// bundle, so a static build hosted on IPFS needs no server. DEPLOYMENTS_DIR is the same override the scripts honour.
const chainId = Number(process.env.MODELDAO_CHAIN_ID ?? 31337);
const deploymentsDir = process.env.DEPLOYMENTS_DIR ?? path.resolve(import.meta.dirname, "deployments");
const deploymentFile = path.join(deploymentsDir, `${chainId}.json`);
const deployment = existsSync(deploymentFile) ? JSON.parse(readFileSync(deploymentFile, "utf8")) : null;

function origin(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * A production build carries a Content-Security-Policy that lets the page talk only to itself, the configured RPC,
 * gateways, upload endpoint, subgraph and (when a project id is set) WalletConnect. tfjs's WASM backend needs
 * 'wasm-unsafe-eval'; React's style attributes need inline styles.
 */
export function contentSecurityPolicy(env: Record<string, string>): string {
  const hosts = [
    origin(env.VITE_RPC_URL || deployment?.rpcUrl),
    origin(deployment?.gatewayUrl),
    ...(env.VITE_GATEWAYS ?? "").split(",").map((url) => origin(url.trim())),
    origin(env.VITE_CONTENT_UPLOAD_URL),
    origin(env.VITE_SUBGRAPH_URL),
    ...(env.VITE_WALLETCONNECT_PROJECT_ID
      ? [
          "https://*.walletconnect.com",
          "wss://*.walletconnect.com",
          "https://*.walletconnect.org",
          "wss://*.walletconnect.org",
          "https://*.reown.com",
          "wss://*.reown.com",
        ]
      : []),
  ].filter((host): host is string => Boolean(host));
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${[...new Set(hosts)].join(" ")}`.trim(),
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

function cspPlugin(env: Record<string, string>): Plugin {
  return {
    name: "modeldao-csp",
    apply: "build",
    transformIndexHtml: () => [
      {
        tag: "meta",
        attrs: { "http-equiv": "Content-Security-Policy", content: contentSecurityPolicy(env) },
        injectTo: "head-prepend",
      },
    ],
  };
}

const env = {
  ...loadEnv(process.env.NODE_ENV ?? "production", import.meta.dirname, "VITE_"),
  ...process.env,
} as Record<string, string>;

export default defineConfig({
  root: "web",
  // Real URLs (a proposal has a link one can share): the app is served from the site root; IPFS hosting maps every
  // path to index.html through web/public/_redirects.
  base: "/",
  plugins: [react(), cspPlugin(env)],
  define: { __MODELDAO_DEPLOYMENT__: JSON.stringify(deployment) },
  build: { outDir: "../dist", emptyOutDir: true },
  server: { host: "127.0.0.1", strictPort: true },
  // Pre-bundled at dev-server start: discovered later (the evaluation worker, lazy panels) they would make Vite reload
  // the page in the middle of an evaluation.
  optimizeDeps: {
    include: [
      // The worker's imports: Vite's dependency scan does not follow `new Worker(new URL(...))`.
      "@tensorflow/tfjs-core",
      "@tensorflow/tfjs-layers",
      "@tensorflow/tfjs-backend-cpu",
      "@tensorflow/tfjs-backend-webgl",
      "@tensorflow/tfjs-backend-wasm",
      "@tensorflow/tfjs-backend-webgpu",
      "@observablehq/plot",
      "@helia/verified-fetch",
      "@helia/trustless-gateway-client",
      "@helia/fallback-router",
      "helia",
      "multiformats/cid",
      "@helia/unixfs",
      "ipfs-unixfs-importer/chunker",
      "ipfs-unixfs-importer/layout",
      "ipfs-unixfs-exporter",
      "@ipld/car/iterator",
      "@ipld/dag-pb",
      "multiformats/codecs/raw",
      "multiformats/hashes/sha2",
      "react-markdown",
      "@rainbow-me/rainbowkit",
    ],
  },
  worker: { format: "es" },
});
