import { afterEach, describe, expect, test, vi } from "vitest";
import {
  DEFAULT_LIMITS,
  type EventMessage,
  type Limits,
  SERVER_FRAME_LIMITS,
  type WireNode,
} from "../src/index.ts";
import { codec } from "./fixtures.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

/** An event frame of exactly `length` characters, padded inside its payload. */
function eventFrameOfLength(length: number): string {
  const empty = '[1,1,"a",0,{"v":""}]';
  return `[1,1,"a",0,{"v":"${"x".repeat(length - empty.length)}"}]`;
}

/** `levels` nested arrays inside an event payload, so the frame nests `levels + 2` deep. */
function eventFrameOfDepth(depth: number): string {
  const levels = depth - 2;
  return `[1,1,"a",0,{"v":${"[".repeat(levels)}${"]".repeat(levels)}}]`;
}

function event(ref: number): EventMessage {
  return { type: "event", ref, handler: "h", seq: 0, payload: {} };
}

describe("frame length", () => {
  test("a client frame of exactly the limit is accepted", () => {
    const frame = eventFrameOfLength(DEFAULT_LIMITS.maxFrameLength);
    expect(frame.length).toBe(65_536);
    expect(codec.decodeClient(frame).ok).toBe(true);
  });

  test("one character more is refused before JSON.parse, naming both lengths", () => {
    const parse = vi.spyOn(JSON, "parse");
    const result = codec.decodeClient(eventFrameOfLength(65_537));
    expect(result).toMatchObject({ ok: false, code: "too-large" });
    expect(!result.ok && result.message).toBe(
      "frame of 65537 characters exceeds the limit of 65536",
    );
    expect(parse).not.toHaveBeenCalled();
  });

  test("length counts UTF-16 code units, as the limits say", () => {
    // Two emoji are four code units: 14 in all.
    const limits: Limits = { ...DEFAULT_LIMITS, maxFrameLength: 14 };
    expect(codec.decodeClient('[2,"a","🌍🌍"]', limits).ok).toBe(true);
    expect(codec.decodeClient('[2,"a","🌍🌍e"]', limits)).toMatchObject({ code: "too-large" });
  });

  test("a configured limit applies", () => {
    const limits: Limits = { ...DEFAULT_LIMITS, maxFrameLength: 3 };
    expect(codec.decodeClient("[4]", limits).ok).toBe(true);
    expect(codec.decodeClient(" [4]", limits)).toMatchObject({ code: "too-large" });
  });
});

describe("nesting depth", () => {
  test("a client frame nesting exactly 32 levels is accepted", () => {
    expect(codec.decodeClient(eventFrameOfDepth(32)).ok).toBe(true);
  });

  test("33 levels are refused before JSON.parse, naming both depths", () => {
    const parse = vi.spyOn(JSON, "parse");
    const result = codec.decodeClient(eventFrameOfDepth(33));
    expect(result).toMatchObject({ ok: false, code: "too-deep" });
    expect(!result.ok && result.message).toBe("frame nests 33 levels; the limit is 32");
    expect(parse).not.toHaveBeenCalled();
  });

  test("objects count as levels too", () => {
    const frame = `[1,1,"a",0,${'{"a":'.repeat(32)}1${"}".repeat(32)}]`;
    expect(codec.decodeClient(frame)).toMatchObject({ ok: false, code: "too-deep" });
  });

  test("brackets and escaped quotes inside strings do not count", () => {
    const value = `\\"${"[{".repeat(40)}\\\\`;
    const frame = `[1,1,"a",0,{"v":"${value}","w":"${"]".repeat(40)}"}]`;
    expect(codec.decodeClient(frame)).toMatchObject({
      ok: true,
      value: { payload: { v: `"${"[{".repeat(40)}\\`, w: "]".repeat(40) } },
    });
  });

  test("a configured limit applies", () => {
    const limits: Limits = { ...DEFAULT_LIMITS, maxDepth: 1 };
    expect(codec.decodeClient('[2,"a",null]', limits).ok).toBe(true);
    expect(codec.decodeClient('[1,1,"a",0,{}]', limits)).toMatchObject({ code: "too-deep" });
  });
});

describe("batch size", () => {
  const batch = (size: number) =>
    codec.encodeClient({
      type: "batch",
      messages: Array.from({ length: size }, (_, i) => event(i)),
    });

  test("64 messages are accepted", () => {
    expect(codec.decodeClient(batch(64))).toMatchObject({ ok: true, value: { type: "batch" } });
  });

  test("65 messages are refused as too large, naming both counts", () => {
    expect(codec.decodeClient(batch(65))).toEqual({
      ok: false,
      code: "too-large",
      message: "batch of 65 messages exceeds the limit of 64",
    });
  });

  test("a configured limit applies", () => {
    const limits: Limits = { ...DEFAULT_LIMITS, maxBatch: 1 };
    expect(codec.decodeClient(batch(1), limits).ok).toBe(true);
    expect(codec.decodeClient(batch(2), limits)).toMatchObject({ code: "too-large" });
  });
});

describe("server frames", () => {
  /** A chain of `depth` nested divs. */
  function chain(depth: number): WireNode {
    let node: WireNode = "leaf";
    for (let i = 0; i < depth; i++) node = ["div", 0, node];
    return node;
  }

  test("a mount longer than a client frame may be decodes with the default limits", () => {
    const rows: WireNode[] = Array.from({ length: 2000 }, (_, i) => [
      "tr",
      { class: "row" },
      ["td", 0, `row ${i}`],
    ]);
    const frame = codec.encodeServer({ type: "mount", seq: 1, token: "t", tree: rows });
    expect(frame.length).toBeGreaterThan(DEFAULT_LIMITS.maxFrameLength);
    expect(codec.decodeServer(frame)).toEqual({
      ok: true,
      value: { type: "mount", seq: 1, token: "t", tree: rows },
    });
  });

  test("a page nested deeper than a client frame may be decodes with the default limits", () => {
    const tree = [chain(200)];
    const frame = codec.encodeServer({ type: "mount", seq: 1, token: "t", tree });
    expect(codec.decodeServer(frame)).toEqual({
      ok: true,
      value: { type: "mount", seq: 1, token: "t", tree },
    });
  });

  test("nesting beyond SERVER_FRAME_LIMITS is refused before JSON.parse", () => {
    const frame = `[0,1,"t",[${"[".repeat(SERVER_FRAME_LIMITS.maxDepth)}${"]".repeat(1024)}]]`;
    const parse = vi.spyOn(JSON, "parse");
    expect(codec.decodeServer(frame)).toMatchObject({ ok: false, code: "too-deep" });
    expect(parse).not.toHaveBeenCalled();
  });

  test("configured limits apply", () => {
    const frame = codec.encodeServer({ type: "mount", seq: 1, token: "t", tree: [chain(40)] });
    expect(codec.decodeServer(frame, DEFAULT_LIMITS)).toMatchObject({ code: "too-deep" });
  });
});
