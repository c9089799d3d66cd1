/** The rows of a `.dl` that pin content: where it lives (CID) and the digests every byte is checked against. */
export function ContentAddressRows({
  cid,
  manifestDigest,
  cardDigest,
}: {
  cid: string;
  manifestDigest: string;
  cardDigest: string;
}) {
  return (
    <>
      <dt>CID</dt>
      <dd className="mono">{cid}</dd>
      <dt>Manifest digest</dt>
      <dd className="mono">{manifestDigest}</dd>
      <dt>Card digest</dt>
      <dd className="mono">{cardDigest}</dd>
    </>
  );
}
