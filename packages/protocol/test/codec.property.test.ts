import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type ClientMessage,
  type Decoded,
  type DecodeErrorCode,
  decodeJoinFrame,
  type Limits,
  type ServerMessage,
} from "../src/index.ts";
import { clientMessage, index, json, node, patch, serverMessage, text } from "./arbitraries.ts";
import { codec } from "./fixtures.ts";

// Run counts are sized so that this file stays within a few seconds on a slow two-core machine.
const RUNS = 2000;

const CODES: readonly DecodeErrorCode[] = [
  "too-large",
  "too-deep",
  "not-json",
  "bad-shape",
  "unknown-tag",
  "unsupported-version",
];

interface Direction<M> {
  readonly encode: (message: M) => string;
  readonly decode: (text: string) => Decoded<M>;
}

const client: Direction<ClientMessage> = {
  encode: codec.encodeClient,
  decode: (frame) => codec.decodeClient(frame),
};
const server: Direction<ServerMessage> = {
  encode: codec.encodeServer,
  decode: (frame) => codec.decodeServer(frame),
};

/** The value as the other side sees it: JSON has no -0, so a decoded -0 comes back as 0. */
function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * A decoding result must be an error naming a known code, or a message that re-encodes to a
 * frame decoding to that same message, and that frame must be a fixed point of the codec.
 */
function expectSettled<M>(result: Decoded<M>, direction: Direction<M>): void {
  if (!result.ok) {
    // Most inputs end here; a plain check keeps thousands of runs cheap.
    if (!CODES.includes(result.code) || result.message === "") {
      expect.fail(`unexpected refusal ${JSON.stringify(result)}`);
    }
    return;
  }
  const frame = direction.encode(result.value);
  const again = direction.decode(frame);
  expect(again).toEqual({ ok: true, value: asJson(result.value) });
  if (again.ok) expect(direction.encode(again.value)).toBe(frame);
}

function expectSettledEverywhere(frame: string): void {
  expectSettled(client.decode(frame), client);
  expectSettled(server.decode(frame), server);
  expectSettled(decodeJoinFrame(frame), client);
}

/** Small enough that mutated frames often cross them. */
const TIGHT: Limits = { maxFrameLength: 120, maxDepth: 5, maxBatch: 2 };

const tightClient: Direction<ClientMessage> = {
  encode: codec.encodeClient,
  decode: (frame) => codec.decodeClient(frame, TIGHT),
};
const tightServer: Direction<ServerMessage> = {
  encode: codec.encodeServer,
  decode: (frame) => codec.decodeServer(frame, TIGHT),
};

/**
 * Mutated frames are written by JSON.stringify, so decoding and re-encoding never lengthens or
 * deepens them, and the tight limits can be applied on the way back too.
 */
function expectMutantSettled(frame: string): void {
  expectSettledEverywhere(frame);
  expectSettled(tightClient.decode(frame), tightClient);
  expectSettled(tightServer.decode(frame), tightServer);
}

describe("round trips", () => {
  test("every client message survives encoding and decoding", () => {
    fc.assert(
      fc.property(clientMessage, (message) => {
        expect(client.decode(client.encode(message))).toEqual({ ok: true, value: message });
      }),
      { numRuns: RUNS },
    );
  });

  test("every server message survives encoding and decoding", () => {
    fc.assert(
      fc.property(serverMessage, (message) => {
        expect(server.decode(server.encode(message))).toEqual({ ok: true, value: message });
      }),
      { numRuns: RUNS },
    );
  });

  test("encodePatchFrame writes what encodeServer writes", () => {
    fc.assert(
      fc.property(patch, fc.option(fc.nat(), { nil: undefined }), (ops, ack) => {
        const message = ack === undefined ? { ops } : { ops, ack };
        expect(codec.encodePatchFrame(JSON.stringify(ops), ack)).toBe(
          codec.encodeServer({ type: "patch", ...message }),
        );
      }),
      { numRuns: RUNS / 5 },
    );
  });

  test("encodeMountFrame writes what encodeServer writes", () => {
    fc.assert(
      fc.property(
        index,
        text,
        fc.option(fc.array(node), { nil: undefined }),
        (seq, token, tree) => {
          const message = tree === undefined ? { seq, token } : { seq, token, tree };
          expect(
            codec.encodeMountFrame(
              seq,
              token,
              tree === undefined ? undefined : JSON.stringify(tree),
            ),
          ).toBe(codec.encodeServer({ type: "mount", ...message }));
        },
      ),
      { numRuns: RUNS / 5 },
    );
  });
});

