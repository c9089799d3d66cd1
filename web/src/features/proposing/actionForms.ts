// The action kinds a proposer can add, each a list of fields and the builder that turns them into a call.
import {
  activateAction,
  datasetAction,
  grantAction,
  parameterAction,
  PARAMETERS,
  payoutAction,
  rawCallAction,
  unpauseAction,
  type Asset,
  type Contracts,
} from "./actionBuilders.ts";
import type { ProposalAction } from "../governance/decodeActions.ts";

export type Field = {
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "date" | "select";
  options?: string[];
};
export type ActionForm = {
  kind: string;
  label: string;
  fields: Field[];
  build: (values: Record<string, string>, contracts: Contracts) => ProposalAction;
};

const ASSETS = ["ETH", "MDAO"];

export const ACTION_FORMS: ActionForm[] = [
  {
    kind: "payout",
    label: "Pay a contributor",
    fields: [
      { name: "asset", label: "Asset", type: "select", options: ASSETS },
      { name: "recipient", label: "Recipient address" },
      { name: "amount", label: "Amount", hint: "e.g. 2 or 1500.5" },
      { name: "memo", label: "Memo", hint: "what it pays for (kept in the event)" },
    ],
    build: (v, c) =>
      payoutAction({ asset: v.asset as Asset, recipient: v.recipient, amount: v.amount, memo: v.memo }, c),
  },
  {
    kind: "grant",
    label: "Start a vesting grant",
    fields: [
      { name: "asset", label: "Asset", type: "select", options: ASSETS },
      { name: "beneficiary", label: "Beneficiary address" },
      { name: "amount", label: "Total amount" },
      { name: "startDate", label: "Vesting starts", type: "date" },
      { name: "cliffDays", label: "Cliff (days)", hint: "nothing vests before" },
      { name: "durationDays", label: "Duration (days)", hint: "everything has vested after" },
      { name: "memo", label: "Memo" },
    ],
    build: (v, c) =>
      grantAction(
        {
          asset: v.asset as Asset,
          beneficiary: v.beneficiary,
          amount: v.amount,
          startDate: v.startDate,
          cliffDays: v.cliffDays,
          durationDays: v.durationDays,
          memo: v.memo,
        },
        c,
      ),
  },
  {
    kind: "activate",
    label: "Activate a submitted model version",
    fields: [
      { name: "model", label: "Model", hint: "its name, e.g. digits" },
      { name: "version", label: "Version" },
    ],
    build: (v, c) => activateAction({ model: v.model, version: v.version }, c),
  },
  {
    kind: "dataset",
    label: "Approve a dataset by CID",
    fields: [
      { name: "id", label: "Dataset id", hint: "a short name, e.g. penguins-eval-2" },
      { name: "cid", label: "Directory CID", hint: "uploaded with npm run dataset:publish or any IPFS tool" },
      { name: "manifestDigest", label: "Manifest digest", hint: "sha256 of manifest.json, 0x…" },
      { name: "cardDigest", label: "Card digest", hint: "sha256 of card.json, 0x…" },
      { name: "license", label: "License" },
      { name: "source", label: "Source" },
      { name: "creator", label: "Creator" },
    ],
    build: (v, c) =>
      datasetAction(
        {
          id: v.id,
          cid: v.cid,
          manifestDigest: v.manifestDigest,
          cardDigest: v.cardDigest,
          license: v.license,
          source: v.source,
          creator: v.creator,
        },
        c,
      ),
  },
  {
    kind: "unpause",
    label: "Unpause",
    fields: [
      { name: "model", label: "Model", hint: "leave empty to lift the global pause" },
      { name: "reason", label: "Reason" },
    ],
    build: (v, c) => unpauseAction({ model: v.model, reason: v.reason }, c),
  },
  {
    kind: "parameters",
    label: "Change a setting",
    fields: [
      { name: "parameter", label: "Setting", type: "select", options: Object.keys(PARAMETERS) },
      {
        name: "value",
        label: "New value",
        hint: "durations as 90s, 30m, 12h, 3d or 1w; the threshold in MDAO; the quorum in %",
      },
    ],
    build: (v, c) => parameterAction({ parameter: v.parameter, value: v.value }, c),
  },
  {
    kind: "custom",
    label: "Custom call",
    fields: [
      { name: "target", label: "Target contract" },
      { name: "value", label: "ETH to send", hint: "optional" },
      { name: "signature", label: "Function", hint: "e.g. setVotingPeriod(uint32), or raw 0x calldata" },
      { name: "args", label: "Arguments", hint: "JSON array, e.g. [604800]" },
    ],
    build: (v) => rawCallAction({ target: v.target, value: v.value, signature: v.signature, args: v.args }),
  },
];
