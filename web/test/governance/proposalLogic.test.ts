import { describe, expect, it } from "vitest";
import type { Address } from "viem";
import {
  availableActions,
  proposalBody,
  proposalTitle,
  quorumProgress,
  tallyShares,
  timingLabel,
  type Proposal,
  type Viewer,
} from "../../src/features/governance/proposalLogic.ts";

const proposer: Address = "0x00000000000000000000000000000000000000b1";
const voter: Address = "0x00000000000000000000000000000000000000b2";

function proposal(overrides: Partial<Proposal> = {}): Proposal {
  return {
    id: 1n,
    proposer,
    description: "# Upgrade digits\n\nBody text",
    targets: [],
    values: [],
    calldatas: [],
    signatures: [],
    voteStart: 1_000,
    voteEnd: 1_000 + 3 * 86_400,
    createdBlock: 10n,
    createdAt: 940,
    createdTx: null,
    state: "Active",
    tally: { for: 0n, against: 0n, abstain: 0n },
    quorum: 100n,
    eta: null,
    queuedAt: null,
    executedAt: null,
    canceledAt: null,
    extendedTo: null,
    ...overrides,
  };
}

const viewer: Viewer = {
  connected: true,
  address: voter,
  votesAtSnapshot: 10n,
  hasVoted: false,
  isProposalGuardian: false,
};

describe("titles", () => {
  it("takes the first heading, else the first line", () => {
    expect(proposalTitle("# Upgrade digits\n\nBody")).toBe("Upgrade digits");
    expect(proposalTitle("Plain first line\nmore")).toBe("Plain first line");
    expect(proposalTitle("\n\n")).toBe("Untitled proposal");
    expect(proposalTitle(`# ${"x".repeat(200)}`)).toHaveLength(118);
  });
  it("leaves the title out of the body", () => {
    expect(proposalBody("# Upgrade digits\n\nBody text")).toBe("Body text");
  });
});

describe("timing", () => {
  it("counts down to the start, the end, and the timelock", () => {
    expect(timingLabel(proposal({ state: "Pending" }), 1_000 - 3_600)).toBe("Voting starts in 1h");
    expect(timingLabel(proposal(), 1_000 + 86_400)).toBe("Voting ends in 2d");
    expect(timingLabel(proposal({ state: "Queued", eta: 5_000 }), 5_000 - 90)).toBe("Executable in 1m 30s");
    expect(timingLabel(proposal({ state: "Queued", eta: 5_000 }), 5_000)).toBe("Ready to execute");
  });
  it("uses the late-quorum extension when there is one", () => {
    const extended = proposal({ extendedTo: 1_000 + 4 * 86_400 });
    expect(timingLabel(extended, 1_000 + 3 * 86_400)).toBe("Voting ends in 1d");
  });
});

describe("tallies and quorum", () => {
  it("counts For and Abstain toward quorum, not Against", () => {
    expect(quorumProgress({ for: 60n, against: 500n, abstain: 40n }, 100n)).toEqual({
      votes: 100n,
      quorum: 100n,
      reached: true,
      fraction: 1,
    });
    expect(quorumProgress({ for: 25n, against: 0n, abstain: 0n }, 100n).fraction).toBe(0.25);
    expect(quorumProgress({ for: 25n, against: 0n, abstain: 0n }, null).reached).toBe(false);
  });
  it("splits shares of the votes cast", () => {
    expect(tallyShares({ for: 3n, against: 1n, abstain: 0n })).toEqual({ for: 0.75, against: 0.25, abstain: 0 });
    expect(tallyShares({ for: 0n, against: 0n, abstain: 0n })).toEqual({ for: 0, against: 0, abstain: 0 });
  });
});

describe("which actions can succeed", () => {
  const now = 2_000;
  it("lets a holder with power vote once while active", () => {
    expect(availableActions(proposal(), viewer, now).vote.available).toBe(true);
    expect(availableActions(proposal(), { ...viewer, hasVoted: true }, now).vote.reason).toBe(
      "You have already voted.",
    );
    expect(availableActions(proposal(), { ...viewer, votesAtSnapshot: 0n }, now).vote.reason).toMatch(
      /no voting power/,
    );
    expect(availableActions(proposal(), { ...viewer, connected: false }, now).vote.reason).toBe(
      "Connect a wallet to vote.",
    );
    expect(availableActions(proposal({ state: "Defeated" }), viewer, now).vote.available).toBe(false);
  });
  it("offers queue after success and execute only after the eta", () => {
    expect(availableActions(proposal({ state: "Succeeded" }), viewer, now).queue.available).toBe(true);
    const queued = proposal({ state: "Queued", eta: now + 60 });
    expect(availableActions(queued, viewer, now).execute).toEqual({
      available: false,
      reason: "The timelock delay ends in 1m.",
    });
    expect(availableActions(queued, viewer, now + 60).execute.available).toBe(true);
  });
  it("lets the guardian cancel open proposals and the proposer only while pending", () => {
    const guardian = { ...viewer, isProposalGuardian: true };
    expect(availableActions(proposal({ state: "Queued" }), guardian, now).cancel.available).toBe(true);
    expect(availableActions(proposal({ state: "Executed" }), guardian, now).cancel.available).toBe(false);
    const asProposer = { ...viewer, address: proposer };
    expect(availableActions(proposal({ state: "Pending" }), asProposer, now).cancel.available).toBe(true);
    expect(availableActions(proposal({ state: "Active" }), asProposer, now).cancel.available).toBe(false);
  });
});
