// A whole UnixFS DAG as a CAR (version 1, DFS order, no duplicates), written straight from the content node's
// blockstore. @helia/car's export passes every block through CarWriter's async queue: on a two-core machine a page's
// 7.8 MB dataset answer then held back the small model answers asked for beside it (their last bytes came ~70 ms
// after their headers, in bench:eval's timelines). Here each block is framed and handed to the socket by reference
// (no copy), and the writer only waits when the socket's buffer is full, so small answers go out whole at once.
import * as dagPb from "@ipld/dag-pb";
import { close, createWriter, headerLength } from "@ipld/car/buffer-writer";
import type { CID } from "multiformats/cid";
import { varint } from "multiformats";
import * as raw from "multiformats/codecs/raw";

/** Where the CAR goes: `write` returns false when the caller should wait for `drained` before writing more. */
export type CarSink = { write(bytes: Uint8Array): boolean; drained(): Promise<void> };

/** Reads one block (a missing block rejects: nothing more is written). */
export type BlockReader = (cid: CID) => Promise<Uint8Array>;

const IDENTITY_HASH = 0x00;

/** The CAR header naming `root` as the only root. */
export function carHeader(root: CID): Uint8Array {
  const size = headerLength({ roots: [root] });
  return close(createWriter(new ArrayBuffer(size), { roots: [root], headerSize: size }));
}

/** The length prefix and CID that precede a block's bytes in a CAR. */
function blockFraming(cid: CID, size: number): Uint8Array {
  const prefix = varint.encodingLength(cid.bytes.length + size);
  const framing = new Uint8Array(prefix + cid.bytes.length);
  varint.encodeTo(cid.bytes.length + size, framing);
  framing.set(cid.bytes, prefix);
  return framing;
}

/**
 * Whether `exportDag` can write the DAG under `root`: dag-pb or raw (UnixFS). Other codecs need a codec-aware walk
 * (@helia/car's).
 */
export function isUnixFsRoot(root: CID): boolean {
  return root.code === dagPb.code || root.code === raw.code;
}

/**
 * Writes the CAR of the DAG under `root` to `sink`: the header, then every block in depth-first order of the links
 * (dag-pb links in their order; raw blocks are leaves), each once; identity-hashed CIDs carry their bytes and are
 * left out, as @helia/car does. The first block is read before anything is written, so a root that is not stored
 * fails with nothing sent. Returns the number of blocks written.
 */
export async function exportDag(root: CID, read: BlockReader, sink: CarSink, signal?: AbortSignal): Promise<number> {
  const first = await read(root);
  const written = new Set<string>();
  let blocks = 0;
  const put = async (cid: CID, bytes: Uint8Array) => {
    const framingOk = sink.write(blockFraming(cid, bytes.length));
    const bytesOk = bytes.length === 0 || sink.write(bytes);
    blocks++;
    if (!framingOk || !bytesOk) await sink.drained();
  };
  sink.write(carHeader(root));
  // Depth first, by an explicit stack of the links still to visit (a deep DAG does not recurse).
  const stack: { cid: CID; bytes?: Uint8Array }[] = [{ cid: root, bytes: first }];
  while (stack.length > 0) {
    signal?.throwIfAborted();
    const { cid, bytes: known } = stack.pop()!;
    const id = cid.toString();
    if (cid.multihash.code === IDENTITY_HASH || written.has(id)) continue;
    written.add(id);
    const bytes = known ?? (await read(cid));
    await put(cid, bytes);
    if (cid.code !== dagPb.code) continue;
    const links = dagPb.decode(bytes).Links;
    for (let i = links.length - 1; i >= 0; i--) stack.push({ cid: links[i].Hash });
  }
  return blocks;
}
