import { useState } from "react";
import Markdown from "react-markdown";
import { Link, useNavigate, useParams } from "react-router";
import { parseEventLogs } from "viem";
import { useAccount } from "wagmi";
import { abis } from "../../contracts/abis.ts";
import { contractAddress, deployment } from "../../config/deployment.ts";
import { useTransaction } from "../../shared/chain/useTransaction.ts";
import { formatAmount } from "../../shared/format.ts";
import { TransactionNotice } from "../../shared/ui/TransactionNotice.tsx";
import { ActionList } from "../governance/components/ActionList.tsx";
import { decodeActions, type ProposalAction } from "../governance/decodeActions.ts";
import { useDecodeContext } from "../governance/hooks.ts";
import type { Contracts } from "./actionBuilders.ts";
import { proposalDescription } from "./actionBuilders.ts";
import { ACTION_FORMS, type ActionForm } from "./actionForms.ts";
import { useProposerStanding } from "./useProposerStanding.ts";
import { DatasetWizard } from "./publish/DatasetWizard.tsx";
import { ModelUpgradeWizard } from "./publish/ModelUpgradeWizard.tsx";
import type { ProposalDraft } from "./publish/useModelSubmission.ts";

/** Kinds with their own step-by-step flow (files to upload first); the rest are one form each. */
const WIZARDS = [
  { kind: "upgrade", label: "Upgrade a model" },
  { kind: "whitelist", label: "Whitelist a dataset" },
] as const;
const TABS = [...WIZARDS, ...ACTION_FORMS.map(({ kind, label }) => ({ kind, label }))];

export default function NewProposalPage() {
  const { kind = WIZARDS[0].kind } = useParams();
  const tab = TABS.find((candidate) => candidate.kind === kind) ?? TABS[0];
  const form = ACTION_FORMS.find((candidate) => candidate.kind === tab.kind);
  const [actions, setActions] = useState<ProposalAction[]>([]);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [preview, setPreview] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const context = useDecodeContext();
  const { isConnected } = useAccount();
  const standing = useProposerStanding();
  const { send, status, busy } = useTransaction();
  const navigate = useNavigate();

  // A wizard hands over its action with a suggested title and text; what the proposer already typed is kept.
  const addDraft = (draft: ProposalDraft) => {
    setActions((current) => [...current, draft.action]);
    setTitle((current) => current || draft.title);
    setBody((current) => (current ? `${current}\n\n${draft.body}` : draft.body));
  };

  const propose = async () => {
    setError(null);
    let description: string;
    try {
      if (actions.length === 0) throw new Error("Add at least one action.");
      description = proposalDescription(title, body);
    } catch (problem) {
      setError((problem as Error).message);
      return;
    }
    const receipt = await send({
      address: contractAddress("governor"),
      abi: abis.governor,
      functionName: "propose",
      args: [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.calldata), description],
    });
    if (!receipt) return;
    const [created] = parseEventLogs({ abi: abis.governor, eventName: "ProposalCreated", logs: receipt.logs });
    if (created) navigate(`/proposals/${created.args.proposalId}`);
  };

  return (
    <div className="stack">
      <div className="page-header">
        <h1>New proposal</h1>
      </div>
      <Standing connected={isConnected} standing={standing.data} />
      <div className="split">
        <div className="stack">
          <section className="card stack" aria-labelledby="add-action">
            <h2 id="add-action">Add an action</h2>
            <nav className="tabs" aria-label="Action kinds">
              {TABS.map((candidate) => (
                <Link
                  key={candidate.kind}
                  to={`/proposals/new/${candidate.kind}`}
                  aria-current={candidate === tab ? "page" : undefined}
                >
                  <button type="button" tabIndex={-1} aria-pressed={candidate === tab}>
                    {candidate.label}
                  </button>
                </Link>
              ))}
            </nav>
            {tab.kind === "upgrade" ? (
              <ModelUpgradeWizard onSubmitted={addDraft} />
            ) : tab.kind === "whitelist" ? (
              <DatasetWizard onReady={addDraft} />
            ) : form ? (
              <ActionFormView key={form.kind} form={form} onAdd={(action) => setActions([...actions, action])} />
            ) : null}
            <p className="small muted">
              From an ML pipeline, <code>npm run model:publish -- &lt;dir&gt; --propose "…"</code> does the upgrade in
              one step.
            </p>
          </section>
          <section className="card stack" aria-labelledby="describe">
            <h2 id="describe">Describe it</h2>
            <label className="field">
              <span>Title</span>
              <input value={title} onChange={(event) => setTitle(event.target.value)} />
            </label>
            <label className="field">
              <span>
                Description <span className="hint">(Markdown)</span>
              </span>
              <textarea value={body} onChange={(event) => setBody(event.target.value)} />
            </label>
            <div>
              <button
                type="button"
                className="button button--ghost button--small"
                aria-pressed={preview}
                onClick={() => setPreview(!preview)}
              >
                {preview ? "Hide preview" : "Preview"}
              </button>
            </div>
            {preview ? (
              <div className="markdown notice">
                <h2>{title || "Untitled proposal"}</h2>
                <Markdown skipHtml>{body}</Markdown>
              </div>
            ) : null}
          </section>
        </div>
        <aside className="stack">
          <section className="card stack" aria-labelledby="review">
            <h2 id="review">What it will do</h2>
            {actions.length === 0 ? (
              <p className="muted">No actions yet.</p>
            ) : (
              <>
                <ActionList actions={decodeActions(actions, context)} />
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => setActions(actions.slice(0, -1))}
                >
                  Remove the last action
                </button>
              </>
            )}
            {error ? (
              <p className="notice notice--danger" role="alert">
                {error}
              </p>
            ) : null}
            <button
              type="button"
              className="button"
              disabled={busy || !deployment || standing.data?.enough === false}
              onClick={() => void propose()}
            >
              Propose
            </button>
            <TransactionNotice status={status} success="Proposed. Opening it…" />
          </section>
        </aside>
      </div>
    </div>
  );
}

