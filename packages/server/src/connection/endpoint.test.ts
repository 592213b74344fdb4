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
        message: "unsupported protocol version 9; this server speaks 1",
      },
    ]);
    expect(s.closed()?.[0]).toBe(CloseCode.UnsupportedVersion);
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
