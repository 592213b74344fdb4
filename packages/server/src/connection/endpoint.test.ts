import { AckStatus, CloseCode, codecFor, ErrorCode, type ServerMessage } from "@lucent/protocol";
import { afterEach, describe, expect, test } from "vitest";
import { app } from "../runtime/app.ts";
import { h } from "../view/h.ts";
import type { Connection } from "./connection.ts";
import { createEndpoint, type Endpoint } from "./endpoint.ts";

const codec = (() => {
  const c = codecFor(1);
  if (!c.ok) throw new Error("no v1");
  return c.value;
})();

const counter = app({
  init: () => 0,
  update: (n: number, msg: "inc" | "dec") => (msg === "inc" ? n + 1 : n - 1),
  view: (n) =>
    h(
      "div",
      null,
      h("button", { onClick: "dec" }, "-"),
      h("span", null, String(n)),
      h("button", { onClick: "inc" }, "+"),
    ),
});

function socket(bufferedAmount = 0) {
  const frames: string[] = [];
  let closed: [number, string] | undefined;
  const connection: Connection & { bufferedAmount: number } = {
    send: (data) => frames.push(data),
    close: (code, reason) => {
      closed = [code, reason];
    },
    bufferedAmount,
  };
  return {
    connection,
    frames,
    decoded: (): ServerMessage[] =>
      frames.map((f) => {
        const d = codec.decodeServer(f, { maxFrameLength: 1e7, maxDepth: 64, maxBatch: 64 });
        if (!d.ok) throw new Error(d.message);
        return d.value;
      }),
    closed: () => closed,
  };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
let endpoints: Endpoint[] = [];
function endpoint(options: Partial<Parameters<typeof createEndpoint>[0]> = {}) {
  const e = createEndpoint({ app: counter, ...options });
  endpoints.push(e);
  return e;
}
afterEach(() => {
  for (const e of endpoints) e.shutdown();
  endpoints = [];
});

const info = { url: "http://127.0.0.1/counter/__lucent" };
const incrementId = (html: string) => [...html.matchAll(/on:click="(\w+)"/g)][1]![1]!;

describe("connections", () => {
  test("join, click, patch with ack: a counter increment in a few dozen bytes", async () => {
    const e = endpoint();
    const s = socket();
    const handler = e.connect(s.connection, info);
    handler.message('[0,1,"",0]');
    const [mount] = s.decoded();
    expect(mount).toMatchObject({ type: "mount", seq: 0 });
    const tree = JSON.stringify((mount as { tree: unknown }).tree);
    const inc = /"on:click":"(\w+)"\},"\+"/.exec(tree)![1]!;
    handler.message(`[1,0,"${inc}",0]`);
    await tick();
    expect(s.frames[1]).toBe('[1,[[0,1,0],0,"1"],0]');
    expect(s.frames[1]!.length).toBeLessThanOrEqual(30);
  });

  test("a server-rendered session is adopted: mount without a tree, then the missed patches", async () => {
    const e = endpoint();
    const rendered = e.render(info)!;
    expect(rendered.html).toContain("<span>0</span>");
    const first = socket();
    const a = e.connect(first.connection, info);
    a.message(`[0,1,${JSON.stringify(rendered.token)},0]`);
    expect(first.frames).toEqual([`[0,0,${JSON.stringify(rendered.token)}]`]);
    a.message(`[1,0,"${incrementId(rendered.html)}",0]`);
    await tick();
    a.close();
    // The socket dropped; the same page resumes from seq 0 and gets the patch it missed.
    const again = socket();
    e.connect(again.connection, info).message(`[0,1,${JSON.stringify(rendered.token)},0]`);
    expect(again.frames).toEqual([
      `[0,0,${JSON.stringify(rendered.token)}]`,
      '[1,[[0,1,0],0,"1"]]',
    ]);
  });

  test("an unknown token starts a new session with a full mount", () => {
    const e = endpoint();
    const s = socket();
    e.connect(s.connection, info).message('[0,1,"not-a-session",5]');
    const [mount] = s.decoded();
    expect(mount).toMatchObject({ type: "mount", seq: 0 });
    expect((mount as { tree?: unknown }).tree).toBeDefined();
    expect((mount as { token: string }).token).not.toBe("not-a-session");
  });

  test("an unsupported version is refused with a reason and close code 4426", () => {
    const s = socket();
    endpoint().connect(s.connection, info).message('[0,9,"",0]');
    expect(s.decoded()).toEqual([
      {
        type: "error",
        code: ErrorCode.UnsupportedVersion,
        message: "unsupported protocol version 9; this server speaks 2 and 1",
      },
    ]);
    expect(s.closed()?.[0]).toBe(CloseCode.UnsupportedVersion);
  });

  // A page sends the same join after every reconnect: one the server cannot take must end it.
  test("a join over the frame limit is refused with the reason and a close with 1009", () => {
    const s = socket();
    const e = endpoint();
    const attributes = JSON.stringify({ "data-rows": "x".repeat(70_000) });
    e.connect(s.connection, info).message(`[0,2,"",0,${attributes},"",""]`);
    expect(s.decoded()).toEqual([
      {
        type: "error",
        code: ErrorCode.BadFrame,
        message: expect.stringMatching(/^join refused: frame of 70\d{3} characters exceeds/),
      },
    ]);
    expect(s.closed()).toEqual([CloseCode.TooBig, "join frame too long"]);
    // Anything else that long before a join is a bad frame, and the socket stays open for a join.
    const other = socket();
    const handler = e.connect(other.connection, info);
    handler.message(`[1,1,"h",0,${attributes}]`);
    handler.message("x".repeat(70_000));
    expect(other.closed()).toBeUndefined();
    handler.message('[0,1,"",0]');
    expect(other.decoded().map((m) => (m.type === "error" ? m.code : m.type))).toEqual([
      ErrorCode.OutOfOrder,
      ErrorCode.BadFrame,
      "mount",
    ]);
  });

  test("garbage gets error frames; the session and other connections carry on", async () => {
    const e = endpoint({ shared: true });
    const good = socket();
    const bad = socket();
    const g = e.connect(good.connection, info);
    const b = e.connect(bad.connection, info);
    g.message('[0,1,"",0]');
    b.message('[0,1,"",0]');
    const garbage = [
      "",
      "nope",
      "{}",
      "[]",
      "[1]",
      "[99]",
      `[1,0,"x",0,${"[".repeat(40)}${"]".repeat(40)}]`,
      "x".repeat(70_000),
      new Uint8Array([1, 2]),
    ];
    for (const frame of garbage) b.message(frame);
    const errors = bad.decoded().slice(1);
    expect(errors).toHaveLength(garbage.length);
    for (const error of errors)
      expect(error).toMatchObject({ type: "error", code: ErrorCode.BadFrame });
    expect(bad.closed()).toBeUndefined();
    const tree = JSON.stringify((good.decoded()[0] as { tree: unknown }).tree);
    g.message(`[1,0,"${/"on:click":"(\w+)"\},"\+"/.exec(tree)![1]}",0]`);
    await tick();
    expect(good.frames.at(-1)).toBe('[1,[[0,1,0],0,"1"],0]');
    expect(bad.frames.at(-1)).toBe('[1,[[0,1,0],0,"1"]]');
  });

  test("a flood of bad frames closes the connection with 4400", () => {
    const s = socket();
    const handler = endpoint().connect(s.connection, info);
    handler.message('[0,1,"",0]');
    for (let i = 0; i < 25; i++) handler.message("garbage");
    expect(s.closed()?.[0]).toBe(CloseCode.BadInput);
  });

  test("messages before join, and a second join, are out of order", () => {
    const s = socket();
    const handler = endpoint().connect(s.connection, info);
    handler.message('[1,0,"1",0]');
    handler.message('[0,1,"",0]');
    handler.message('[0,1,"",0]');
    expect(s.decoded().map((m) => (m.type === "error" ? m.code : m.type))).toEqual([
      ErrorCode.OutOfOrder,
      "mount",
      ErrorCode.OutOfOrder,
    ]);
  });

  test("unknown handlers are acknowledged as stale; refs must increase", async () => {
    const s = socket();
    const handler = endpoint().connect(s.connection, info);
    handler.message('[0,1,"",0]');
    handler.message('[1,3,"zzz",0]');
    handler.message('[1,3,"zzz",0]');
    await tick();
    const [, ...rest] = s.decoded();
    expect(rest[0]).toMatchObject({ type: "error", code: ErrorCode.BadFrame });
    expect(rest[1]).toEqual({ type: "ack", ref: 3, status: AckStatus.Stale });
  });

  test("events beyond the rate limit are acknowledged as rate limited", async () => {
    const s = socket();
    const e = endpoint({ rateLimit: { perSecond: 1, burst: 2 } });
    const handler = e.connect(s.connection, info);
    handler.message('[0,1,"",0]');
    const tree = JSON.stringify((s.decoded()[0] as { tree: unknown }).tree);
    const inc = /"on:click":"(\w+)"\},"\+"/.exec(tree)![1]!;
    for (let ref = 0; ref < 4; ref++) handler.message(`[1,${ref},"${inc}",0]`);
    await tick();
    const acks = s.decoded().filter((m) => m.type === "ack");
    expect(acks).toEqual([
      { type: "ack", ref: 2, status: AckStatus.RateLimited },
      { type: "ack", ref: 3, status: AckStatus.RateLimited },
    ]);
    expect(s.frames.at(-1)).toBe('[1,[[0,1,0],0,"2"],3]');
  });

  test("a client that cannot keep up is shed with 4429", async () => {
    const e = endpoint({ shared: true, maxBufferedBytes: 100 });
    const slow = socket(1_000);
    e.connect(slow.connection, info).message('[0,1,"",0]');
    expect(slow.closed()?.[0]).toBe(CloseCode.Overloaded);
  });

  test("shutdown closes every connection with 1001 and stops the runtimes", () => {
    const e = endpoint();
    const s = socket();
    e.connect(s.connection, info).message('[0,1,"",0]');
    e.shutdown();
    expect(s.closed()?.[0]).toBe(CloseCode.GoingAway);
    expect(e.sessionCount).toBe(0);
  });

  test("a disconnected session expires after the grace period", async () => {
    const e = endpoint({ graceMs: 10 });
    const rendered = e.render(info)!;
    expect(e.sessionCount).toBe(1);
    await new Promise<void>((r) => setTimeout(() => r(), 30));
    expect(e.sessionCount).toBe(0);
    const s = socket();
    e.connect(s.connection, info).message(`[0,1,${JSON.stringify(rendered.token)},0]`);
    expect((s.decoded()[0] as { token: string }).token).not.toBe(rendered.token);
  });
});

