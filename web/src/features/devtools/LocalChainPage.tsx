export default function LocalChainPage() {
  return <h1>Local chain</h1>;
}
