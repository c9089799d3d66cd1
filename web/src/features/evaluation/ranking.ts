// "auto" ranks instead of measuring where measuring cannot change the answer (the "measure or rank"): a
// software WebGL renderer is not a GPU, and the CPU backend is the last resort once WASM runs. What is ranked out is
// reported with the reason and neither preloaded nor timed; it stays available when asked for by name, and the CPU
// backend stays the reference and the fallback. Pure, so the rule is tested apart from the worker.
import type { BackendName } from "./workerProtocol.ts";

/** WebGL renderers that run on the CPU (Chromium without a GPU: SwiftShader; Mesa: llvmpipe). */
export const SOFTWARE_RENDERER = /swiftshader|llvmpipe|software/i;

/** The backends "auto" will not measure, each with why, given those that initialised and WebGL's renderer string. */
export function rankedOut(running: readonly BackendName[], webglRenderer: string | null): Map<BackendName, string> {
  const ranked = new Map<BackendName, string>();
  if (running.includes("webgl") && webglRenderer && SOFTWARE_RENDERER.test(webglRenderer))
    ranked.set("webgl", `software renderer (${webglRenderer}), not a GPU: ranked below WASM, not measured`);
  if (running.includes("wasm")) ranked.set("cpu", "ranked below WASM (which runs here), not measured");
  return ranked;
}
