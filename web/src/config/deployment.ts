// Where the dApp finds its chain, contracts, content gateways and (optionally) subgraph. The deployment file
// (deployments/<chainId>.json, the one the scripts and tests read) is baked in at build time by vite.config.ts;
// VITE_* variables add what differs per host: extra gateways, a subgraph, a WalletConnect project id.
import { defineChain, type Address, type Chain } from "viem";
import { hardhat, mainnet, sepolia } from "viem/chains";
import type { ContractName, Deployment } from "../../../scripts/lib/deployment-schema.ts";

declare const __MODELDAO_DEPLOYMENT__: Deployment | null;

export type { ContractName, Deployment };

export const deployment: Deployment | null = __MODELDAO_DEPLOYMENT__;

export const LOCAL_CHAIN_ID = 31337;

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim().replace(/\/+$/, ""))
    .filter(Boolean);
}

const knownChains: Record<number, Chain> = { [mainnet.id]: mainnet, [sepolia.id]: sepolia };

function chainFor(current: Deployment): Chain {
  const rpcUrl = import.meta.env.VITE_RPC_URL || current.rpcUrl;
  const known = knownChains[current.chainId];
  if (known) return { ...known, rpcUrls: { default: { http: [rpcUrl] } } };
  return defineChain({
    ...hardhat,
    id: current.chainId,
    name: current.chainId === LOCAL_CHAIN_ID ? "ModelDAO local chain" : `Chain ${current.chainId}`,
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

/** The chain the DAO lives on; wallets on any other chain are asked to switch. */
export const chain: Chain | null = deployment ? chainFor(deployment) : null;

export const isLocalChain = deployment?.chainId === LOCAL_CHAIN_ID;

/** Trustless gateways, tried in order: the deployment's own first, then VITE_GATEWAYS (comma-separated). */
export const gatewayUrls: string[] = [
  ...new Set([
    ...(deployment?.gatewayUrl ? [deployment.gatewayUrl.replace(/\/+$/, "")] : []),
    ...splitList(import.meta.env.VITE_GATEWAYS),
  ]),
];

/** Where new content is uploaded (a Kubo-compatible `/api/v0/add`); the local content node by default. */
export const uploadUrl: string | null = import.meta.env.VITE_CONTENT_UPLOAD_URL || deployment?.gatewayUrl || null;

export const subgraphUrl: string | null = import.meta.env.VITE_SUBGRAPH_URL || null;

export const walletConnectProjectId: string | null = import.meta.env.VITE_WALLETCONNECT_PROJECT_ID || null;

export function contractAddress(name: ContractName): Address {
  if (!deployment) throw new Error("No deployment is configured for this build.");
  return deployment.contracts[name];
}

/** Log readers never scan before the deployment. */
export const startBlock = BigInt(deployment?.startBlock ?? 0);
