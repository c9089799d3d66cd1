// Treasury reads: balances and what grants reserve from storage, payouts/deposits from events, grants from storage
// with their memo from `GrantCreated`.
import { useQuery } from "@tanstack/react-query";
import { zeroAddress, type Address } from "viem";
import { abis } from "../../contracts/abis.ts";
import { contractAddress, deployment, startBlock } from "../../config/deployment.ts";
import { readBlockTimestamps } from "../../shared/chain/blockTimes.ts";
import { publicClient, requirePublicClient } from "../../shared/chain/client.ts";
import { getEventsChunked } from "../../shared/chain/logs.ts";
import { newestFirst, type GrantTerms } from "./treasuryMath.ts";

const enabled = publicClient !== null && deployment !== null;

export type AssetBalance = { token: Address; symbol: string; balance: bigint; reserved: bigint; available: bigint };

export function useTreasuryBalances() {
  return useQuery({ queryKey: ["chain", "treasury", "balances"], enabled, queryFn: readBalances });
}

async function readBalances(): Promise<AssetBalance[]> {
  const client = requirePublicClient();
  const treasury = contractAddress("treasury");
  const token = contractAddress("token");
  const read = (functionName: "reserved" | "available", asset: Address) =>
    client.readContract({ address: treasury, abi: abis.treasury, functionName, args: [asset] });
  const [ethBalance, tokenBalance, symbol, ethReserved, ethAvailable, tokenReserved, tokenAvailable] =
    await Promise.all([
      client.getBalance({ address: treasury }),
      client.readContract({ address: token, abi: abis.token, functionName: "balanceOf", args: [treasury] }),
      client.readContract({ address: token, abi: abis.token, functionName: "symbol" }),
      read("reserved", zeroAddress),
      read("available", zeroAddress),
      read("reserved", token),
      read("available", token),
    ]);
  return [
    { token: zeroAddress, symbol: "ETH", balance: ethBalance, reserved: ethReserved, available: ethAvailable },
    { token, symbol, balance: tokenBalance, reserved: tokenReserved, available: tokenAvailable },
  ];
}

export type Movement = {
  blockNumber: bigint;
  logIndex: number;
  timestamp: number | null;
  token: Address;
  counterparty: Address;
  amount: bigint;
  memo: string | null;
};

export type TreasuryActivity = { payouts: Movement[]; deposits: Movement[]; releases: Movement[] };

export function useTreasuryActivity() {
  return useQuery({ queryKey: ["chain", "treasury", "activity"], enabled, queryFn: readActivity });
}

async function readActivity(): Promise<TreasuryActivity> {
  const client = requirePublicClient();
  const treasury = contractAddress("treasury");
  const token = contractAddress("token");
  const fromTreasury = { address: treasury, abi: abis.treasury, fromBlock: startBlock } as const;
  const [paidOut, deposited, tokenIn, released, grants] = await Promise.all([
    getEventsChunked(client, { ...fromTreasury, eventName: "PaidOut" }),
    getEventsChunked(client, { ...fromTreasury, eventName: "Deposited" }),
    // Token deposits have no Treasury event: they are the token's Transfers into the treasury (the first is the mint).
    getEventsChunked(client, {
      address: token,
      abi: abis.token,
      eventName: "Transfer",
      args: { to: treasury },
      fromBlock: startBlock,
    }),
    getEventsChunked(client, { ...fromTreasury, eventName: "GrantReleased" }),
    getEventsChunked(client, { ...fromTreasury, eventName: "GrantCreated" }),
  ]);
  const times = await readBlockTimestamps(
    client,
    [...paidOut, ...deposited, ...tokenIn, ...released].map((log) => log.blockNumber),
  );
  const at = (log: { blockNumber: bigint; logIndex: number }) => ({
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
    timestamp: times.get(log.blockNumber) ?? null,
  });
  const grantToken = new Map(grants.map((log) => [log.args.grantId, log.args.token]));
  return {
    payouts: newestFirst(
      paidOut.map((log) => ({
        ...at(log),
        token: log.args.token,
        counterparty: log.args.to,
        amount: log.args.amount,
        memo: log.args.memo,
      })),
    ),
    deposits: newestFirst([
      ...deposited.map((log) => ({
        ...at(log),
        token: zeroAddress,
        counterparty: log.args.from,
        amount: log.args.amount,
        memo: null,
      })),
      ...tokenIn.map((log) => ({ ...at(log), token, counterparty: log.args.from, amount: log.args.value, memo: null })),
    ]),
    releases: newestFirst(
      released.map((log) => ({
        ...at(log),
        token: grantToken.get(log.args.grantId) ?? zeroAddress,
        counterparty: log.args.beneficiary,
        amount: log.args.amount,
        memo: `Grant #${log.args.grantId}`,
      })),
    ),
  };
}

export type GrantView = GrantTerms & {
  id: bigint;
  beneficiary: Address;
  token: Address;
  memo: string;
  releasable: bigint;
  cancelReason: string | null;
};

export function useGrants() {
  return useQuery({ queryKey: ["chain", "treasury", "grants"], enabled, queryFn: readGrants });
}

async function readGrants(): Promise<GrantView[]> {
  const client = requirePublicClient();
  const treasury = contractAddress("treasury");
  const count = await client.readContract({ address: treasury, abi: abis.treasury, functionName: "grantCount" });
  const ids = Array.from({ length: Number(count) }, (_, index) => BigInt(index));
  const [records, releasable, created, canceled] = await Promise.all([
    Promise.all(
      ids.map((id) =>
        client.readContract({ address: treasury, abi: abis.treasury, functionName: "getGrant", args: [id] }),
      ),
    ),
    Promise.all(
      ids.map((id) =>
        client.readContract({ address: treasury, abi: abis.treasury, functionName: "releasable", args: [id] }),
      ),
    ),
    getEventsChunked(client, {
      address: treasury,
      abi: abis.treasury,
      eventName: "GrantCreated",
      fromBlock: startBlock,
    }),
    getEventsChunked(client, {
      address: treasury,
      abi: abis.treasury,
      eventName: "GrantCanceled",
      fromBlock: startBlock,
    }),
  ]);
  return ids.map((id, index) => {
    const record = records[index];
    return {
      id,
      beneficiary: record.beneficiary,
      token: record.token,
      amount: record.amount,
      released: record.released,
      start: record.start,
      cliff: record.cliff,
      duration: record.duration,
      canceled: record.canceled,
      releasable: releasable[index],
      memo: created.find((log) => log.args.grantId === id)?.args.memo ?? "",
      cancelReason: canceled.find((log) => log.args.grantId === id)?.args.reason ?? null,
    };
  });
}
