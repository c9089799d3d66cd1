import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Hex } from "viem";
import { contractAddress, gatewayUrls, startBlock } from "../../config/deployment.ts";
import { requirePublicClient } from "../../shared/chain/client.ts";
import type { EvaluationResult, Phase } from "./evaluate.ts";
import type { Manifest } from "../../../../scripts/lib/manifest.ts";
import type { LoadProgress } from "./loader.ts";
import { resolveTarget, targetDirectories, type EvaluationTarget } from "./resolve.ts";
import type { BackendName } from "./workerProtocol.ts";

export type EvaluationState =
  | { status: "idle" }
  | {
      status: "running";
      phase: Phase;
      load: LoadProgress | null;
      inference: { done: number; total: number; model: string } | null;
    }
  | { status: "done"; result: EvaluationResult }
  | { status: "failed"; message: string; file: string | null }
  | { status: "cancelled" };

export function useEvaluationTarget(modelId: Hex, candidateVersion: number) {
  return useQuery({
    queryKey: ["chain", "evaluation-target", modelId, candidateVersion],
    queryFn: () =>
      resolveTarget(
        requirePublicClient(),
        { modelRegistry: contractAddress("modelRegistry"), datasetRegistry: contractAddress("datasetRegistry") },
        startBlock,
        modelId,
        candidateVersion,
      ),
    staleTime: Infinity,
  });
}

/**
 * The target's manifests (a few KB), read and checked against the chain when the panel opens: the panel says what
 * Evaluate will download, and the evaluation starts with its directories. Content-addressed, so kept for the
 * session. When they cannot be read now, the evaluation reads them itself and says why it could not.
 */
export function useEvaluationManifests(target: EvaluationTarget | undefined) {
  const refs = target ? targetDirectories(target) : [];
  return useQuery({
    queryKey: ["ipfs", "manifests", ...refs.map((ref) => `${ref.cid}:${ref.manifestDigest}`)],
    queryFn: async ({ signal }) => {
      const { loadManifests } = await import("./loader.ts");
      return loadManifests(gatewayUrls, refs, signal);
    },
    enabled: Boolean(target),
    staleTime: Infinity,
    retry: 1,
  });
}

/**
 * Starts the evaluation's workers (tfjs, the chosen backend, the CPU reference) and loads the evaluation code while
 * the holder reads the proposal, so that Evaluate does not wait for them; again after each evaluation (each worker
 * serves one), and for another backend when the choice changes. They end with the panel.
 */
function usePreparedWorkers(enabled: boolean, backend: BackendName | "auto") {
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    void import("./evaluate.ts").then(({ prepareEvaluation }) => {
      if (current) prepareEvaluation(backend);
    });
    return () => {
      current = false;
    };
  }, [enabled, backend]);
  useEffect(() => () => void import("./evaluate.ts").then(({ releaseWorkers }) => releaseWorkers()), []);
}

/**
 * Once the manifests are read, and again after each evaluation (each takes what was prepared), memory for the
 * dataset's decoded samples is prepared (evaluate.ts `prepareDatasetMemory`); dropped with the panel's workers.
 */
function usePreparedDatasetMemory(manifests: Manifest[] | undefined, enabled: boolean) {
  const dataset = manifests?.at(-1);
  useEffect(() => {
    if (!enabled || !dataset) return;
    void import("./evaluate.ts").then(({ prepareDatasetMemory }) => prepareDatasetMemory(dataset));
  }, [enabled, dataset]);
}

export function useEvaluation(modelId: Hex, candidateVersion: number, backend: BackendName | "auto" = "auto") {
  const target = useEvaluationTarget(modelId, candidateVersion);
  const manifests = useEvaluationManifests(target.data);
  const [state, setState] = useState<EvaluationState>({ status: "idle" });
  const controller = useRef<AbortController | null>(null);
  // Not while one runs: it has taken the spares, and they are prepared again when it ends.
  usePreparedWorkers(Boolean(target.data) && state.status !== "running", backend);
  usePreparedDatasetMemory(manifests.data, state.status !== "running");

  const start = useCallback(
    async (backend: BackendName | "auto") => {
      if (!target.data) return;
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      let running: Extract<EvaluationState, { status: "running" }> = {
        status: "running",
        phase: "loading",
        load: null,
        inference: null,
      };
      const update = (patch: Partial<typeof running>) => {
        running = { ...running, ...patch };
        setState(running);
      };
      setState(running);
      try {
        // The evaluation code loads with the panel (usePreparedWorkers), not with the proposal page.
        const { evaluateTarget } = await import("./evaluate.ts");
        const result = await evaluateTarget(target.data, gatewayUrls, {
          backend,
          signal: abort.signal,
          manifests: manifests.data,
          onPhase: (phase) => update({ phase }),
          onLoadProgress: (load) => update({ load }),
          onInferenceProgress: (done, total, model) => update({ inference: { done, total, model } }),
        });
        setState({ status: "done", result });
      } catch (error) {
        if (abort.signal.aborted) setState({ status: "cancelled" });
        else
          setState({
            status: "failed",
            message: (error as Error).message,
            file: (error as { file?: string }).file ?? null,
          });
      }
    },
    [target.data, manifests.data],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { target, manifests, state, start, cancel };
}
