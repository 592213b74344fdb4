import { describe, expect, test } from "vitest";
import {
  codecFor,
  DEFAULT_LIMITS,
  decodeJoinFrame,
  PROTOCOL_VERSION,
  SUPPORTED_VERSIONS,
} from "../src/index.ts";
import { codec } from "./fixtures.ts";

describe("versions", () => {
  test("every supported version has a codec of that version", () => {
    expect(SUPPORTED_VERSIONS).toContain(PROTOCOL_VERSION);
    for (const version of SUPPORTED_VERSIONS) {
      expect(codecFor(version)).toMatchObject({ ok: true, value: { version } });
    }
  });

  test("the server speaks this version and the one before it (SPEC §2)", () => {
    expect(SUPPORTED_VERSIONS).toEqual([PROTOCOL_VERSION, PROTOCOL_VERSION - 1]);
  });

  test.each([0, 3, 9, -1, 1.5])("codecFor(%s) is refused, naming the versions spoken", (v) => {
    expect(codecFor(v)).toEqual({
      ok: false,
      code: "unsupported-version",
      message: `unsupported protocol version ${v}; this server speaks 2 and 1`,
    });
  });
});

describe("decodeJoinFrame", () => {
  test("reads a join", () => {
    expect(decodeJoinFrame('[0,1,"tok",5,{"room":"a"}]')).toEqual({
      ok: true,
      value: {
        type: "join",
        version: 1,
        token: "tok",
        seq: 5,
        attributes: { room: "a" },
        url: "",
        page: "",
      },
    });
  });

  test("reads a v2 join, which names its page", () => {
    expect(decodeJoinFrame('[0,2,"tok",5,{},"https://example.com/","k3x9"]')).toEqual({
      ok: true,
      value: {
        type: "join",
        version: 2,
        token: "tok",
        seq: 5,
        attributes: {},
        url: "https://example.com/",
        page: "k3x9",
      },
    });
  });

  test("reads a join with the page's URL", () => {
    expect(decodeJoinFrame('[0,1,"",0,{},"https://example.com/a?b=c"]')).toMatchObject({
      ok: true,
      value: { attributes: {}, url: "https://example.com/a?b=c" },
    });
  });

  test("refuses an unsupported version with the message SPEC §2 sends", () => {
    expect(decodeJoinFrame('[0,9,"",0]')).toEqual({
      ok: false,
      code: "unsupported-version",
      message: "unsupported protocol version 9; this server speaks 2 and 1",
    });
  });

  test("reads only the version of a newer join, whatever shape the rest has", () => {
    expect(decodeJoinFrame('[0,3,{"token":"t"},"new",[1,2],0]')).toMatchObject({
      ok: false,
      code: "unsupported-version",
    });
  });

  test.each([
    ["an event", '[1,4,"2",3]'],
    ["a resync", "[4]"],
    ["a join tag written as a string", '["0",1,"",0]'],
    ["an object", '{"0":0}'],
  ])("refuses %s as the first frame", (_, frame) => {
    expect(decodeJoinFrame(frame)).toMatchObject({ ok: false, code: "bad-shape" });
  });

  test.each([
    ["a version that is not an index", '[0,"1","",0]'],
    ["a malformed v1 join", "[0,1,0,0]"],
    ["a v1 join whose url is not a string", '[0,1,"",0,{},0]'],
    ["a v1 join that names a page", '[0,1,"",0,{},"","k3x9"]'],
    ["a v2 join without its page", '[0,2,"",0,{},""]'],
  ])("refuses %s", (_, frame) => {
    expect(decodeJoinFrame(frame)).toMatchObject({ ok: false, code: "bad-shape" });
  });

  test("applies the limits before reading", () => {
    expect(decodeJoinFrame('[0,1,"",0]', { ...DEFAULT_LIMITS, maxFrameLength: 5 })).toMatchObject({
      code: "too-large",
    });
    expect(decodeJoinFrame("[0,1,")).toMatchObject({ code: "not-json" });
  });
});

describe("defaults written out", () => {
  // SPEC §1: trailing optional fields are omitted at their default; a peer that writes them
  // anyway is understood, and the message re-encodes without them.
  test.each([
    ['[0,1,"",0,{}]', '[0,1,"",0]'],
    ['[1,4,"2",3,{}]', '[1,4,"2",3]'],
    ['[3,[[1,4,"2",3,{}]]]', '[3,[[1,4,"2",3]]]'],
    ['[0,1,"",0,{},""]', '[0,1,"",0]'],
    ['[0,1,"",0,{"a":"b"},""]', '[0,1,"",0,{"a":"b"}]'],
    ['[6,"a",null]', '[6,"a"]'],
  ])("client %s is read as %s", (written, canonical) => {
    const message = codec.decodeClient(written);
    expect(message.ok && codec.encodeClient(message.value)).toBe(canonical);
  });

  test.each([
    ["[2,4,0]", "[2,4]"],
    ['[3,"x",null]', '[3,"x"]'],
  ])("server %s is read as %s", (written, canonical) => {
    const message = codec.decodeServer(written);
    expect(message.ok && codec.encodeServer(message.value)).toBe(canonical);
  });
});

test("a join with a URL always writes its attributes, as {} when there are none", () => {
  const join = { type: "join", version: 1, token: "", seq: 0, attributes: {}, page: "" } as const;
  expect(codec.encodeClient({ ...join, url: "https://x.test/" })).toBe(
    '[0,1,"",0,{},"https://x.test/"]',
  );
  expect(codec.encodeClient({ ...join, url: "" })).toBe('[0,1,"",0]');
});

test("a v2 join writes every field, its defaults too", () => {
  const join = { type: "join", version: 2, token: "", seq: 0, attributes: {}, url: "" } as const;
  expect(codec.encodeClient({ ...join, page: "p" })).toBe('[0,2,"",0,{},"","p"]');
});

test("navigate writes its replace flag as 1, and only when it is set", () => {
  expect(codec.encodeServer({ type: "navigate", url: "/a", replace: true })).toBe('[5,"/a",1]');
  expect(codec.encodeServer({ type: "navigate", url: "/a", replace: false })).toBe('[5,"/a"]');
});

test("numbers are read as JSON numbers, so 1e1 and -0 are indices, written back plainly", () => {
  const message = codec.decodeClient('[1,1e1,"a",-0]');
  expect(message).toMatchObject({ ok: true, value: { ref: 10 } });
  expect(message.ok && codec.encodeClient(message.value)).toBe('[1,10,"a",0]');
});

describe("encodePatchFrame", () => {
  const ops = '[[0,1,0],0,"4"]';

  test("writes the same frame as encodeServer", () => {
    expect(codec.encodePatchFrame(ops, 4)).toBe(
      codec.encodeServer({ type: "patch", ops: [[0, 1, 0], 0, "4"], ack: 4 }),
    );
    expect(codec.encodePatchFrame(ops)).toBe(
      codec.encodeServer({ type: "patch", ops: [[0, 1, 0], 0, "4"] }),
    );
  });

  test("the counter increment is 21 characters and the event 11, as SPEC §4 says", () => {
    expect(codec.encodePatchFrame(ops, 4)).toBe('[1,[[0,1,0],0,"4"],4]');
    expect(codec.encodePatchFrame(ops, 4)).toHaveLength(21);
    expect(
      codec.encodeClient({ type: "event", ref: 4, handler: "2", seq: 3, payload: {} }),
    ).toHaveLength(11);
  });
});
