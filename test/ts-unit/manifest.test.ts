import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  buildManifest,
  compareUtf8,
  contentSize,
  manifestDigest,
  MANIFEST_FORMAT,
  parseManifest,
  sha256Hex,
  validatePath,
  verifyFile,
  verifyFiles,
} from "../../scripts/lib/manifest.ts";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

// Known answer, computed independently with coreutils:
//   printf ''            | sha256sum  -> e3b0c442...b855
//   printf '\x00\x01\x02' | sha256sum -> ae4b3280...53fc
//   printf 'hello\n'     | sha256sum  -> 5891b5b5...be03
//   printf '%s' "$EXPECTED_TEXT" | sha256sum -> c26b449a...11e9 (348 bytes)
const EMPTY_SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const X_SHA = "ae4b3280e56e2faf83f414a6e3dabe9d5fbe18976544c05fed121accb85b53fc";
const HELLO_SHA = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
const EXPECTED_TEXT =
  '{"format":"modeldao-manifest/1","files":[' +
  `{"path":"a-b","size":0,"sha256":"${EMPTY_SHA}"},` +
  `{"path":"a/x.bin","size":3,"sha256":"${X_SHA}"},` +
  `{"path":"b.txt","size":6,"sha256":"${HELLO_SHA}"}]}`;
const EXPECTED_DIGEST = "0xc26b449a63d02c2ab64c08119a09e941d9a348d0fcf402d9be47d87ca24211e9";

const FILES = [
  { path: "b.txt", bytes: enc("hello\n") },
  { path: "a/x.bin", bytes: new Uint8Array([0, 1, 2]) },
  { path: "a-b", bytes: new Uint8Array(0) },
];

describe("manifest: canonical form", () => {
  it("sha256Hex matches known answers", async () => {
    assert.equal(await sha256Hex(new Uint8Array(0)), EMPTY_SHA);
    assert.equal(await sha256Hex(enc("hello\n")), HELLO_SHA);
  });

  it("builds the known canonical bytes and digest", async () => {
    const built = await buildManifest(FILES);
    assert.equal(dec(built.bytes), EXPECTED_TEXT);
    assert.equal(built.bytes.length, 348);
    assert.equal(built.digest, EXPECTED_DIGEST);
    assert.equal(await manifestDigest(built.bytes), EXPECTED_DIGEST);
    assert.deepEqual(built.manifest, {
      format: MANIFEST_FORMAT,
      files: [
        { path: "a-b", size: 0, sha256: EMPTY_SHA },
        { path: "a/x.bin", size: 3, sha256: X_SHA },
        { path: "b.txt", size: 6, sha256: HELLO_SHA },
      ],
    });
  });

  it("does not depend on input order", async () => {
    const a = await buildManifest(FILES);
    const b = await buildManifest([...FILES].reverse());
    assert.deepEqual(b.bytes, a.bytes);
  });

  it("sorts by UTF-8 bytes, not UTF-16 code units", async () => {
    const fullwidthA = "\uff21"; // UTF-8 EF BC A1, UTF-16 FF21
    const emoji = "\u{1f600}"; // UTF-8 F0 9F 98 80, UTF-16 D83D DE00
    assert.ok(emoji < fullwidthA, "JavaScript's default order puts the emoji first");
    assert.ok(compareUtf8(fullwidthA, emoji) < 0, "byte order puts U+FF21 first");
    const built = await buildManifest([
      { path: emoji, bytes: new Uint8Array(0) },
      { path: fullwidthA, bytes: new Uint8Array(0) },
      { path: "Z", bytes: new Uint8Array(0) },
      { path: "a", bytes: new Uint8Array(0) },
    ]);
    assert.deepEqual(
      built.manifest.files.map((f) => f.path),
      ["Z", "a", fullwidthA, emoji],
    );
    assert.deepEqual(parseManifest(built.bytes), built.manifest);
  });

  it("rejects duplicates and manifest.json itself", async () => {
    await assert.rejects(
      buildManifest([
        { path: "a", bytes: new Uint8Array(0) },
        { path: "a", bytes: new Uint8Array(1) },
      ]),
      /duplicate manifest path "a"/,
    );
    await assert.rejects(
      buildManifest([{ path: "manifest.json", bytes: new Uint8Array(0) }]),
      /cannot be listed in its own manifest/,
    );
    // a nested manifest.json is an ordinary file
    await buildManifest([{ path: "sub/manifest.json", bytes: new Uint8Array(0) }]);
  });

  it("builds an empty manifest", async () => {
    const built = await buildManifest([]);
    assert.equal(dec(built.bytes), '{"format":"modeldao-manifest/1","files":[]}');
  });
});

