export default function GuardianPage() {
  return <h1>Guardian</h1>;
}
