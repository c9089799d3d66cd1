import { useId, useState, type FormEvent } from "react";
import { TIME_PRESETS, parseDuration } from "./timeTravel.ts";
import { useTimeTravel } from "./useTimeTravel.ts";

export function TimeControls() {
  const { advance, mine, status } = useTimeTravel();
  const [custom, setCustom] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const working = status.phase === "working";
  const submitCustom = (event: FormEvent) => {
    event.preventDefault();
    const check = parseDuration(custom);
    setError(check.ok ? null : check.message);
    if (check.ok) void advance(check.seconds, custom.trim());
  };
  return (
    <section className="card stack" aria-labelledby="time-title">
      <h2 id="time-title">Move time</h2>
      <p className="muted small">Walk a proposal through its voting period and timelock delay in seconds.</p>
      <div className="row" role="group" aria-label="Advance time by">
        {TIME_PRESETS.map((preset) => (
          <button
            key={preset.label}
            type="button"
            className="button"
            disabled={working}
            onClick={() => void advance(preset.seconds, preset.label)}
          >
            +{preset.label}
          </button>
        ))}
        <button type="button" className="button button--ghost" disabled={working} onClick={() => void mine()}>
          Mine a block
        </button>
      </div>
      <form className="row devtools-custom" onSubmit={submitCustom} noValidate>
        <label className="field" htmlFor={inputId}>
          <span>Custom (e.g. 90m, 2h, 1d 12h)</span>
          <input
            id={inputId}
            value={custom}
            onChange={(event) => setCustom(event.target.value)}
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
          />
        </label>
        <button type="submit" className="button button--ghost" disabled={working}>
          Advance
        </button>
      </form>
      {error ? (
        <p id={errorId} className="notice notice--danger" role="alert">
          {error}
        </p>
      ) : null}
      {status.phase === "done" ? (
        <p className="notice notice--ok" role="status">
          {status.text}
        </p>
      ) : null}
      {status.phase === "failed" ? (
        <p className="notice notice--danger" role="alert">
          {status.message}
        </p>
      ) : null}
    </section>
  );
}
