import { type Decoded, decoded, decodeError } from "../errors.ts";
import { decodeJoin, encodeJoin, MAX_URL_LENGTH } from "../join.ts";
import type { AttributeMessage, ClientMessage, EventMessage, Json, Payload } from "../messages.ts";
import { describe, isEmpty, isIndex, isPlainObject } from "./validate.ts";

// Client-to-server frames of protocol v1:
//   join      see ../join.ts (its shape depends on the version it states)
//   event     [1, ref, handler, seq, payload?]
//   attribute [2, name, value | null]
//   batch     [3, [event | attribute, ...]]
//   resync    [4]
//   navigated [5, url]
//   cast      [6, name, detail?]

const MAX_HANDLER_LENGTH = 16;
const MAX_NAME_LENGTH = 128;

export function encodeClientMessage(message: ClientMessage): string {
  switch (message.type) {
    case "join":
      return encodeJoin(message);
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
    case "navigated":
      return JSON.stringify([5, message.url]);
    case "cast":
      return JSON.stringify(
        message.detail === null ? [6, message.name] : [6, message.name, message.detail],
      );
  }
}

function eventTuple(m: EventMessage): unknown[] {
  return isEmpty(m.payload)
    ? [1, m.ref, m.handler, m.seq]
    : [1, m.ref, m.handler, m.seq, m.payload];
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
    case 5:
      return value.length === 2 && typeof value[1] === "string" && value[1].length <= MAX_URL_LENGTH
        ? decoded({ type: "navigated", url: value[1] })
        : decodeError("bad-shape", `navigated: expected [5, url], got ${describe(value)}`);
    case 6: {
      const [, name, detail = null] = value;
      if (
        typeof name !== "string" ||
        name === "" ||
        name.length > MAX_NAME_LENGTH ||
        value.length > 3
      ) {
        return decodeError(
          "bad-shape",
          `cast: expected [6, name, detail?], got ${describe(value)}`,
        );
      }
      return decoded({ type: "cast", name, detail: detail as Json });
    }
    default:
      return decodeError("unknown-tag", `unknown client message tag ${describe(value[0])}`);
  }
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
