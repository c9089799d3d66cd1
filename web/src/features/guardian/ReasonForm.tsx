import { useId, useState, type FormEvent, type ReactNode } from "react";
import { validateReason } from "./guardianLogic.ts";

/** A form whose reason is required: it refuses to submit an empty or blank one and says why. */
export function ReasonForm({
  label,
  submitLabel,
  disabled,
  onSubmit,
  children,
}: {
  label: string;
  submitLabel: string;
  disabled: boolean;
  onSubmit: (reason: string) => void;
  children?: ReactNode;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();
  const errorId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const check = validateReason(reason);
    setError(check.ok ? null : check.message);
    if (check.ok) onSubmit(check.reason);
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {children}
      {/* The error sits outside the label so the field's accessible name stays just the label. */}
      <div className="field">
        <label htmlFor={reasonId} className="guardian-label">
          {label}
        </label>
        <textarea
          id={reasonId}
          value={reason}
          required
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          placeholder="What is wrong, what users should do"
        />
        {error ? (
          <span id={errorId} className="error" role="alert">
            {error}
          </span>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button button--danger" disabled={disabled}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
