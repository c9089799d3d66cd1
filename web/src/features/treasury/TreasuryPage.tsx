export default function TreasuryPage() {
  return <h1>Treasury</h1>;
}
