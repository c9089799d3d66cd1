import * as Plot from "@observablehq/plot";
import { useEffect, useRef } from "react";

/** A confusion matrix as a heatmap (Observable Plot), with the counts written in the cells. */
export function ConfusionHeatmap({ matrix, classes, title }: { matrix: number[][]; classes: string[]; title: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const cells = matrix.flatMap((row, actual) =>
      row.map((count, predicted) => ({ actual: classes[actual], predicted: classes[predicted], count })),
    );
    const chart = Plot.plot({
      width: 320,
      height: 300,
      marginLeft: 56,
      padding: 0.04,
      x: { label: "predicted", domain: classes },
      y: { label: "actual", domain: classes },
      color: { type: "sqrt", scheme: "blues" },
      style: { background: "transparent", color: "currentColor" },
      marks: [
        Plot.cell(cells, {
          x: "predicted",
          y: "actual",
          fill: "count",
          title: (d) => `${d.actual} → ${d.predicted}: ${d.count}`,
        }),
        Plot.text(cells, {
          x: "predicted",
          y: "actual",
          text: (d) => (d.count ? String(d.count) : ""),
          fill: (d) => (d.actual === d.predicted ? "white" : "currentColor"),
          fontSize: 9,
        }),
      ],
    });
    container.current?.replaceChildren(chart);
    return () => chart.remove();
  }, [matrix, classes]);
  return (
    <figure className="eval-figure">
      <figcaption>{title}</figcaption>
      <div ref={container} role="img" aria-label={`${title}: confusion matrix`} />
    </figure>
  );
}
