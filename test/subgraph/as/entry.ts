// Test entry for the mapping tests (AssemblyScript, compiled by test/subgraph/host.ts with graph-cli's asc and the
// same flags `graph build` uses). It re-exports every mapping handler unchanged, so the host calls
// `handleProposalCreated(eventPtr)` exactly as graph-node does, and adds small constructors and readers so that the
// JS host never needs to know the memory layout of graph-ts classes: it builds `ethereum.Event`s, store entities and
// JSON values by calling these, and reads entities back through them.
import {
  Address,
  BigInt,
  Bytes,
  Entity,
  ethereum,
  JSONValue,
  JSONValueKind,
  Result,
  TypedMap,
  Value,
  Wrapped,
} from "@graphprotocol/graph-ts";

export * from "../../../subgraph/src/token";
export * from "../../../subgraph/src/governor";
export * from "../../../subgraph/src/timelock";
export * from "../../../subgraph/src/treasury";
export * from "../../../subgraph/src/kill-switch";
export * from "../../../subgraph/src/dataset-registry";
export * from "../../../subgraph/src/model-registry";
export { parseBps, parseCount } from "../../../subgraph/src/receipt";

// Memory

export function t_stringId(): u32 {
  return idof<string>();
}
export function t_newBytes(length: i32): Bytes {
  return new Bytes(length);
}
export function t_newAddress(): Address {
  return changetype<Address>(new Bytes(20));
}
export function t_newBigInt(length: i32): BigInt {
  return changetype<BigInt>(new Bytes(length));
}
export function t_bytesData(bytes: Uint8Array): usize {
  return bytes.dataStart;
}
export function t_bytesLength(bytes: Uint8Array): i32 {
  return bytes.length;
}

// ethereum.Value and ethereum.Event

export function t_ethAddress(a: Address): ethereum.Value {
  return ethereum.Value.fromAddress(a);
}
export function t_ethFixedBytes(b: Bytes): ethereum.Value {
  return ethereum.Value.fromFixedBytes(b);
}
export function t_ethBytes(b: Bytes): ethereum.Value {
  return ethereum.Value.fromBytes(b);
}
export function t_ethUint(n: BigInt): ethereum.Value {
  return ethereum.Value.fromUnsignedBigInt(n);
}
export function t_ethInt(n: BigInt): ethereum.Value {
  return ethereum.Value.fromSignedBigInt(n);
}
export function t_ethBool(b: bool): ethereum.Value {
  return ethereum.Value.fromBoolean(b);
}
export function t_ethString(s: string): ethereum.Value {
  return ethereum.Value.fromString(s);
}
export function t_ethList(): Array<ethereum.Value> {
  return new Array<ethereum.Value>(0);
}
export function t_ethListPush(list: Array<ethereum.Value>, value: ethereum.Value): void {
  list.push(value);
}
export function t_ethArray(list: Array<ethereum.Value>): ethereum.Value {
  return ethereum.Value.fromArray(list);
}
export function t_ethTuple(list: Array<ethereum.Value>): ethereum.Value {
  return ethereum.Value.fromTuple(changetype<ethereum.Tuple>(list));
}

export function t_newEvent(
  address: Address,
  logIndex: BigInt,
  blockHash: Bytes,
  blockNumber: BigInt,
  timestamp: BigInt,
  txHash: Bytes,
  txIndex: BigInt,
  from: Address,
  to: Address | null,
): ethereum.Event {
  const zero = BigInt.zero();
  const empty = new Bytes(0);
  const block = new ethereum.Block(
    blockHash,
    empty,
    empty,
    Address.zero(),
    empty,
    empty,
    empty,
    blockNumber,
    zero,
    zero,
    timestamp,
    zero,
    zero,
    null,
    null,
  );
  const transaction = new ethereum.Transaction(txHash, txIndex, from, to, zero, zero, zero, empty, zero);
  return new ethereum.Event(address, logIndex, zero, null, block, transaction, new Array<ethereum.EventParam>(0), null);
}
export function t_eventParam(event: ethereum.Event, name: string, value: ethereum.Value): void {
  event.parameters.push(new ethereum.EventParam(name, value));
}

