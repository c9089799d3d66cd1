/** A labelled horizontal bar for a fraction in [0, 1] (null: not known yet), announced as a progress bar. */
export function ProgressBar({ label, fraction }: { label: string; fraction: number | null }) {
  return (
    <div
      className="bar"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
    >
      <div className="bar__fill" style={{ width: `${(fraction ?? 0) * 100}%`, background: "var(--color-accent)" }} />
    </div>
  );
}
