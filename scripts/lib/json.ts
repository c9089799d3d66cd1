/**
 * Deterministic, readable JSON for cards: 2-space indentation like JSON.stringify(v, null, 2), except that arrays
 * whose elements are all numbers, strings, booleans or null are written on one line (confusion matrices, shapes and
 * class lists stay compact). Ends with a newline. Key order is the object's insertion order.
 */
export function formatJson(value: unknown): string {
  return write(value, "") + "\n";
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean";
}

function write(value: unknown, indent: string): string {
  if (value === undefined || typeof value === "function") throw new Error("formatJson: unsupported value");
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`formatJson: non-finite number ${value}`);
  if (isScalar(value)) return JSON.stringify(value);
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every(isScalar)) return `[${value.map((v) => write(v, inner)).join(", ")}]`;
    return `[\n${value.map((v) => inner + write(v, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner)}`).join(",\n")}\n${indent}}`;
}
