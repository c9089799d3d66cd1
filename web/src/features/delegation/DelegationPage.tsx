export default function DelegationPage() {
  return <h1>Delegation</h1>;
}
