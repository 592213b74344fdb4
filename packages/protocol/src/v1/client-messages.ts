import { type Decoded, decoded, decodeError } from "../errors.ts";
import type {
  AttributeMessage,
  ClientMessage,
  EventMessage,
  JoinMessage,
  Payload,
} from "../messages.ts";
import { describe, isIndex, isPlainObject } from "./validate.ts";

// Client-to-server frames of protocol v1:
//   join      [0, version, token, seq, attributes?]
//   event     [1, ref, handler, seq, payload?]
//   attribute [2, name, value | null]
//   batch     [3, [event | attribute, ...]]
//   resync    [4]

const MAX_HANDLER_LENGTH = 16;
const MAX_TOKEN_LENGTH = 128;

export function encodeClientMessage(message: ClientMessage): string {
  switch (message.type) {
    case "join":
      return JSON.stringify(
        isEmpty(message.attributes)
          ? [0, message.version, message.token, message.seq]
          : [0, message.version, message.token, message.seq, message.attributes],
      );
    case "event":
      return JSON.stringify(eventTuple(message));
    case "attribute":
      return JSON.stringify([2, message.name, message.value]);
    case "batch":
      return JSON.stringify([
        3,
        message.messages.map((m) => (m.type === "event" ? eventTuple(m) : [2, m.name, m.value])),
      ]);
    case "resync":
      return "[4]";
  }
}

function eventTuple(m: EventMessage): unknown[] {
  return isEmpty(m.payload)
    ? [1, m.ref, m.handler, m.seq]
    : [1, m.ref, m.handler, m.seq, m.payload];
}

function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}

export function decodeClientValue(value: unknown, maxBatch: number): Decoded<ClientMessage> {
  if (!Array.isArray(value) || value.length === 0) {
    return decodeError("bad-shape", `expected a message array, got ${describe(value)}`);
  }
  switch (value[0]) {
    case 0:
      return decodeJoin(value);
    case 1:
      return decodeEvent(value);
    case 2:
      return decodeAttribute(value);
    case 3:
      return decodeBatch(value, maxBatch);
    case 4:
      return value.length === 1
        ? decoded({ type: "resync" })
        : decodeError("bad-shape", "resync takes no fields");
    default:
      return decodeError("unknown-tag", `unknown client message tag ${describe(value[0])}`);
  }
}

/** Reads a join frame; its first two fields are the same in every protocol version. */
export function decodeJoin(value: readonly unknown[]): Decoded<JoinMessage> {
  const [, version, token, seq, attributes = {}] = value;
  if (!isIndex(version))
    return decodeError("bad-shape", `join: expected a version number, got ${describe(version)}`);
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) {
    return decodeError("bad-shape", `join: expected a token string, got ${describe(token)}`);
  }
  if (!isIndex(seq))
    return decodeError("bad-shape", `join: expected a sequence number, got ${describe(seq)}`);
  if (!isStringRecord(attributes) || value.length > 5) {
    return decodeError("bad-shape", "join: expected [0, version, token, seq, attributes?]");
  }
  return decoded({ type: "join", version, token, seq, attributes });
}

function decodeEvent(value: readonly unknown[]): Decoded<EventMessage> {
  const [, ref, handler, seq, payload = {}] = value;
  if (
    !isIndex(ref) ||
    typeof handler !== "string" ||
    handler.length === 0 ||
    handler.length > MAX_HANDLER_LENGTH ||
    !isIndex(seq) ||
    !isPlainObject(payload) ||
    value.length > 5
  ) {
    return decodeError("bad-shape", "event: expected [1, ref, handler, seq, payload?]");
  }
  return decoded({ type: "event", ref, handler, seq, payload: payload as Payload });
}

function decodeAttribute(value: readonly unknown[]): Decoded<AttributeMessage> {
  const [, name, attributeValue] = value;
  if (
    value.length !== 3 ||
    typeof name !== "string" ||
    name === "" ||
    (attributeValue !== null && typeof attributeValue !== "string")
  ) {
    return decodeError("bad-shape", "attribute: expected [2, name, value | null]");
  }
  return decoded({ type: "attribute", name, value: attributeValue });
}

function decodeBatch(value: readonly unknown[], maxBatch: number): Decoded<ClientMessage> {
  const items = value[1];
  if (value.length !== 2 || !Array.isArray(items)) {
    return decodeError("bad-shape", "batch: expected [3, [messages]]");
  }
  if (items.length > maxBatch) {
    return decodeError(
      "too-large",
      `batch of ${items.length} messages exceeds the limit of ${maxBatch}`,
    );
  }
  const messages: (EventMessage | AttributeMessage)[] = [];
  for (const item of items) {
    const tag = Array.isArray(item) ? item[0] : undefined;
    if (tag !== 1 && tag !== 2) {
      return decodeError("bad-shape", "batch: only events and attribute changes may be batched");
    }
    const result = tag === 1 ? decodeEvent(item) : decodeAttribute(item);
    if (!result.ok) return result;
    messages.push(result.value);
  }
  return decoded({ type: "batch", messages });
}

function isStringRecord(value: unknown): value is Record<string, string> {
  if (!isPlainObject(value)) return false;
  for (const key in value) if (typeof value[key] !== "string") return false;
  return true;
}
