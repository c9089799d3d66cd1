// What the maintainer tools (model:publish, dataset:publish) share: reading a directory, connecting with a key to the
// chain a deployment file names, and opening a proposal.
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  keccak256,
  toHex,
  type Address,
  type Hex,
} from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { abis } from "../../web/src/contracts/abis.ts";
import type { Deployment } from "./deployments.ts";
export { readDirectoryFiles } from "./directory.ts";
import { sha256Hex } from "./manifest.ts";

export const TEST_MNEMONIC = "test test test test test test test test test test test junk";
export const LOCAL_CHAIN_ID = 31337;

/** A refusal the user can act on: printed as is, without a stack trace. */
export class PublishError extends Error {}

/** `0x` + SHA-256 of `bytes`: the form the registries store digests in. */
export async function sha256Hex0x(bytes: Uint8Array): Promise<Hex> {
  return `0x${await sha256Hex(bytes)}`;
}

/**
 * Clients for the deployment's chain, signing with `privateKey`, or on the local chain with the test mnemonic's
 * account `localIndex`. Refuses a node that is down or on another chain before anything is sent.
 */
export async function connect(deployment: Deployment, privateKey: Hex | undefined, localIndex: number) {
  const chain = defineChain({
    id: deployment.chainId,
    name: `chain ${deployment.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [deployment.rpcUrl] } },
  });
  const account = privateKey
    ? privateKeyToAccount(privateKey)
    : deployment.chainId === LOCAL_CHAIN_ID
      ? mnemonicToAccount(TEST_MNEMONIC, { addressIndex: localIndex })
      : undefined;
  if (!account) throw new PublishError("no key: set the private key variable (only the local chain has a default key)");
  const transport = http(deployment.rpcUrl);
  const client = createPublicClient({ chain, transport });
  const actual = await client.getChainId().catch((error) => {
    throw new PublishError(`the node at ${deployment.rpcUrl} does not answer: ${error.shortMessage ?? error.message}`);
  });
  if (actual !== deployment.chainId) {
    throw new PublishError(`wrong chain: ${deployment.rpcUrl} is chain ${actual}, expected ${deployment.chainId}`);
  }
  return { client, wallet: createWalletClient({ chain, transport, account }), account };
}

type Clients = Awaited<ReturnType<typeof connect>>;

export async function requireProposalRights({ client, account }: Clients, deployment: Deployment) {
  const c = deployment.contracts;
  const [threshold, votes] = await Promise.all([
    client.readContract({ address: c.governor, abi: abis.governor, functionName: "proposalThreshold" }),
    client.readContract({ address: c.token, abi: abis.token, functionName: "getVotes", args: [account.address] }),
  ]);
  if (votes < threshold) {
    throw new PublishError(`${account.address} has ${votes} votes; proposing needs ${threshold} (delegate first)`);
  }
}

/** Opens a proposal of one call and returns its id (computed as the Governor does). */
export async function proposeCall(
  { client, wallet }: Clients,
  deployment: Deployment,
  call: { target: Address; data: Hex },
  description: string,
) {
  const c = deployment.contracts;
  const args = [[call.target], [0n], [call.data]] as const;
  const proposalId = await client.readContract({
    address: c.governor,
    abi: abis.governor,
    functionName: "hashProposal",
    args: [...args, keccak256(toHex(description))],
  });
  const hash = await wallet.writeContract({
    address: c.governor,
    abi: abis.governor,
    functionName: "propose",
    args: [...args, description],
  });
  await client.waitForTransactionReceipt({ hash });
  return proposalId;
}

/**
 * Where maintainer tools upload: CONTENT_UPLOAD_URL (a Kubo-compatible /api/v0/add endpoint, e.g. a pinning service)
 * with CONTENT_UPLOAD_TOKEN as a bearer token, or else the deployment's own content node (the local stack's).
 */
export function uploadTarget(deployment: Deployment, env: NodeJS.ProcessEnv = process.env) {
  const endpoint = env.CONTENT_UPLOAD_URL || deployment.gatewayUrl;
  if (!endpoint) {
    throw new PublishError("no upload endpoint: set CONTENT_UPLOAD_URL (and CONTENT_UPLOAD_TOKEN) for this network");
  }
  const token = env.CONTENT_UPLOAD_TOKEN;
  return { endpoint, headers: token ? { authorization: `Bearer ${token}` } : undefined };
}

/** Where a person opens a proposal: the dApp at DAPP_URL (the local stack's by default), `/proposals/<id>`. */
export function proposalLink(proposalId: bigint, env: NodeJS.ProcessEnv = process.env) {
  const base = env.DAPP_URL ?? "http://127.0.0.1:5173/";
  return `${base.endsWith("/") ? base : `${base}/`}proposals/${proposalId}`;
}
