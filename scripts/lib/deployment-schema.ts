// The shape of deployments/<chainId>.json, free of Node imports so the dApp, the subgraph scripts and the tests can
// share one definition.
export const CONTRACT_NAMES = [
  "token",
  "timelock",
  "governor",
  "treasury",
  "killSwitch",
  "datasetRegistry",
  "modelRegistry",
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

export type Deployment = {
  chainId: number;
  rpcUrl: string;
  /** The block of the first deployment transaction: log readers start here. */
  startBlock: number;
  contracts: Record<ContractName, `0x${string}`>;
  gatewayUrl: string | null;
};