describe("events sent again after a reconnect (protocol v2)", () => {
  /** A v2 join of `page` to the session of `token`, at `seq`. */
  const join = (token: string, seq: number, page: string) =>
    JSON.stringify([0, 2, token, seq, {}, "", page]);
  const counterText = (frames: string[]) =>
    frames.flatMap((f) => [...f.matchAll(/\[0,1,0\],0,"(-?\d+)"/g)].map((m) => m[1])).at(-1);

  function page() {
    const e = endpoint();
    const rendered = e.render(info)!;
    const inc = incrementId(rendered.html);
    const connect = (seq: number, name = "page-a") => {
      const s = socket();
      const handler = e.connect(s.connection, info);
      handler.message(join(rendered.token, seq, name));
      return { ...s, handler };
    };
    /** Ref 1 clicks "+" and is processed; then its socket dies with the patch still in it. */
    const replyLost = async () => {
      const first = connect(0);
      first.handler.message(`[1,1,"${inc}",0]`);
      await tick();
      first.handler.close();
    };
    return { e, rendered, inc, connect, replyLost };
  }

  test("a resent event the server had received is acknowledged and not processed again; the rest are processed once, in order", async () => {
    const { inc, connect, replyLost } = page();
    // The page never saw the patch that acknowledged ref 1.
    await replyLost();
    const second = connect(0);
    second.handler.message(`[3,[[1,1,"${inc}",0],[1,2,"${inc}",0]]]`);
    await tick();
    // Mount at 0, the missed patch (1), then the patch of ref 2 acknowledging both.
    expect(second.frames.slice(1)).toEqual(['[1,[[0,1,0],0,"1"]]', '[1,[[0,1,0],0,"2"],2]']);
  });

  test("a resend alone is answered with an acknowledgement, not a patch", async () => {
    const { inc, connect, replyLost } = page();
    await replyLost();
    const second = connect(1);
    second.handler.message(`[1,1,"${inc}",0]`);
    await tick();
    expect(second.decoded().slice(1)).toEqual([{ type: "ack", ref: 1, status: AckStatus.Ok }]);
  });

  test("an event the dead socket never delivered is processed when it is sent again", async () => {
    const { inc, connect, replyLost } = page();
    await replyLost();
    // Ref 2 died in the socket; the page sends it again with ref 3 made while disconnected.
    const second = connect(1);
    second.handler.message(`[3,[[1,2,"${inc}",1],[1,3,"${inc}",1]]]`);
    await tick();
    expect(second.frames.slice(1)).toEqual(['[1,[[0,1,0],0,"3"],3]']);
  });

  test("an event over the frame limit is refused with the error and acknowledged with status 4, never closing the connection", async () => {
    const { inc, connect } = page();
    const s = connect(0);
    const long = (ref: number) =>
      `[1,${ref},"${inc}",0,${JSON.stringify({ value: "x".repeat(70_000) })}]`;
    // More than the 20 bad frames that close a connection: a user typing into a long textarea.
    for (let ref = 1; ref <= 25; ref++) s.handler.message(long(ref));
    // A resend of one of them after a reconnect is acknowledged, not refused again.
    s.handler.message(long(25));
    await tick();
    s.handler.message(`[1,26,"${inc}",0]`);
    await tick();
    expect(s.closed()).toBeUndefined();
    const replies = s.decoded().slice(1);
    const errors = replies.filter((m) => m.type === "error");
    expect(errors).toHaveLength(26);
    expect(errors[0]).toMatchObject({
      code: ErrorCode.BadFrame,
      message: expect.stringMatching(/exceeds the limit of 65536/),
    });
    expect(replies.filter((m) => m.type === "ack")).toEqual([
      ...Array.from({ length: 25 }, (_, i) => ({
        type: "ack",
        ref: i + 1,
        status: AckStatus.TooLarge,
      })),
      { type: "ack", ref: 25, status: AckStatus.Ok },
    ]);
    // The next event is processed, once, and acknowledges everything before it.
    expect(s.frames.at(-1)).toBe('[1,[[0,1,0],0,"1"],26]');
  });

  test("a frame over the limit that does not start as an event is a bad frame", () => {
    const { connect } = page();
    const s = connect(0);
    const frames = [
      (i: number) => `[3,[[1,${i + 1},${"9".repeat(70_000)}]]]`,
      // Not JSON's form of a number.
      (i: number) => `[1,0${i + 1},"x",0,"${"x".repeat(70_000)}"]`,
      (i: number) => `[1, ${i + 1},"x",0,"${"x".repeat(70_000)}"]`,
      // Short: malformed, not too long, whatever its start.
      (i: number) => `[1,${i + 1},x`,
    ];
    for (const frame of frames) {
      const t = connect(0, `page-${frames.indexOf(frame)}`);
      for (let i = 0; i < 20; i++) t.handler.message(frame(i));
      expect(t.decoded().filter((m) => m.type === "ack")).toEqual([]);
      expect(t.closed()?.[0]).toBe(CloseCode.BadInput);
    }
    expect(s.closed()).toBeUndefined();
  });

  test("frames over the limit beyond the rate limit are bad frames", () => {
    const e = endpoint({ rateLimit: { perSecond: 0, burst: 2 } });
    const s = socket();
    const handler = e.connect(s.connection, info);
    handler.message(join("", 0, "page-a"));
    for (let ref = 1; ref <= 22; ref++) handler.message(`[1,${ref},"x",0,"${"x".repeat(70_000)}"]`);
    expect(s.closed()?.[0]).toBe(CloseCode.BadInput);
  });

  test("on v1, a frame over the limit whose ref does not increase is one bad frame", async () => {
    const s = socket();
    const handler = endpoint().connect(s.connection, info);
    handler.message('[0,1,"",0]');
    const long = (ref: number) => `[1,${ref},"x",0,"${"x".repeat(70_000)}"]`;
    handler.message(long(0));
    handler.message(long(0));
    await tick();
    const replies = s.decoded().slice(1);
    // The first is refused and acknowledged (status 4, then cumulatively, after the runtime's
    // turn); the second, a ref that does not increase, gets one error and nothing else.
    expect(replies.map((m) => m.type)).toEqual(["error", "error", "ack", "ack"]);
    expect(replies[1]).toMatchObject({ message: expect.stringMatching(/does not follow/) });
    expect(replies.slice(2)).toEqual([
      { type: "ack", ref: 0, status: AckStatus.TooLarge },
      { type: "ack", ref: 0, status: AckStatus.Ok },
    ]);
  });

  test("a frame or batch limit that is not a number is refused, not ignored", () => {
    expect(() => endpoint({ limits: { maxFrameLength: Number.NaN } })).toThrow(
      "limits.maxFrameLength must be a number, got NaN",
    );
    expect(() => endpoint({ limits: { maxBatch: Number.NaN } })).toThrow(RangeError);
  });

  test("a frame limit under what a client's batch may take is raised to it", async () => {
    const e = endpoint({ limits: { maxFrameLength: 1_000 } });
    const rendered = e.render(info)!;
    const s = socket();
    const handler = e.connect(s.connection, info);
    handler.message(join(rendered.token, 0, "page-a"));
    const inc = incrementId(rendered.html);
    const payload = JSON.stringify({ value: "x".repeat(2_000) });
    const events = Array.from({ length: 25 }, (_, i) => `[1,${i + 1},"${inc}",0,${payload}]`);
    handler.message(`[3,[${events.join(",")}]]`);
    await tick();
    expect(s.decoded().filter((m) => m.type === "error")).toEqual([]);
    expect(counterText(s.frames)).toBe("25");
  });

  test("on one connection, a ref that does not increase is a resend, not an error", async () => {
    const { inc, connect } = page();
    const s = connect(0);
    s.handler.message(`[1,5,"${inc}",0]`);
    s.handler.message(`[1,4,"${inc}",0]`);
    s.handler.message(`[1,5,"${inc}",0]`);
    await tick();
    expect(s.frames.slice(1)).toEqual(['[1,[[0,1,0],0,"1"],5]']);
  });

  test("a resend is acknowledged with the page's last ref, so acknowledgements never go back", async () => {
    const { inc, connect } = page();
    const s = connect(0);
    s.handler.message(`[1,5,"${inc}",0]`);
    await tick();
    s.handler.message(`[1,4,"${inc}",1]`);
    await tick();
    expect(s.frames.slice(1)).toEqual(['[1,[[0,1,0],0,"1"],5]', "[2,5]"]);
  });

  test("the acknowledgement of a resent input event sends the control's value again", async () => {
    // The app rewrites what is typed; the patch that showed it died with the socket, and the
    // page held its own value meanwhile, so the resend's acknowledgement must carry the value.
    const shout = app({
      init: () => "",
      update: (_: string, value: string) => value.toUpperCase(),
      view: (text) => h("input", { value: text, onInput: (e: { value: string }) => e.value }),
    });
    const e = endpoint({ app: shout });
    const rendered = e.render(info)!;
    const handler = /on:input="(\w+)"/.exec(rendered.html)![1]!;
    const input = `[1,1,"${handler}",0,{"value":"ab"}]`;
    const first = socket();
    const a = e.connect(first.connection, info);
    a.message(join(rendered.token, 0, "page-a"));
    a.message(input);
    await tick();
    expect(first.frames.at(-1)).toBe('[1,[[0],1,"value","AB"],1]');
    a.close();
    const second = socket();
    const b = e.connect(second.connection, info);
    b.message(join(rendered.token, 0, "page-a"));
    b.message(input);
    await tick();
    expect(second.frames.slice(1)).toEqual([
      '[1,[[0],1,"value","AB"]]',
      '[1,[[0],1,"value","AB"],1]',
    ]);
  });

  test("resends spend the rate limit: beyond it they are acknowledged without rendering", async () => {
    let views = 0;
    const counted = app({
      init: () => 0,
      update: (n: number, _: "inc") => n + 1,
      view: (n) => {
        views++;
        return h("button", { onClick: "inc" }, String(n));
      },
    });
    const e = endpoint({ app: counted, rateLimit: { perSecond: 1, burst: 2 } });
    const rendered = e.render(info)!;
    const inc = /on:click="(\w+)"/.exec(rendered.html)![1]!;
    const s = socket();
    const handler = e.connect(s.connection, info);
    handler.message(join(rendered.token, 0, "page-a"));
    handler.message(`[1,1,"${inc}",0]`);
    await tick();
    const before = views;
    for (let i = 0; i < 50; i++) handler.message(`[1,1,"${inc}",1]`);
    await tick();
    // Ref 1 left one token of the burst of two: one resend renders, the other 49 do not.
    expect(views - before).toBe(1);
    expect(s.frames.slice(2)).toEqual(["[2,1]"]);
  });

  test("pages that share a session (a duplicated tab) keep their own refs", async () => {
    const { inc, connect } = page();
    const a = connect(0, "page-a");
    const b = connect(0, "page-b");
    a.handler.message(`[1,1,"${inc}",0]`);
    await tick();
    b.handler.message(`[1,1,"${inc}",1]`);
    await tick();
    expect(counterText(b.frames)).toBe("2");
    expect(b.frames.at(-1)).toBe('[1,[[0,1,0],0,"2"],1]');
  });

  test("a v1 page numbers events per connection: the same ref on a new connection is a new event", async () => {
    const { rendered, inc, e } = page();
    const first = socket();
    const a = e.connect(first.connection, info);
    a.message(`[0,1,${JSON.stringify(rendered.token)},0]`);
    a.message(`[1,1,"${inc}",0]`);
    await tick();
    a.close();
    const second = socket();
    const b = e.connect(second.connection, info);
    b.message(`[0,1,${JSON.stringify(rendered.token)},1]`);
    b.message(`[1,1,"${inc}",1]`);
    await tick();
    expect(second.frames.at(-1)).toBe('[1,[[0,1,0],0,"2"],1]');
  });

  test("a new session does not know the page's refs from the old one", async () => {
    const { inc, connect, e } = page();
    const first = connect(0);
    first.handler.message(`[1,7,"${inc}",0]`);
    await tick();
    first.handler.close();
    const s = socket();
    const handler = e.connect(s.connection, info);
    handler.message(join("", 0, "page-a"));
    const tree = JSON.stringify((s.decoded()[0] as { tree: unknown }).tree);
    const fresh = /"on:click":"(\w+)"\},"\+"/.exec(tree)![1]!;
    handler.message(`[1,8,"${fresh}",0]`);
    await tick();
    expect(s.frames.at(-1)).toBe('[1,[[0,1,0],0,"1"],8]');
  });
});

