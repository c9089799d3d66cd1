import { useId, useState, type FormEvent } from "react";
import type { Address } from "viem";
import { abis } from "../../contracts/abis.ts";
import { contractAddress } from "../../config/deployment.ts";
import { useTransaction } from "../../shared/chain/useTransaction.ts";
import { TransactionNotice } from "../../shared/ui/TransactionNotice.tsx";
import { validateDelegatee } from "./delegationLogic.ts";
import { useDelegateBySignature, type SignaturePhase } from "./useDelegateBySignature.ts";

type Method = "transaction" | "signature";

/** Delegate to yourself in one click or to another (validated) address, by transaction or by a free signature. */
export function DelegateForm({ account, currentDelegate }: { account: Address; currentDelegate: Address }) {
  const [method, setMethod] = useState<Method>("transaction");
  const [input, setInput] = useState("");
  const [inputError, setInputError] = useState<string | null>(null);
  const direct = useTransaction();
  const bySignature = useDelegateBySignature();
  const busy = direct.busy || bySignature.busy;
  const inputId = useId();
  const errorId = useId();
  const isSelf = currentDelegate.toLowerCase() === account.toLowerCase();

  const delegateTo = (delegatee: Address) => {
    if (method === "signature") return bySignature.delegateBySignature(delegatee);
    return direct.send({
      address: contractAddress("token"),
      abi: abis.token,
      functionName: "delegate",
      args: [delegatee],
    });
  };
  const submitOther = (event: FormEvent) => {
    event.preventDefault();
    const check = validateDelegatee(input);
    setInputError(check.ok ? null : check.message);
    if (check.ok) void delegateTo(check.address);
  };

  return (
    <section className="card stack" aria-labelledby="delegate-title">
      <h2 id="delegate-title">Delegate</h2>
      <fieldset className="delegation-method">
        <legend>How</legend>
        <label>
          <input
            type="radio"
            name="method"
            checked={method === "transaction"}
            onChange={() => setMethod("transaction")}
          />{" "}
          Transaction <span className="muted small">(one step; you pay gas)</span>
        </label>
        <label>
          <input type="radio" name="method" checked={method === "signature"} onChange={() => setMethod("signature")} />{" "}
          Signature{" "}
          <span className="muted small">
            (signing is free: no transaction, no gas; the signed message is then submitted with{" "}
            <code>delegateBySig</code>, from your wallet here, though anyone could relay it)
          </span>
        </label>
      </fieldset>
      <div>
        <button type="button" className="button" disabled={busy} onClick={() => void delegateTo(account)}>
          {isSelf ? "Delegate to myself again" : "Delegate to myself"}
        </button>
      </div>
      <form className="stack" onSubmit={submitOther} noValidate>
        <div className="field">
          <label htmlFor={inputId} className="delegation-label">
            Or delegate to another address
          </label>
          <input
            id={inputId}
            value={input}
            onChange={(event) => setInput(event.target.value)}
            placeholder="0x…"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={inputError !== null}
            aria-describedby={inputError ? errorId : undefined}
          />
          {inputError ? (
            <span id={errorId} className="error" role="alert">
              {inputError}
            </span>
          ) : null}
        </div>
        <div>
          <button type="submit" className="button button--ghost" disabled={busy}>
            Delegate to this address
          </button>
        </div>
      </form>
      <SignatureNotice signature={bySignature.signature} />
      <TransactionNotice
        status={method === "signature" ? bySignature.transaction : direct.status}
        success="Delegated. Your voting power is updated."
      />
    </section>
  );
}

const SIGNATURE_TEXT: Partial<Record<SignaturePhase["phase"], string>> = {
  preparing: "Reading your nonce and the token's signing domain…",
  signing: "Sign the delegation in your wallet. Signing is free: it sends nothing and costs no gas.",
  signed: "Signed, at no cost. The signed delegation goes on chain with delegateBySig (progress below).",
};

function SignatureNotice({ signature }: { signature: SignaturePhase }) {
  if (signature.phase === "failed")
    return (
      <p className="notice notice--danger" role="alert">
        {signature.message}
      </p>
    );
  const text = signature.phase === "idle" ? signature.note : SIGNATURE_TEXT[signature.phase];
  if (!text) return null;
  return (
    <p className="notice" role="status" aria-live="polite">
      {text}
    </p>
  );
}
