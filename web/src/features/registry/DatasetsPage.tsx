export default function DatasetsPage() {
  return <h1>Datasets</h1>;
}
