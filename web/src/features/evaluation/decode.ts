// Decoding the evaluation set by its card. The common case — uint8 features, scaled, not standardised — goes through
// a 256-entry table instead of scripts/lib/dataset.ts's float64 copy of every value (63 MB for 10,000 digits); the
// values are the same bit for bit (float32(pixel * scale)), which web/test/evaluation/decode.test.ts checks.
import {
  checkDatasetCard,
  decodeDataset,
  decodeLabels,
  type DatasetCard,
  type DecodedDataset,
} from "../../../../scripts/lib/dataset.ts";

export function decodeEvaluationData(card: DatasetCard, features: Uint8Array, labels: Uint8Array): DecodedDataset {
  if (card?.features?.dtype !== "uint8" || card?.preprocessing?.standardize !== undefined)
    return decodeDataset(card, features, labels);
  checkDatasetCard(card);
  const [n, width] = card.features.shape;
  if (features.length !== n * width)
    throw new Error(`${card.features.file}: expected ${n * width} bytes, got ${features.length}`);
  const scale = card.preprocessing.scale;
  const table = new Float32Array(256);
  for (let value = 0; value < 256; value++) table[value] = scale === undefined ? value : value * scale;
  const x = new Float32Array(features.length);
  for (let i = 0; i < features.length; i++) x[i] = table[features[i]];
  return { samples: card.samples, width, x, y: decodeLabels(card, labels), classes: card.label.classes };
}