describe("event payloads from the network", () => {
  const room = app({
    init: () => ({ draft: "" }),
    update: (_model: { draft: string }, msg: { type: "typed"; value: string }) => ({
      draft: msg.value,
    }),
    view: (model) =>
      h(
        "div",
        null,
        h("input", { onInput: (e) => ({ type: "typed" as const, value: e.value }) }),
        h("p", null, model.draft),
      ),
  });

  test("a value of another type than the handler is promised is refused, reported and acknowledged as failed", async () => {
    const errors: [string, string][] = [];
    const e = createEndpoint({
      app: room,
      onError: (error, phase) => errors.push([String(error), phase]),
    });
    endpoints.push(e);
    const s = socket();
    const handler = e.connect(s.connection, info);
    handler.message('[0,1,"",0]');
    const input = /"on:input":"(\w+)"/.exec(JSON.stringify(s.decoded()[0]))![1]!;
    const forged = '{"kind":0,"tag":"img","attributes":{"src":"x","onerror":"alert(1)"}}';
    handler.message(`[1,1,"${input}",0,{"value":${forged}}]`);
    await tick();
    // The failure, then the cumulative acknowledgement every batch ends with.
    expect(s.decoded().slice(1)).toEqual([
      { type: "ack", ref: 1, status: AckStatus.Failed },
      { type: "ack", ref: 1, status: AckStatus.Ok },
    ]);
    expect(errors).toEqual([
      ["TypeError: input event refused: value must be a string, got object", "payload"],
    ]);
    handler.message(`[1,2,"${input}",0,{"value":"hello"}]`);
    await tick();
    expect(s.frames.at(-1)).toBe('[1,[[0,1],3,0,["hello"]],2]');
  });
});
