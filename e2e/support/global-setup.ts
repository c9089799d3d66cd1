import { mkdirSync } from "node:fs";
import { OUTPUT_DIR, saveStack, startStack } from "./stack.ts";

export default async function globalSetup() {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const info = await startStack();
  saveStack(info);
  // Warm Vite's dependency pre-bundling so the first journey does not pay for it inside its own timeout.
  await fetch(`${info.webUrl}/`).catch(() => undefined);
  return async () => {
    const { stopStack } = await import("./stack.ts");
    stopStack(info);
  };
}