// Store values (entities), both ways

export function t_entityNew(): Entity {
  return new Entity();
}
export function t_entitySet(entity: Entity, key: string, value: Value): void {
  entity.set(key, value);
}
export function t_entityLength(entity: Entity): i32 {
  return entity.entries.length;
}
export function t_entityKey(entity: Entity, i: i32): string {
  return entity.entries[i].key;
}
export function t_entityValue(entity: Entity, i: i32): Value {
  return entity.entries[i].value;
}
export function t_valueKind(value: Value): i32 {
  return value.kind;
}
export function t_valueString(value: Value): string {
  return value.toString();
}
export function t_valueI32(value: Value): i32 {
  return value.toI32();
}
export function t_valueBool(value: Value): bool {
  return value.toBoolean();
}
export function t_valueBytes(value: Value): Bytes {
  return value.toBytes();
}
export function t_valueBigInt(value: Value): BigInt {
  return value.toBigInt();
}
export function t_valueArrayLength(value: Value): i32 {
  return value.toArray().length;
}
export function t_valueArrayGet(value: Value, i: i32): Value {
  return value.toArray()[i];
}
export function t_fromString(s: string): Value {
  return Value.fromString(s);
}
export function t_fromI32(i: i32): Value {
  return Value.fromI32(i);
}
export function t_fromBool(b: bool): Value {
  return Value.fromBoolean(b);
}
export function t_fromBytes(b: Bytes): Value {
  return Value.fromBytes(b);
}
export function t_fromBigInt(n: BigInt): Value {
  return Value.fromBigInt(n);
}
export function t_fromNull(): Value {
  return Value.fromNull();
}
export function t_valueList(): Array<Value> {
  return new Array<Value>(0);
}
export function t_valueListPush(list: Array<Value>, value: Value): void {
  list.push(value);
}
export function t_fromList(list: Array<Value>): Value {
  return Value.fromArray(list);
}

// JSON values (what graph-node's json.try_fromBytes returns)

function jsonValue(kind: JSONValueKind, data: u64): JSONValue {
  const value = new JSONValue();
  value.kind = kind;
  value.data = data;
  return value;
}
export function t_jsonNull(): JSONValue {
  return jsonValue(JSONValueKind.NULL, 0);
}
export function t_jsonBool(b: bool): JSONValue {
  return jsonValue(JSONValueKind.BOOL, b ? 1 : 0);
}
/** Numbers are carried as their decimal text, as graph-node does. */
export function t_jsonNumber(text: string): JSONValue {
  return jsonValue(JSONValueKind.NUMBER, changetype<usize>(text));
}
export function t_jsonString(s: string): JSONValue {
  return jsonValue(JSONValueKind.STRING, changetype<usize>(s));
}
export function t_jsonList(): Array<JSONValue> {
  return new Array<JSONValue>(0);
}
export function t_jsonListPush(list: Array<JSONValue>, value: JSONValue): void {
  list.push(value);
}
export function t_jsonArray(list: Array<JSONValue>): JSONValue {
  return jsonValue(JSONValueKind.ARRAY, changetype<usize>(list));
}
export function t_jsonMap(): TypedMap<string, JSONValue> {
  return new TypedMap<string, JSONValue>();
}
export function t_jsonMapSet(map: TypedMap<string, JSONValue>, key: string, value: JSONValue): void {
  map.set(key, value);
}
export function t_jsonObject(map: TypedMap<string, JSONValue>): JSONValue {
  return jsonValue(JSONValueKind.OBJECT, changetype<usize>(map));
}
export function t_jsonOk(value: JSONValue): Result<JSONValue, boolean> {
  const result = new Result<JSONValue, boolean>();
  result._value = new Wrapped<JSONValue>(value);
  return result;
}
export function t_jsonError(): Result<JSONValue, boolean> {
  const result = new Result<JSONValue, boolean>();
  result._error = new Wrapped<boolean>(true);
  return result;
}