describe("manifest: path validation", () => {
  const bad: [string, RegExp][] = [
    ["", /empty/],
    ["/abs", /must be relative/],
    ["a\\b", /backslashes/],
    ["../up", /"\.\." segments/],
    ["a/../b", /"\.\." segments/],
    ["./a", /"\." segments/],
    ["a/./b", /"\." segments/],
    ["..", /"\.\." segments/],
    ["a//b", /empty segment/],
    ["dir/", /empty segment/],
    ["a\nb", /control characters/],
    ["a\u0000", /control characters/],
    ["\ud800x", /unpaired surrogate/],
  ];
  for (const [path, msg] of bad) {
    it(`rejects ${JSON.stringify(path)}`, async () => {
      assert.throws(() => validatePath(path), msg);
      await assert.rejects(buildManifest([{ path, bytes: new Uint8Array(0) }]), msg);
    });
  }
  it("accepts ordinary relative paths", () => {
    for (const p of ["a", "a/b/c.bin", ".hidden", "a..b", "...", "sp ace", "ünï/cødé"]) validatePath(p);
  });
  it("rejects non-strings", () => {
    assert.throws(() => validatePath(42), /not a string/);
  });
});

describe("manifest: parseManifest strictness", () => {
  it("round-trips canonical bytes", async () => {
    const built = await buildManifest(FILES);
    assert.deepEqual(parseManifest(built.bytes), built.manifest);
  });

  const variants: [string, string, RegExp][] = [
    ["whitespace", EXPECTED_TEXT.replace('"files":', '"files": '), /canonical form/],
    ["trailing newline", EXPECTED_TEXT + "\n", /canonical form/],
    ["escaped character", EXPECTED_TEXT.replace('"b.txt"', '"\\u0062.txt"'), /canonical form/],
    [
      "key order",
      EXPECTED_TEXT.replace('{"format":"modeldao-manifest/1","files":', '{"files":').replace(
        /}$/,
        ',"format":"modeldao-manifest/1"}',
      ),
      /exactly the keys format, files/,
    ],
    ["extra key", EXPECTED_TEXT.replace(/}$/, ',"x":1}'), /exactly the keys/],
    ["wrong format", EXPECTED_TEXT.replace("modeldao-manifest/1", "modeldao-manifest/2"), /format must be/],
    [
      "entry key order",
      EXPECTED_TEXT.replace('{"path":"a-b","size":0,', '{"size":0,"path":"a-b",'),
      /files\[0\] must have exactly the keys path, size, sha256/,
    ],
    ["unsorted", EXPECTED_TEXT.replace('"path":"a-b"', '"path":"c"'), /must be sorted/],
    ["negative size", EXPECTED_TEXT.replace('"size":3', '"size":-3'), /non-negative integer/],
    ["fractional size", EXPECTED_TEXT.replace('"size":3', '"size":3.5'), /non-negative integer/],
    ["exponent size", EXPECTED_TEXT.replace('"size":3', '"size":3e0'), /canonical form/],
    ["uppercase hex", EXPECTED_TEXT.replace(X_SHA, X_SHA.toUpperCase()), /64 lowercase hex/],
    ["short hex", EXPECTED_TEXT.replace(X_SHA, X_SHA.slice(2)), /64 lowercase hex/],
    ["bad path", EXPECTED_TEXT.replace('"path":"a-b"', '"path":"../a"'), /"\.\." segments/],
    ["lists itself", EXPECTED_TEXT.replace('"path":"b.txt"', '"path":"manifest.json"'), /lists "manifest.json" itself/],
    ["not JSON", "{", /not valid JSON/],
    ["array", "[]", /must be a JSON object/],
    ["BOM", "\ufeff" + EXPECTED_TEXT, /not valid JSON|canonical/],
  ];
  for (const [name, text, msg] of variants) {
    it(`rejects ${name}`, () => assert.throws(() => parseManifest(enc(text)), msg));
  }
  it("rejects duplicates", () => {
    const dup = EXPECTED_TEXT.replace('"path":"a-b","size":0', '"path":"a/x.bin","size":0');
    assert.throws(() => parseManifest(enc(dup)), /without duplicates/);
  });
  it("rejects invalid UTF-8", () => {
    assert.throws(() => parseManifest(new Uint8Array([0x7b, 0xff, 0x7d])), /not valid UTF-8/);
  });
});

