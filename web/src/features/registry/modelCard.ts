// A model card fetched from a gateway ONLY to display it: nothing here is checked against the on-chain card digest
// (verified loading belongs to the evaluation feature), so the page labels it an unverified preview.
export const CARD_PREVIEW_TIMEOUT_MS = 8_000;

export type CardPreview =
  { ok: true; url: string; card: Record<string, unknown> } | { ok: false; url: string | null; message: string };

export function cardPreviewUrl(gateway: string, cid: string): string {
  return `${gateway.replace(/\/+$/, "")}/ipfs/${cid}/card.json`;
}

export async function fetchCardPreview(
  cid: string,
  gateways: string[],
  options: { timeoutMs?: number; fetchImpl?: typeof fetch } = {},
): Promise<CardPreview> {
  const gateway = gateways[0];
  if (!gateway)
    return { ok: false, url: null, message: "No content gateway is configured, so the card cannot be shown." };
  const url = cardPreviewUrl(gateway, cid);
  const fetchImpl = options.fetchImpl ?? fetch;
  try {
    const response = await fetchImpl(url, {
      signal: AbortSignal.timeout(options.timeoutMs ?? CARD_PREVIEW_TIMEOUT_MS),
    });
    if (!response.ok) return { ok: false, url, message: `The gateway answered ${response.status} for the card.` };
    const card: unknown = await response.json();
    if (!card || typeof card !== "object" || Array.isArray(card))
      return { ok: false, url, message: "The gateway returned something that is not a model card." };
    return { ok: true, url, card: card as Record<string, unknown> };
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    if (name === "TimeoutError" || name === "AbortError")
      return { ok: false, url, message: "The gateway did not answer in time; the card cannot be shown now." };
    if (error instanceof SyntaxError) return { ok: false, url, message: "The card is not valid JSON." };
    return { ok: false, url, message: "The gateway could not be reached; the card cannot be shown now." };
  }
}

export type CardField = { label: string; value: string };

const TEXT_FIELDS: [string, string][] = [
  ["name", "Name"],
  ["version", "Version"],
  ["description", "Description"],
  ["framework", "Framework"],
  ["intendedUse", "Intended use"],
  ["limitations", "Limitations"],
  ["preprocessing", "Preprocessing"],
];

/** The human-readable parts of a card, in a stable order; anything missing or oddly typed is skipped. */
export function summarizeCard(card: Record<string, unknown>): CardField[] {
  const fields: CardField[] = [];
  for (const [key, label] of TEXT_FIELDS) {
    const value = card[key];
    if (typeof value === "string" && value.trim()) fields.push({ label, value });
  }
  const architecture = card.architecture as { summary?: unknown } | undefined;
  if (typeof architecture?.summary === "string") fields.push({ label: "Architecture", value: architecture.summary });
  const metrics = card.metrics as { accuracy?: unknown; macroF1?: unknown; samples?: unknown } | undefined;
  if (typeof metrics?.accuracy === "number") {
    const parts = [`accuracy ${(metrics.accuracy * 100).toFixed(2)}%`];
    if (typeof metrics.macroF1 === "number") parts.push(`macro-F1 ${(metrics.macroF1 * 100).toFixed(2)}%`);
    if (typeof metrics.samples === "number") parts.push(`on ${metrics.samples.toLocaleString()} samples`);
    fields.push({ label: "Reported metrics", value: parts.join(", ") });
  }
  return fields;
}
