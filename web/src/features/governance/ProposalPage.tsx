import { Suspense, useState } from "react";
import Markdown from "react-markdown";
import { Link, useParams } from "react-router";
import { useChainHead } from "../../shared/chain/head.ts";
import { formatTimestamp, idToName } from "../../shared/format.ts";
import { Address } from "../../shared/ui/Address.tsx";
import { QueryState } from "../../shared/ui/QueryState.tsx";
import { ActionList } from "./components/ActionList.tsx";
import { ProposalControls } from "./components/ProposalControls.tsx";
import { StateBadge } from "./components/StateBadge.tsx";
import { TallyBars } from "./components/TallyBars.tsx";
import { Timeline } from "./components/Timeline.tsx";
import { VoteForm } from "./components/VoteForm.tsx";
import { VoteList } from "./components/VoteList.tsx";
import { EvaluationPanel, EvaluationReceipts } from "../evaluation/index.ts";
import { decodeActions, type DecodedAction } from "./decodeActions.ts";
import "./governance.css";
import { useDecodeContext, useProposal, useViewer, useVotes } from "./hooks.ts";
import { availableActions, proposalBody, proposalTitle, timingLabel } from "./proposalLogic.ts";

function parseProposalId(raw: string | undefined): bigint | null {
  if (!raw || !/^\d{1,78}$/.test(raw)) return null;
  return BigInt(raw);
}

export default function ProposalPage() {
  const { proposalId: rawId } = useParams();
  const id = parseProposalId(rawId);
  const proposal = useProposal(id);
  const votes = useVotes(id);
  const head = useChainHead();
  const context = useDecodeContext();
  const viewer = useViewer(proposal.data);
  const [reason, setReason] = useState("");

  if (id === null || proposal.notFound)
    return (
      <>
        <h1>Proposal not found</h1>
        <p>
          There is no proposal {rawId ? <code>{rawId}</code> : null} on this DAO.{" "}
          <Link to="/proposals">See all proposals</Link>.
        </p>
      </>
    );

  return (
    <QueryState query={proposal} lines={6}>
      {proposal.data ? (
        <ProposalView
          proposal={proposal.data}
          decoded={decodeActions(
            proposal.data.targets.map((target, index) => ({
              target,
              value: proposal.data!.values[index],
              calldata: proposal.data!.calldatas[index],
              signature: proposal.data!.signatures[index] || undefined,
            })),
            context,
          )}
          votes={votes.data ?? []}
          votesLoading={votes.isLoading}
          now={head.data?.timestamp ?? Math.floor(Date.now() / 1000)}
          viewer={viewer}
          reason={reason}
          onReasonChange={setReason}
        />
      ) : null}
    </QueryState>
  );
}

type ViewProps = {
  proposal: NonNullable<ReturnType<typeof useProposal>["data"]>;
  decoded: ReturnType<typeof decodeActions>;
  votes: NonNullable<ReturnType<typeof useVotes>["data"]>;
  votesLoading: boolean;
  now: number;
  viewer: ReturnType<typeof useViewer>;
  reason: string;
  onReasonChange: (reason: string) => void;
};

function ProposalView({ proposal, decoded, votes, votesLoading, now, viewer, reason, onReasonChange }: ViewProps) {
  const actions = availableActions(proposal, viewer, now);
  const upgrades = decoded.flatMap((action) => (action.modelUpgrade ? [action.modelUpgrade] : []));
  const decodeContext = useDecodeContext();
  const [own, setOwn] = useState<{ candidate: number; active: number } | undefined>();
  return (
    <article className="stack">
      <header className="stack" style={{ gap: "var(--space-2)" }}>
        <p className="small" style={{ margin: 0 }}>
          <Link to="/proposals">← Proposals</Link>
        </p>
        <div className="row">
          <StateBadge state={proposal.state} />
          <span className="small muted">{timingLabel(proposal, now)}</span>
        </div>
        <h1 style={{ margin: 0 }}>{proposalTitle(proposal.description)}</h1>
        <p className="small muted" style={{ margin: 0 }}>
          Proposed by <Address address={proposal.proposer} />
          {proposal.createdAt ? ` on ${formatTimestamp(proposal.createdAt)}` : ""} · id{" "}
          <span className="mono">{proposal.id.toString().slice(0, 10)}…</span>
        </p>
      </header>
      <div className="split">
        <div className="stack">
          <section className="card" aria-labelledby="actions-heading">
            <h2 id="actions-heading">What it does</h2>
            <ActionList actions={decoded} />
          </section>
          <section className="card markdown" aria-labelledby="description-heading">
            <h2 id="description-heading" className="visually-hidden">
              Description
            </h2>
            <Markdown skipHtml>{proposalBody(proposal.description)}</Markdown>
          </section>
          {upgrades.map((upgrade) => (
            <Suspense
              key={`${upgrade.modelId}-${upgrade.version}`}
              fallback={<div className="card skeleton" aria-busy="true" />}
            >
              <EvaluationPanel
                modelId={upgrade.modelId}
                candidateVersion={upgrade.version}
                onUseReceipt={onReasonChange}
                onResult={setOwn}
              />
            </Suspense>
          ))}
          <section className="card" aria-labelledby="vote-heading">
            <h2 id="vote-heading">Vote</h2>
            <VoteForm
              proposalId={proposal.id}
              availability={actions.vote}
              votingPower={viewer.votesAtSnapshot}
              reason={reason}
              onReasonChange={onReasonChange}
            />
          </section>
          <section className="card" aria-labelledby="votes-heading">
            <h2 id="votes-heading">Votes ({votes.length})</h2>
            {upgrades.map((upgrade) => (
              <EvaluationReceipts
                key={`${upgrade.modelId}-${upgrade.version}`}
                votes={votes}
                expected={receiptExpectation(upgrade, decodeContext.versionCid)}
                own={own}
              />
            ))}
            {votesLoading ? <div className="skeleton" /> : <VoteList votes={votes} />}
          </section>
        </div>
        <aside className="stack">
          <section className="card" aria-labelledby="results-heading">
            <h2 id="results-heading">Results</h2>
            <TallyBars tally={proposal.tally} quorum={proposal.quorum} />
          </section>
          <section className="card" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">Timeline</h2>
            <Timeline proposal={proposal} now={now} />
            <div style={{ marginTop: "var(--space-3)" }}>
              <ProposalControls proposal={proposal} actions={actions} />
            </div>
          </section>
        </aside>
      </div>
    </article>
  );
}

/** Receipts count for this candidate only when they name its model, version and (when known) CID. */
function receiptExpectation(
  upgrade: NonNullable<DecodedAction["modelUpgrade"]>,
  versionCid: ReturnType<typeof useDecodeContext>["versionCid"],
) {
  return {
    model: idToName(upgrade.modelId),
    version: upgrade.version,
    cid: versionCid?.(upgrade.modelId, upgrade.version),
  };
}
