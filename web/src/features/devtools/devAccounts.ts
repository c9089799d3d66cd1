// The seeded roles' addresses, derived from Hardhat's public test mnemonic (the one `npm start` funds). Only
// addresses leave this module: the dApp never shows a key.
import type { Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";

/** Hardhat's well-known development mnemonic; it guards nothing but local test accounts. */
export const HARDHAT_TEST_MNEMONIC = "test test test test test test test test test test test junk";

export const DEV_ROLES: { role: string; index: number }[] = [
  { role: "Deployer", index: 0 },
  { role: "Guardian", index: 1 },
  { role: "Maintainer", index: 2 },
  ...Array.from({ length: 10 }, (_, n) => ({ role: `Holder ${n + 1}`, index: 3 + n })),
  { role: "Data contributor", index: 13 },
  { role: "Stranger (no role)", index: 14 },
];

export type DevAccount = { role: string; index: number; address: Address };

export function deriveDevAccounts(mnemonic = HARDHAT_TEST_MNEMONIC): DevAccount[] {
  return DEV_ROLES.map(({ role, index }) => ({
    role,
    index,
    address: mnemonicToAccount(mnemonic, { addressIndex: index }).address,
  }));
}
