import { describe, expect, it } from "vitest";
import { rankedOut } from "../../src/features/evaluation/ranking.ts";

const SWIFTSHADER = "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)";
const NVIDIA = "ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 Direct3D11 vs_5_0 ps_5_0, D3D11)";

describe("what auto ranks instead of measuring", () => {
  it("ranks a software WebGL renderer and the CPU backend out when WASM runs", () => {
    const ranked = rankedOut(["webgl", "wasm", "cpu"], SWIFTSHADER);
    expect([...ranked.keys()].sort()).toEqual(["cpu", "webgl"]);
    expect(ranked.get("webgl")).toMatch(/^software renderer \(ANGLE .*SwiftShader.*\), not a GPU/);
    expect(ranked.get("cpu")).toMatch(/^ranked below WASM/);
  });
  it("measures a hardware WebGL renderer against WASM", () => {
    expect([...rankedOut(["webgpu", "webgl", "wasm", "cpu"], NVIDIA).keys()]).toEqual(["cpu"]);
  });
  it("keeps the CPU backend in the contest when WASM did not initialise", () => {
    expect(rankedOut(["webgl", "cpu"], NVIDIA).size).toBe(0);
    expect([...rankedOut(["webgl", "cpu"], "llvmpipe (LLVM 15.0.6, 256 bits)").keys()]).toEqual(["webgl"]);
  });
  it("ignores a renderer string when WebGL did not initialise", () => {
    expect([...rankedOut(["wasm", "cpu"], SWIFTSHADER).keys()]).toEqual(["cpu"]);
  });
});
