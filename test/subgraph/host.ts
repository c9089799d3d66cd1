// A small graph-node stand-in for the mapping tests: compiles the mappings (through test/subgraph/as/entry.ts) with
// graph-cli's own AssemblyScript compiler and flags, instantiates the wasm with the host functions the mappings
// import (store, type conversions, BigInt arithmetic, JSON, abort), decodes recorded chain logs with the contracts'
// ABIs and calls the manifest's handlers with real `ethereum.Event` objects, as graph-node does. Any import the wasm
// needs that is not implemented here throws, naming it, the moment it is called (and `missingImports` lists them).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { bytesToHex, decodeEventLog, hexToBytes, type Abi, type AbiParameter, type Hex } from "viem";
import { abis } from "../../web/src/contracts/abis.ts";
import { DATA_SOURCES } from "../../scripts/subgraph/prepare.ts";
import type { ContractName } from "../../scripts/lib/deployments.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const ENTRY = path.join("test", "subgraph", "as", "entry.ts");

type Asc = {
  ready: Promise<void>;
  main(argv: string[], options: { stdout: unknown; stderr: unknown }, callback: (error?: Error) => number): number;
};

/** Compiles the test entry with the flags `graph build` passes to asc (graph-cli 0.98 dist/compiler/asc.js). */
export async function compileMappings(): Promise<Uint8Array> {
  const asc = createRequire(import.meta.url)("assemblyscript/cli/asc") as Asc;
  await asc.ready;
  const dir = mkdtempSync(path.join(tmpdir(), "modeldao-subgraph-"));
  const out = path.join(dir, "entry.wasm");
  let log = "";
  const sink = { write: (chunk: string) => ((log += chunk), true) };
  const global = path.join("node_modules", "@graphprotocol", "graph-ts", "global", "global.ts");
  let failure: Error | undefined;
  const code = asc.main(
    [
      "--explicitStart",
      "--exportRuntime",
      "--runtime",
      "stub",
      ENTRY,
      global,
      "--baseDir",
      root,
      "--lib",
      path.join(root, "node_modules"),
      "--outFile",
      out,
      "--optimize",
      "--debug",
    ],
    { stdout: sink, stderr: sink },
    (error) => {
      failure = error;
      return 0;
    },
  );
  if (failure || code !== 0) throw new Error(`asc failed (${code}): ${failure?.message ?? ""}\n${log}`);
  try {
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A stored field: the store's value kinds (graph-ts ValueKind) mapped to JS. */
export type StoreValue = string | number | boolean | bigint | null | StoreValue[];
export type StoredEntity = Record<string, StoreValue>;

const VALUE_KIND = { STRING: 0, INT: 1, BIGDECIMAL: 2, BOOL: 3, ARRAY: 4, NULL: 5, BYTES: 6, BIGINT: 7 } as const;

/** Required (non-null) and known fields of every entity type, read from schema.graphql, to check what is saved. */
export function readSchema(file = path.join(root, "subgraph", "schema.graphql")) {
  const text = readFileSync(file, "utf8")
    .replace(/"""[\s\S]*?"""/g, "")
    .replace(/#[^\n]*/g, "")
    .replace(/"[^"\n]*"/g, "");
  const types = new Map<string, { fields: Map<string, { required: boolean; base: string }> }>();
  for (const match of text.matchAll(/type\s+(\w+)\s+@entity[^{]*\{([^}]*)\}/g)) {
    const fields = new Map<string, { required: boolean; base: string }>();
    for (const line of match[2].split("\n")) {
      const field = /^\s*(\w+)\s*:\s*([^@\n]+?)\s*(@derivedFrom.*)?$/.exec(line);
      if (!field || field[3]) continue;
      fields.set(field[1], { required: field[2].endsWith("!"), base: field[2].replace(/[[\]!\s]/g, "") });
    }
    types.set(match[1], { fields });
  }
  return types;
}

function toSignedLE(n: bigint): Uint8Array {
  const bytes: number[] = [];
  let x = n;
  for (;;) {
    const byte = Number(x & 0xffn);
    x >>= 8n; // arithmetic shift: keeps the sign
    bytes.push(byte);
    if ((x === 0n && (byte & 0x80) === 0) || (x === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(bytes);
}

function fromSignedLE(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]);
  if (bytes[bytes.length - 1] & 0x80) n -= 1n << BigInt(bytes.length * 8);
  return n;
}

type Fn = (...args: number[]) => number;

export type RecordedLog = {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockNumber: number;
  logIndex: number;
  transactionHash: Hex;
};
export type Fixture = {
  deployment: { chainId: number; startBlock: number; contracts: Record<ContractName, Hex> };
  blocks: Record<string, { hash: Hex; timestamp: number }>;
  transactions: Record<string, { from: Hex; to: Hex | null; index: number }>;
  logs: RecordedLog[];
  chain: Record<string, unknown>;
};

export class SubgraphHost {
  readonly store = new Map<string, Map<string, StoredEntity>>();
  readonly calls = new Map<string, number>();
  readonly module: WebAssembly.Module;
  readonly schema = readSchema();
  private exports!: Record<string, Fn> & { memory: WebAssembly.Memory };
  private stringId = 0;

  constructor(wasm: Uint8Array) {
    this.module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
    const implemented = this.hostFunctions();
    const imports: Record<string, Record<string, Fn>> = {};
    for (const { module, name } of WebAssembly.Module.imports(this.module)) {
      const key = `${module}.${name}`;
      imports[module] ??= {};
      imports[module][name] =
        implemented[key] ??
        (() => {
          throw new Error(`host import ${key} is not implemented by test/subgraph/host.ts`);
        });
    }
    const instance = new WebAssembly.Instance(this.module, imports as WebAssembly.Imports);
    this.exports = instance.exports as typeof this.exports;
    this.exports._start();
    this.stringId = this.exports.t_stringId();
  }

  /** Imports of the compiled mappings that this host does not implement. */
  missingImports(): string[] {
    const implemented = this.hostFunctions();
    return WebAssembly.Module.imports(this.module)
      .map(({ module, name }) => `${module}.${name}`)
      .filter((key) => !implemented[key]);
  }

  // Memory: strings are UTF-16 with their byte length in the object header; byte arrays are read through the entry.

  readString(ptr: number): string {
    if (ptr === 0) throw new Error("null string pointer");
    const bytes = new DataView(this.exports.memory.buffer).getUint32(ptr - 4, true);
    return new TextDecoder("utf-16le").decode(new Uint8Array(this.exports.memory.buffer, ptr, bytes));
  }
  newString(s: string): number {
    const ptr = this.exports.__new(s.length * 2, this.stringId);
    const view = new Uint16Array(this.exports.memory.buffer, ptr, s.length);
    for (let i = 0; i < s.length; i++) view[i] = s.charCodeAt(i);
    return ptr;
  }
  readBytes(ptr: number): Uint8Array {
    const data = this.exports.t_bytesData(ptr);
    const length = this.exports.t_bytesLength(ptr);
    return new Uint8Array(this.exports.memory.buffer.slice(data, data + length));
  }
  private fill(ptr: number, bytes: Uint8Array) {
    new Uint8Array(this.exports.memory.buffer, this.exports.t_bytesData(ptr), bytes.length).set(bytes);
    return ptr;
  }
  newBytes(bytes: Uint8Array): number {
    return this.fill(this.exports.t_newBytes(bytes.length), bytes);
  }
  newAddress(address: Hex): number {
    return this.fill(this.exports.t_newAddress(), hexToBytes(address));
  }
  newBigInt(n: bigint): number {
    const bytes = toSignedLE(n);
    return this.fill(this.exports.t_newBigInt(bytes.length), bytes);
  }
  readBigInt(ptr: number): bigint {
    return fromSignedLE(this.readBytes(ptr));
  }

  private hostFunctions(): Record<string, Fn> {
    const bigOp = (op: (a: bigint, b: bigint) => bigint) => (a: number, b: number) =>
      this.newBigInt(op(this.readBigInt(a), this.readBigInt(b)));
    return {
      "env.abort": (message: number, file: number, line: number, column: number) => {
        const text = message ? this.readString(message) : "(no message)";
        const where = file ? this.readString(file) : "?";
        throw new Error(`mapping aborted: ${text} at ${where}:${line}:${column}`);
      },
      "conversion.typeConversion.bytesToHex": (ptr: number) => this.newString(bytesToHex(this.readBytes(ptr))),
      "conversion.typeConversion.bigIntToString": (ptr: number) => this.newString(this.readBigInt(ptr).toString()),
      "numbers.bigInt.plus": bigOp((a, b) => a + b),
      "numbers.bigInt.minus": bigOp((a, b) => a - b),
      "numbers.bigInt.times": bigOp((a, b) => a * b),
      "numbers.bigInt.dividedBy": bigOp((a, b) => {
        if (b === 0n) throw new Error("bigInt.dividedBy: division by zero");
        return a / b; // truncates toward zero, like graph-node's BigInt
      }),
      "index.store.get": (entity: number, id: number) => this.storeGet(this.readString(entity), this.readString(id)),
      "index.store.set": (entity: number, id: number, data: number) => {
        this.storeSet(this.readString(entity), this.readString(id), data);
        return 0;
      },
      "json.json.try_fromBytes": (ptr: number) => this.jsonTryFromBytes(this.readBytes(ptr)),
    };
  }

  // Store

  private readValue(ptr: number): StoreValue {
    const e = this.exports;
    const kind = e.t_valueKind(ptr);
    switch (kind) {
      case VALUE_KIND.STRING:
        return this.readString(e.t_valueString(ptr));
      case VALUE_KIND.INT:
        return e.t_valueI32(ptr);
      case VALUE_KIND.BOOL:
        return e.t_valueBool(ptr) !== 0;
      case VALUE_KIND.NULL:
        return null;
      case VALUE_KIND.BYTES:
        return bytesToHex(this.readBytes(e.t_valueBytes(ptr)));
      case VALUE_KIND.BIGINT:
        return this.readBigInt(e.t_valueBigInt(ptr));
      case VALUE_KIND.ARRAY: {
        const items: StoreValue[] = [];
        for (let i = 0; i < e.t_valueArrayLength(ptr); i++) items.push(this.readValue(e.t_valueArrayGet(ptr, i)));
        return items;
      }
      default:
        throw new Error(`store value kind ${kind} is not supported by the test host`);
    }
  }

  private writeValue(value: StoreValue, bytesFields: boolean): number {
    const e = this.exports;
    if (value === null) return e.t_fromNull();
    if (typeof value === "string") {
      return bytesFields
        ? e.t_fromBytes(this.newBytes(hexToBytes(value as Hex)))
        : e.t_fromString(this.newString(value));
    }
    if (typeof value === "number") return e.t_fromI32(value);
    if (typeof value === "boolean") return e.t_fromBool(value ? 1 : 0);
    if (typeof value === "bigint") return e.t_fromBigInt(this.newBigInt(value));
    const list = e.t_valueList();
    for (const item of value) e.t_valueListPush(list, this.writeValue(item, bytesFields));
    return e.t_fromList(list);
  }

  private storeSet(type: string, id: string, ptr: number) {
    this.count(`store.set:${type}`);
    const schema = this.schema.get(type);
    if (!schema) throw new Error(`store.set: ${type} is not an entity type of schema.graphql`);
    const e = this.exports;
    const table = this.store.get(type) ?? new Map<string, StoredEntity>();
    this.store.set(type, table);
    // graph-node merges a set into the stored entity; a null value removes the field.
    const merged: StoredEntity = { ...(table.get(id) ?? {}) };
    for (let i = 0; i < e.t_entityLength(ptr); i++) {
      const key = this.readString(e.t_entityKey(ptr, i));
      if (!schema.fields.has(key)) throw new Error(`store.set: ${type}.${key} is not in schema.graphql`);
      const value = this.readValue(e.t_entityValue(ptr, i));
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    if (merged.id !== id) throw new Error(`store.set: ${type} ${id} saved with id ${String(merged.id)}`);
    for (const [field, { required }] of schema.fields) {
      if (required && merged[field] === undefined) throw new Error(`store.set: ${type} ${id} lacks required ${field}`);
    }
    table.set(id, merged);
  }

  private storeGet(type: string, id: string): number {
    this.count(`store.get:${type}`);
    const stored = this.store.get(type)?.get(id);
    if (!stored) return 0;
    const e = this.exports;
    const fields = this.schema.get(type)!.fields;
    const entity = e.t_entityNew();
    for (const [key, value] of Object.entries(stored)) {
      const isBytes = fields.get(key)!.base === "Bytes";
      e.t_entitySet(entity, this.newString(key), this.writeValue(value, isBytes));
    }
    return entity;
  }

  // JSON, as graph-node's json.try_fromBytes: numbers keep their source text.

  private jsonTryFromBytes(bytes: Uint8Array): number {
    this.count("json.try_fromBytes");
    let parsed: unknown;
    try {
      const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      parsed = JSON.parse(text, (_key, value, context?: { source?: string }) =>
        typeof value === "number" ? { __number: context?.source ?? String(value) } : value,
      );
    } catch {
      return this.exports.t_jsonError();
    }
    return this.exports.t_jsonOk(this.writeJson(parsed));
  }

  private writeJson(value: unknown): number {
    const e = this.exports;
    if (value === null) return e.t_jsonNull();
    if (typeof value === "boolean") return e.t_jsonBool(value ? 1 : 0);
    if (typeof value === "string") return e.t_jsonString(this.newString(value));
    if (Array.isArray(value)) {
      const list = e.t_jsonList();
      for (const item of value) e.t_jsonListPush(list, this.writeJson(item));
      return e.t_jsonArray(list);
    }
    const object = value as Record<string, unknown>;
    if (typeof object.__number === "string" && Object.keys(object).length === 1) {
      return e.t_jsonNumber(this.newString(object.__number));
    }
    const map = e.t_jsonMap();
    for (const [key, item] of Object.entries(object)) e.t_jsonMapSet(map, this.newString(key), this.writeJson(item));
    return e.t_jsonObject(map);
  }

  private count(key: string) {
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
  }

  // Events

  private ethValue(type: string, value: unknown, components?: readonly AbiParameter[]): number {
    const e = this.exports;
    const array = /^(.*)\[(\d*)\]$/.exec(type);
    if (array) {
      if (array[2] !== "") throw new Error(`fixed-size array ${type} is not supported by the test host`);
      const list = e.t_ethList();
      for (const item of value as unknown[]) e.t_ethListPush(list, this.ethValue(array[1], item, components));
      return e.t_ethArray(list);
    }
    if (type === "tuple") {
      const list = e.t_ethList();
      components!.forEach((component, i) => {
        const item = Array.isArray(value) ? value[i] : (value as Record<string, unknown>)[component.name!];
        e.t_ethListPush(
          list,
          this.ethValue(component.type, item, (component as { components?: AbiParameter[] }).components),
        );
      });
      return e.t_ethTuple(list);
    }
    if (type === "address") return e.t_ethAddress(this.newAddress(value as Hex));
    if (type === "bool") return e.t_ethBool(value ? 1 : 0);
    if (type === "string") return e.t_ethString(this.newString(value as string));
    if (type === "bytes") return e.t_ethBytes(this.newBytes(hexToBytes(value as Hex)));
    if (/^bytes\d+$/.test(type)) return e.t_ethFixedBytes(this.newBytes(hexToBytes(value as Hex)));
    if (/^uint\d*$/.test(type)) return e.t_ethUint(this.newBigInt(BigInt(value as bigint | number)));
    if (/^int\d*$/.test(type)) return e.t_ethInt(this.newBigInt(BigInt(value as bigint | number)));
    throw new Error(`ABI type ${type} is not supported by the test host`);
  }

  /**
   * Feeds one recorded log: finds the data source by address, decodes the log with its ABI and, if the manifest
   * handles that event, calls the handler. Returns the handler name, or null for events the manifest ignores.
   */
  feed(log: RecordedLog, fixture: Fixture): string | null {
    const contracts = fixture.deployment.contracts;
    const source = DATA_SOURCES.find((s) => contracts[s.contract].toLowerCase() === log.address.toLowerCase());
    if (!source) throw new Error(`log from ${log.address}, which is no data source`);
    const abi = abis[source.contract] as Abi;
    const decoded = decodeEventLog({ abi, data: log.data, topics: log.topics as [Hex, ...Hex[]] });
    if (!decoded.eventName || !source.events.includes(decoded.eventName)) return null;
    const handler = `handle${decoded.eventName}`;
    const definition = abi.find((x) => x.type === "event" && x.name === decoded.eventName) as {
      inputs: readonly AbiParameter[];
    };
    const block = fixture.blocks[String(log.blockNumber)];
    const tx = fixture.transactions[log.transactionHash];
    const e = this.exports;
    const event = e.t_newEvent(
      this.newAddress(log.address),
      this.newBigInt(BigInt(log.logIndex)),
      this.newBytes(hexToBytes(block.hash)),
      this.newBigInt(BigInt(log.blockNumber)),
      this.newBigInt(BigInt(block.timestamp)),
      this.newBytes(hexToBytes(log.transactionHash)),
      this.newBigInt(BigInt(tx.index)),
      this.newAddress(tx.from),
      tx.to ? this.newAddress(tx.to) : 0,
    );
    const args = decoded.args as unknown as Record<string, unknown>;
    for (const input of definition.inputs) {
      const value = this.ethValue(input.type, args[input.name!], (input as { components?: AbiParameter[] }).components);
      e.t_eventParam(event, this.newString(input.name!), value);
    }
    const run = e[handler];
    if (!run) throw new Error(`the compiled mappings export no ${handler}`);
    run(event);
    this.count(handler);
    return handler;
  }

  /** Calls an exported function of the entry that takes and returns a string-or-null (for small pure helpers). */
  callI32(name: string, text: string | null): number {
    return this.exports[name](text === null ? 0 : this.newString(text));
  }

  entities(type: string): StoredEntity[] {
    return [...(this.store.get(type)?.values() ?? [])];
  }
  entity(type: string, id: string): StoredEntity | undefined {
    return this.store.get(type)?.get(id);
  }
}
