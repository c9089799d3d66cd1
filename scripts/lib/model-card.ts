/**
 * Model cards (format "modeldao-model-card/1"): the human- and machine-readable description shipped in every model
 * version directory next to model.json. Shared by Node scripts and the browser (pure).
 */
import { accuracyBps, toBps, type ClassificationMetrics } from "./metrics.ts";

export const MODEL_CARD_SCHEMA = "modeldao-model-card/1";

export interface CardMetrics {
  samples: number;
  accuracy: number;
  accuracyBps: number;
  macroF1: number;
  macroF1Bps: number;
  perClass: { class: string; precision: number; recall: number; f1: number; support: number }[];
  /** [trueClass][predictedClass] */
  confusionMatrix: number[][];
}

export interface Claim {
  accuracyBps: number;
  macroF1Bps: number;
}

export interface DatasetRef {
  id: string;
  manifestDigest: string;
}

export interface ModelCard {
  schema: typeof MODEL_CARD_SCHEMA;
  name: string;
  /** Registry model id. */
  model: string;
  version: string;
  description: string;
  framework: string;
  files: { modelJson: string; weights: string[] };
  architecture: {
    summary: string;
    input: { shape: (number | null)[]; dtype: "float32" };
    output: { units: number; activation: string; classes: string[] };
    layers: { name: string; type: string; outputShape: (number | null)[]; params: number; config: string }[];
    parameters: number;
  };
  trainingData: (DatasetRef & { samplesUsed: number; selection: string })[];
  evaluationData: DatasetRef;
  preprocessing: string;
  training: Record<string, unknown>;
  intendedUse: string;
  limitations: string;
  metrics: CardMetrics;
  /** What the submitter claims on chain. Equal to the measured metrics rounded, unless `claimNote` says otherwise. */
  claim: Claim;
  claimNote?: string;
  [extra: string]: unknown;
}

/** The card form of evaluation metrics (class names attached, basis-point roundings added). */
export function cardMetrics(m: ClassificationMetrics, classes: readonly string[]): CardMetrics {
  if (classes.length !== m.perClass.length)
    throw new Error(`expected ${m.perClass.length} class names, got ${classes.length}`);
  return {
    samples: m.samples,
    accuracy: m.accuracy,
    accuracyBps: accuracyBps(m.confusionMatrix),
    macroF1: m.macroF1,
    macroF1Bps: toBps(m.macroF1),
    perClass: m.perClass.map((c, i) => ({ class: classes[i], ...c })),
    confusionMatrix: m.confusionMatrix,
  };
}

/** An honest claim: the measured metrics in basis points. */
export function measuredClaim(m: CardMetrics): Claim {
  return { accuracyBps: m.accuracyBps, macroF1Bps: m.macroF1Bps };
}
