import { useEffect, useRef } from "react";
import type { EvaluationResult } from "./evaluate.ts";

const MAX_SHOWN = 24;

/** Samples where the candidate and the active model disagree: the digit itself, or the penguin's row. */
export function DisagreementGallery({ result }: { result: EvaluationResult }) {
  if (!result.active) return null;
  const { dataset, candidate, active } = result;
  const indices: number[] = [];
  for (let i = 0; i < dataset.samples && indices.length < MAX_SHOWN; i++)
    if (candidate.predictions[i] !== active.predictions[i]) indices.push(i);
  const total = candidate.predictions.reduce((n, p, i) => n + (p !== active.predictions[i] ? 1 : 0), 0);
  const isImage = dataset.card.task === "image-classification";
  return (
    <section aria-labelledby="eval-gallery-title">
      <h3 id="eval-gallery-title">Where the two models disagree</h3>
      <p className="small muted">
        {total.toLocaleString()} of {dataset.samples.toLocaleString()} samples; the first {indices.length} shown.
      </p>
      {isImage ? (
        <ul className="eval-gallery" data-testid="disagreement-gallery">
          {indices.map((i) => (
            <li key={i}>
              <DigitImage bytes={dataset.featureBytes} index={i} shape={dataset.card.preprocessing.sampleShape} />
              <span className="small">
                true {dataset.classes[dataset.y[i]]} · new{" "}
                <Mark ok={candidate.predictions[i] === dataset.y[i]}>{dataset.classes[candidate.predictions[i]]}</Mark>{" "}
                · active{" "}
                <Mark ok={active.predictions[i] === dataset.y[i]}>{dataset.classes[active.predictions[i]]}</Mark>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="disagreement-gallery">
            <thead>
              <tr>
                {(dataset.card.features.columns ?? []).map((column) => (
                  <th key={column}>{column}</th>
                ))}
                <th>true</th>
                <th>candidate</th>
                <th>active</th>
              </tr>
            </thead>
            <tbody>
              {indices.map((i) => (
                <tr key={i}>
                  {rawRow(result, i).map((value, j) => (
                    <td key={j}>{value}</td>
                  ))}
                  <td>{dataset.classes[dataset.y[i]]}</td>
                  <td>{dataset.classes[candidate.predictions[i]]}</td>
                  <td>{dataset.classes[active.predictions[i]]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Mark({ ok, children }: { ok: boolean; children: React.ReactNode }) {
  return <strong className={ok ? "eval-right" : "eval-wrong"}>{children}</strong>;
}

function rawRow(result: EvaluationResult, index: number): string[] {
  const { card, featureBytes, width } = result.dataset;
  if (card.features.dtype === "uint8")
    return Array.from(featureBytes.subarray(index * width, (index + 1) * width), String);
  const view = new DataView(featureBytes.buffer, featureBytes.byteOffset, featureBytes.byteLength);
  return Array.from({ length: width }, (_, j) => view.getFloat32((index * width + j) * 4, true).toFixed(1));
}

function DigitImage({ bytes, index, shape }: { bytes: Uint8Array; index: number; shape: number[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [height, width] = shape;
  useEffect(() => {
    const context = canvas.current?.getContext("2d");
    if (!context) return;
    const image = context.createImageData(width, height);
    for (let p = 0; p < width * height; p++) {
      const ink = 255 - bytes[index * width * height + p];
      image.data.set([ink, ink, ink, 255], p * 4);
    }
    context.putImageData(image, 0, 0);
  }, [bytes, index, width, height]);
  return <canvas ref={canvas} width={width} height={height} className="eval-digit" aria-label={`sample ${index}`} />;
}
