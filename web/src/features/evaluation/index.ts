// The evaluation feature's public face. The panel (tfjs, Helia, Plot) loads only when an upgrade proposal is opened;
// receipts are light and part of the proposal page.
import { lazy } from "react";

export const EvaluationPanel = lazy(() => import("./EvaluationPanel.tsx"));
export { EvaluationReceipts } from "./EvaluationReceipts.tsx";
export { formatReceipt, parseReceipt, summarizeReceipts } from "./receipt.ts";
