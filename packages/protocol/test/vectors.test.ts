import { describe, expect, test } from "vitest";
import {
  AckStatus,
  type ClientMessage,
  type Decoded,
  ErrorCode,
  OP_ARITY,
  Op,
  type Patch,
  type ServerMessage,
} from "../src/index.ts";
import {
  clientVectors,
  codec,
  type InvalidVector,
  invalidClientVectors,
  invalidServerVectors,
  serverVectors,
  type ValidVector,
} from "./fixtures.ts";

const ERROR_CODES = ["too-large", "too-deep", "not-json", "bad-shape", "unknown-tag"];

function checkValid<M>(
  vector: ValidVector<M>,
  decode: (text: string) => Decoded<M>,
  encode: (message: M) => string,
): void {
  expect(decode(vector.wire)).toEqual({ ok: true, value: vector.message });
  expect(encode(vector.message)).toBe(vector.wire);
}

function checkInvalid<M>(vector: InvalidVector, decode: (text: string) => Decoded<M>): void {
  const result = decode(vector.wire);
  expect(result).toMatchObject({ ok: false, code: vector.code });
  if (!result.ok) expect(result.message).not.toBe("");
}

describe("client vectors", () => {
  test.each(clientVectors)("$name", (vector) => {
    checkValid(vector, (text) => codec.decodeClient(text), codec.encodeClient);
  });

  test("cover every client message type", () => {
    const types = new Set(clientVectors.map((v) => v.message.type));
    expect([...types].sort()).toEqual(["attribute", "batch", "event", "join", "resync"]);
  });
});

describe("server vectors", () => {
  test.each(serverVectors)("$name", (vector) => {
    checkValid(vector, (text) => codec.decodeServer(text), codec.encodeServer);
  });

  test("cover every server message type, op code, ack status and error code", () => {
    const messages = serverVectors.map((v) => v.message);
    const types = new Set(messages.map((m) => m.type));
    expect([...types].sort()).toEqual(["ack", "emit", "error", "mount", "patch"]);
    const ops = new Set(messages.flatMap((m) => (m.type === "patch" ? opCodes(m.ops) : [])));
    expect([...ops].sort()).toEqual(Object.values(Op).sort());
    const statuses = new Set(messages.flatMap((m) => (m.type === "ack" ? [m.status] : [])));
    expect([...statuses].sort()).toEqual(Object.values(AckStatus).sort());
    const codes = new Set(messages.flatMap((m) => (m.type === "error" ? [m.code] : [])));
    expect([...codes].sort()).toEqual(Object.values(ErrorCode).sort());
  });
});

describe("invalid client vectors", () => {
  test.each(invalidClientVectors)("$name", (vector) => {
    checkInvalid<ClientMessage>(vector, (text) => codec.decodeClient(text));
  });
});

describe("invalid server vectors", () => {
  test.each(invalidServerVectors)("$name", (vector) => {
    checkInvalid<ServerMessage>(vector, (text) => codec.decodeServer(text));
  });
});

test("vector files hold uniquely named entries with exactly the documented fields", () => {
  const files = [
    [clientVectors, ["message", "name", "wire"]],
    [serverVectors, ["message", "name", "wire"]],
    [invalidClientVectors, ["code", "name", "wire"]],
    [invalidServerVectors, ["code", "name", "wire"]],
  ] as const;
  for (const [vectors, fields] of files) {
    expect(new Set(vectors.map((v) => v.name)).size).toBe(vectors.length);
    for (const vector of vectors) {
      expect(Object.keys(vector).sort()).toEqual(fields);
      if ("code" in vector) expect(ERROR_CODES).toContain(vector.code);
    }
  }
});

/** The operation codes of a well-formed patch, skipping paths and arguments. */
function opCodes(ops: Patch): number[] {
  const codes: number[] = [];
  for (let i = 0; i < ops.length; i++) {
    const token = ops[i];
    if (typeof token !== "number") continue;
    codes.push(token);
    i += OP_ARITY[token] as number;
  }
  return codes;
}