/** Characters JSON is made of, so random text often gets past the parser. */
const jsonish = fc.string({
  unit: fc.constantFrom(...'[]{}[]{},,,::""\\0123456789-.eEtrufalsn h0'.split("")),
  maxLength: 40,
});

/** A JSON array led by a tag, so the text reaches the message decoders. */
const tagged = fc
  .tuple(fc.integer({ min: -1, max: 5 }), fc.array(json, { maxLength: 5 }))
  .map(([tag, fields]) => JSON.stringify([tag, ...fields]));

describe("untrusted input", () => {
  test("random text never throws and settles", () => {
    fc.assert(fc.property(fc.oneof(jsonish, text), expectSettledEverywhere), { numRuns: RUNS * 2 });
  });

  test("random JSON never throws and settles", () => {
    fc.assert(fc.property(fc.oneof(fc.json(), tagged), expectSettledEverywhere), {
      numRuns: RUNS,
    });
  });

  test("mutated client frames never throw and settle", () => {
    fc.assert(
      fc.property(clientMessage, mutations, (message, changes) => {
        expectMutantSettled(mutated(client.encode(message), changes));
      }),
      { numRuns: RUNS },
    );
  });

  test("mutated server frames never throw and settle", () => {
    fc.assert(
      fc.property(serverMessage, mutations, (message, changes) => {
        expectMutantSettled(mutated(server.encode(message), changes));
      }),
      { numRuns: RUNS },
    );
  });
});

type Container = unknown[] | Record<string, unknown>;

interface Mutation {
  readonly kind: "drop" | "replace" | "swap" | "retype" | "duplicate" | "nudge";
  /** Picks the array or object to change, modulo their count. */
  readonly where: number;
  /** Picks the element within it, modulo its size. */
  readonly which: number;
  readonly value: unknown;
}

const mutations: fc.Arbitrary<Mutation[]> = fc.array(
  fc.record({
    kind: fc.constantFrom("drop", "replace", "swap", "retype", "duplicate", "nudge"),
    where: fc.nat(),
    which: fc.nat(),
    value: json,
  }),
  { minLength: 1, maxLength: 3 },
);

/** Applies the mutations to the frame's JSON, one element of one array or object each. */
function mutated(frame: string, changes: readonly Mutation[]): string {
  const root = JSON.parse(frame) as unknown;
  for (const change of changes) {
    const all = containers(root);
    const target = all[change.where % all.length] as Container;
    const slots = target as Record<string, unknown>;
    const keys = Object.keys(target);
    if (keys.length === 0) {
      slots[Array.isArray(target) ? "0" : "k"] = change.value;
      continue;
    }
    const key = keys[change.which % keys.length] as string;
    const other = keys[(change.which >>> 8) % keys.length] as string;
    const current = slots[key];
    switch (change.kind) {
      case "drop":
        if (Array.isArray(target)) target.splice(Number(key), 1);
        else delete slots[key];
        break;
      case "replace":
        slots[key] = change.value;
        break;
      case "swap":
        slots[key] = slots[other];
        slots[other] = current;
        break;
      case "retype":
        slots[key] = retyped(current);
        break;
      case "duplicate":
        if (Array.isArray(target)) target.splice(Number(key), 0, current);
        else slots[`${key}_`] = current;
        break;
      case "nudge":
        slots[key] = nudged(current, change.which);
        break;
    }
  }
  return JSON.stringify(root);
}

function containers(value: unknown, found: Container[] = []): Container[] {
  if (typeof value !== "object" || value === null) return found;
  found.push(value as Container);
  for (const child of Object.values(value)) containers(child, found);
  return found;
}

/** The same content as another JSON type. */
function retyped(value: unknown): unknown {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value === "" ? null : value.length;
  if (typeof value === "boolean") return Number(value);
  if (value === null) return 0;
  return Array.isArray(value) ? { ...value } : Object.values(value as object);
}

/** The same type, just out of range: negative, fractional, unsafe or too long. */
function nudged(value: unknown, choice: number): unknown {
  if (typeof value === "number") {
    return [-1 - value, value + 0.5, value + 1, 2 ** 53, 8][choice % 5];
  }
  if (typeof value === "string") return ["", `${value}${"x".repeat(128)}`, "0"][choice % 3];
  return value;
}