function Standing({
  connected,
  standing,
}: {
  connected: boolean;
  standing?: { threshold: bigint; votes: bigint; enough: boolean };
}) {
  if (!connected)
    return <p className="notice">Connect a wallet to propose. Anyone can read; proposing needs voting power.</p>;
  if (!standing) return null;
  return (
    <p className={`notice ${standing.enough ? "" : "notice--warn"}`} data-testid="proposer-standing">
      Your voting power is {formatAmount(standing.votes, 18, 0)} MDAO; proposing needs{" "}
      {formatAmount(standing.threshold, 18, 0)} MDAO.
      {standing.enough ? "" : " You cannot propose yet: "}
      {standing.enough ? null : <Link to="/delegate">gather delegations or delegate to yourself</Link>}
    </p>
  );
}

function ActionFormView({ form, onAdd }: { form: ActionForm; onAdd: (action: ProposalAction) => void }) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(form.fields.map((field) => [field.name, field.options?.[0] ?? ""])),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const add = (event: React.FormEvent) => {
    event.preventDefault();
    try {
      onAdd(form.build(values, deployment?.contracts as Contracts));
      setProblem(null);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <form className="stack" onSubmit={add} aria-label={form.label} noValidate>
      {form.fields.map((field) => (
        <label key={field.name} className="field">
          <span>
            {field.label} {field.hint ? <span className="hint">({field.hint})</span> : null}
          </span>
          {field.type === "select" ? (
            <select
              value={values[field.name]}
              onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
            >
              {field.options!.map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
          ) : (
            <input
              type={field.type ?? "text"}
              value={values[field.name]}
              onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
            />
          )}
        </label>
      ))}
      {problem ? (
        <p className="field error" role="alert">
          {problem}
        </p>
      ) : null}
      <div>
        <button type="submit" className="button button--ghost">
          Add this action
        </button>
      </div>
    </form>
  );
}
