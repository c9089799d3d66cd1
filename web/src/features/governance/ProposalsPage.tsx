export default function ProposalsPage() {
  return <h1>Proposals</h1>;
}
