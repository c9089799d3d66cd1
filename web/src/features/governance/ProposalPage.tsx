export default function ProposalPage() {
  return <h1>Proposal</h1>;
}
