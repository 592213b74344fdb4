import { describe, expect, test } from "vitest";
import {
  AckStatus,
  type ClientMessage,
  type Decoded,
  ErrorCode,
  OP_ARITY,
  Op,
  type Patch,
  parseBinding,
  type ServerMessage,
} from "../src/index.ts";
import { type InvalidVector, type ValidVector, type VectorSet, vectorSets } from "./fixtures.ts";

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

describe.each(vectorSets)("protocol v$version", (set) => {
  const { version, codec, client, server, invalidClient, invalidServer } = set;

  describe("client vectors", () => {
    test.each(client)("$name", (vector) => {
      checkValid(vector, (text) => codec.decodeClient(text), codec.encodeClient);
    });

    test("cover every client message type", () => {
      const types = new Set(client.map((v) => v.message.type));
      expect([...types].sort()).toEqual([
        "attribute",
        "batch",
        "cast",
        "event",
        "join",
        "navigated",
        "resync",
      ]);
    });
  });

  describe("server vectors", () => {
    test.each(server)("$name", (vector) => {
      checkValid(vector, (text) => codec.decodeServer(text), codec.encodeServer);
    });

    test("cover every server message type, op code, ack status and error code", () => {
      const messages = server.map((v) => v.message);
      const types = new Set(messages.map((m) => m.type));
      expect([...types].sort()).toEqual([
        "ack",
        "emit",
        "error",
        "mount",
        "navigate",
        "patch",
        "title",
      ]);
      const ops = new Set(messages.flatMap((m) => (m.type === "patch" ? opCodes(m.ops) : [])));
      expect([...ops].sort()).toEqual(Object.values(Op).sort());
      const statuses = new Set(messages.flatMap((m) => (m.type === "ack" ? [m.status] : [])));
      expect([...statuses].sort()).toEqual(Object.values(AckStatus).sort());
      const codes = new Set(messages.flatMap((m) => (m.type === "error" ? [m.code] : [])));
      expect([...codes].sort()).toEqual(Object.values(ErrorCode).sort());
    });
  });

  test("join vectors cover every way join's trailing fields are written", () => {
    const joins = client.flatMap((v) => (v.message.type === "join" ? [v.message] : []));
    expect(joins.every((m) => m.version === version)).toBe(true);
    // From v2 a join always names its page; v1 has no page.
    expect(joins.every((m) => (version >= 2 ? m.page !== "" : m.page === ""))).toBe(true);
    const empty = (record: object) => Object.keys(record).length === 0;
    expect(joins.some((m) => m.url === "" && empty(m.attributes))).toBe(true);
    expect(joins.some((m) => m.url === "" && !empty(m.attributes))).toBe(true);
    expect(joins.some((m) => m.url !== "" && empty(m.attributes))).toBe(true);
    expect(joins.some((m) => m.url !== "" && !empty(m.attributes))).toBe(true);
  });

  test("binding vectors use every flag of SPEC §5, and parse to what their text says", () => {
    const values = JSON.stringify(server.map((v) => v.message)).match(
      /"on:[^"]+":"[^"]*"/g,
    ) as string[];
    const bindings = values.map((pair) => parseBinding(pair.split('":"')[1]!.slice(0, -1)));
    expect(bindings.some((b) => b.disableWhilePending)).toBe(true);
    expect(bindings.flatMap((b) => b.keys)).toEqual(expect.arrayContaining([" ", "Enter"]));
    expect(values.some((pair) => pair.startsWith('"on:window:'))).toBe(true);
    expect(values.some((pair) => pair.startsWith('"on:document:'))).toBe(true);
  });

  describe("invalid client vectors", () => {
    test.each(invalidClient)("$name", (vector) => {
      checkInvalid<ClientMessage>(vector, (text) => codec.decodeClient(text));
    });
  });

  describe("invalid server vectors", () => {
    test.each(invalidServer)("$name", (vector) => {
      checkInvalid<ServerMessage>(vector, (text) => codec.decodeServer(text));
    });
  });

  test("vector files hold uniquely named entries with exactly the documented fields", () => {
    const files = [
      [client, ["message", "name", "wire"]],
      [server, ["message", "name", "wire"]],
      [invalidClient, ["code", "name", "wire"]],
      [invalidServer, ["code", "name", "wire"]],
    ] as const;
    for (const [vectors, fields] of files) {
      expect(new Set(vectors.map((v) => v.name)).size).toBe(vectors.length);
      for (const vector of vectors) {
        expect(Object.keys(vector).sort()).toEqual(fields);
        if ("code" in vector) expect(ERROR_CODES).toContain(vector.code);
      }
    }
  });
});

test("v2 changed only the join: every other vector of v1 is a vector of v2", () => {
  const [v2, v1] = vectorSets as [VectorSet, VectorSet];
  const notJoin = (v: ValidVector<ClientMessage>) => v.message.type !== "join";
  expect(v2.client.filter(notJoin)).toEqual(v1.client.filter(notJoin));
  expect(v2.server).toEqual(v1.server);
  expect(v2.invalidServer).toEqual(v1.invalidServer);
  const notJoinName = (v: InvalidVector) => !v.name.startsWith("join:") && !v.wire.includes("[0,");
  expect(v2.invalidClient.filter(notJoinName)).toEqual(v1.invalidClient.filter(notJoinName));
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
