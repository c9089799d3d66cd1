/**
 * What a maintainer publishes, checked before anything is uploaded or sent: a tfjs model directory (model.json, its
 * weight shards, card.json with the claim) or a dataset directory (data files, card.json with the provenance the
 * chain records). Pure and browser-safe: `npm run model:publish` / `dataset:publish` and the dApp's proposal wizards
 * run the same checks and build the same manifest, so a directory gets the same content address either way.
 */
import { buildManifest, MANIFEST_FILENAME, sha256Hex, validatePath, type FileEntry } from "./manifest.ts";

/** A directory that cannot be published as it is; the message says which file and why. */
export class PublicationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PublicationError";
  }
}

/** Dataset and model ids are stored as bytes32: short, lowercase, readable when decoded. */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,30}$/;

export function checkName(name: string, what: "dataset id" | "model name"): string {
  if (!NAME_PATTERN.test(name)) {
    throw new PublicationError(
      `${what} "${name}" must be 1-31 lowercase letters, digits or dashes (it is stored as bytes32)`,
    );
  }
  return name;
}

type Prepared = {
  /** The files to upload, manifest.json included (rebuilt from the others; a stale one is never sent). */
  files: FileEntry[];
  manifestDigest: `0x${string}`;
  cardDigest: `0x${string}`;
  card: Record<string, unknown>;
  /** Sum of the file sizes, manifest included. */
  totalBytes: number;
};

export type PreparedModel = Prepared & {
  claimedAccuracyBps: number;
  claimedMacroF1Bps: number;
  /** What the card says the version is of and was trained/evaluated on; the proposer may override these. */
  suggested: { model?: string; trainingDatasets: string[]; evaluationDataset?: string };
};

export type PreparedDataset = Prepared & { license: string; source: string; creator: string };

function jsonFile(files: readonly FileEntry[], name: string, where: string): Record<string, unknown> {
  const file = files.find((f) => f.path === name);
  if (!file) throw new PublicationError(`${where} has no ${name}`);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(file.bytes));
  } catch (error) {
    throw new PublicationError(`${where}/${name} does not parse as JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PublicationError(`${where}/${name} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

function checkPaths(files: readonly FileEntry[], where: string): FileEntry[] {
  const kept = files.filter((f) => f.path !== MANIFEST_FILENAME);
  const seen = new Set<string>();
  for (const file of kept) {
    try {
      validatePath(file.path);
    } catch (error) {
      throw new PublicationError(`${where}: ${(error as Error).message}`);
    }
    if (seen.has(file.path)) throw new PublicationError(`${where}: ${file.path} appears twice`);
    seen.add(file.path);
  }
  return kept;
}

async function prepare(files: FileEntry[], card: Record<string, unknown>): Promise<Prepared> {
  const manifest = await buildManifest(files);
  const cardFile = files.find((f) => f.path === "card.json")!;
  const all = [...files, { path: MANIFEST_FILENAME, bytes: manifest.bytes }];
  return {
    files: all,
    manifestDigest: manifest.digest,
    cardDigest: `0x${await sha256Hex(cardFile.bytes)}`,
    card,
    totalBytes: all.reduce((sum, f) => sum + f.bytes.byteLength, 0),
  };
}

function basisPoints(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 10_000) {
    throw new PublicationError(`card.json: ${what} must be whole basis points between 0 and 10000`);
  }
  return value;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * Checks a tfjs layers-model directory: model.json parses and names only weight files that are present, card.json
 * parses and claims accuracy and macro-F1 in basis points. `where` names the directory in messages.
 */
export async function prepareModelFiles(files: readonly FileEntry[], where = "the model"): Promise<PreparedModel> {
  const kept = checkPaths(files, where);
  const modelJson = jsonFile(kept, "model.json", where);
  if (!modelJson.modelTopology || !Array.isArray(modelJson.weightsManifest)) {
    throw new PublicationError(`${where}/model.json is not a tfjs layers model (modelTopology, weightsManifest)`);
  }
  for (const group of modelJson.weightsManifest as { paths?: unknown }[]) {
    for (const weightPath of Array.isArray(group?.paths) ? group.paths : []) {
      if (!kept.some((f) => f.path === weightPath)) {
        throw new PublicationError(
          `model.json names weight file ${String(weightPath)}, which is missing from ${where}`,
        );
      }
    }
  }
  const card = jsonFile(kept, "card.json", where);
  const claim = (card.claim ?? {}) as Record<string, unknown>;
  const claimedAccuracyBps = basisPoints(claim.accuracyBps, "claim.accuracyBps");
  const claimedMacroF1Bps = basisPoints(claim.macroF1Bps, "claim.macroF1Bps");
  const training = Array.isArray(card.trainingData) ? card.trainingData : [];
  const evaluation = card.evaluationData as { id?: unknown } | undefined;
  return {
    ...(await prepare(kept, card)),
    claimedAccuracyBps,
    claimedMacroF1Bps,
    suggested: {
      model: text(card.model),
      trainingDatasets: training.map((d: { id?: unknown }) => text(d?.id)).filter((d): d is string => !!d),
      evaluationDataset: text(evaluation?.id),
    },
  };
}

/** Checks a dataset directory: at least one data file, and a card naming the license, source and creator. */
export async function prepareDatasetFiles(
  files: readonly FileEntry[],
  where = "the dataset",
): Promise<PreparedDataset> {
  const kept = checkPaths(files, where);
  const card = jsonFile(kept, "card.json", where);
  const provenance: Record<"license" | "source" | "creator", string> = { license: "", source: "", creator: "" };
  for (const field of ["license", "source", "creator"] as const) {
    const value = text(card[field]);
    if (!value) {
      throw new PublicationError(`card.json must name the dataset's ${field}: it becomes its on-chain provenance`);
    }
    provenance[field] = value;
  }
  if (kept.length < 2) throw new PublicationError(`${where} has no data files besides card.json`);
  return { ...(await prepare(kept, card)), ...provenance };
}

/** What an activation proposal says under its title, as both the script and the dApp write it. */
export function upgradeSummary(input: {
  model: string;
  version: number;
  cid: string;
  evaluationDataset: string;
  claimedAccuracyBps: number;
  claimedMacroF1Bps: number;
}): string {
  const pct = (bps: number) => `${(bps / 100).toFixed(2)}%`;
  return `Activate \`${input.model}\` v${input.version} (CID ${input.cid}). Claimed on \`${input.evaluationDataset}\`: accuracy ${pct(input.claimedAccuracyBps)}, macro-F1 ${pct(input.claimedMacroF1Bps)}.`;
}

/** What a whitelisting proposal says under its title. */
export function datasetSummary(input: { id: string; cid: string; license: string; source: string; creator: string }) {
  return `Approve \`${input.id}\` (CID ${input.cid}). License: ${input.license}. Source: ${input.source}. Creator: ${input.creator}.`;
}
