export default function NewProposalPage() {
  return <h1>New proposal</h1>;
}