describe("manifest: tamper detection", () => {
  it("accepts the original files", async () => {
    const { manifest } = await buildManifest(FILES);
    for (const f of FILES) await verifyFile(manifest, f.path, f.bytes);
    await verifyFiles(manifest, FILES);
  });

  it("names the file and the size mismatch", async () => {
    const { manifest } = await buildManifest(FILES);
    await assert.rejects(
      verifyFile(manifest, "b.txt", enc("hello!\n")),
      (e: Error) => e.message === 'file "b.txt" does not match the manifest: size expected 6 bytes, actual 7 bytes',
    );
  });

  it("names the file and the sha256 mismatch (same size)", async () => {
    const { manifest } = await buildManifest(FILES);
    const tampered = enc("jello\n");
    const actual = await sha256Hex(tampered);
    await assert.rejects(
      verifyFile(manifest, "b.txt", tampered),
      (e: Error) =>
        e.message === `file "b.txt" does not match the manifest: sha256 expected ${HELLO_SHA}, actual ${actual}`,
    );
  });

  it("compares a digest already known (a one-block file's content address) without hashing, naming the mismatch", async () => {
    const { manifest } = await buildManifest(FILES);
    await verifyFile(manifest, "b.txt", enc("hello\n"), HELLO_SHA);
    const other = await sha256Hex(enc("jello\n"));
    await assert.rejects(
      verifyFile(manifest, "b.txt", enc("hello\n"), other),
      (e: Error) =>
        e.message === `file "b.txt" does not match the manifest: sha256 expected ${HELLO_SHA}, actual ${other}`,
    );
  });

  it("detects a single flipped bit", async () => {
    const { manifest } = await buildManifest(FILES);
    await assert.rejects(verifyFile(manifest, "a/x.bin", new Uint8Array([0, 1, 3])), /a\/x\.bin.*sha256 expected/);
  });

  it("rejects unlisted, missing and repeated files", async () => {
    const { manifest } = await buildManifest(FILES);
    await assert.rejects(verifyFile(manifest, "c.txt", enc("")), /file "c.txt" is not listed in the manifest/);
    await assert.rejects(verifyFiles(manifest, [...FILES, { path: "extra", bytes: enc("") }]), /"extra" is not listed/);
    await assert.rejects(verifyFiles(manifest, FILES.slice(1)), /missing file\(s\) listed in the manifest: "b.txt"/);
    await assert.rejects(verifyFiles(manifest, [...FILES, FILES[0]]), /given twice/);
  });

  it("a changed manifest has a different digest", async () => {
    const a = await buildManifest(FILES);
    const b = await buildManifest([...FILES.slice(1), { path: "b.txt", bytes: enc("hello\r\n") }]);
    assert.notEqual(a.digest, b.digest);
  });
});

describe("manifest: content size", () => {
  it("adds up every file of every manifest", async () => {
    const a = await buildManifest([
      { path: "x.bin", bytes: new Uint8Array(1000) },
      { path: "y/z.bin", bytes: new Uint8Array(24) },
    ]);
    const b = await buildManifest([{ path: "card.json", bytes: enc("{}") }]);
    assert.deepEqual(contentSize([a.manifest, b.manifest]), { bytes: 1026, files: 3 });
    assert.deepEqual(contentSize([]), { bytes: 0, files: 0 });
  });
});
