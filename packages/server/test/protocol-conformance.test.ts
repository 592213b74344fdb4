import { type ClientMessage, codecFor, ErrorCode, PROTOCOL_VERSION } from "@lucent/protocol";
import client1 from "@lucent/protocol/vectors/v1/client.json" with { type: "json" };
import invalidClient1 from "@lucent/protocol/vectors/v1/invalid-client.json" with { type: "json" };
import client2 from "@lucent/protocol/vectors/v2/client.json" with { type: "json" };
import invalidClient2 from "@lucent/protocol/vectors/v2/invalid-client.json" with { type: "json" };
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  app,
  type Connection,
  createEndpoint,
  createHandlerRegistry,
  createRoot,
  diffView,
  h,
  mountView,
  toWire,
} from "../src/index.ts";
import { view } from "./arbitraries.ts";

// The server held to the protocol's golden vectors: what SPEC.md says a client may send is
// handled, what it says is invalid is refused with an error frame, and nothing either way harms
// the session.

const codec = (() => {
  const c = codecFor(PROTOCOL_VERSION);
  if (!c.ok) throw new Error(c.message);
  return c.value;
})();

interface Vectors {
  readonly version: number;
  /** A join of this version that starts a new session. */
  readonly join: string;
  readonly client: readonly { name: string; message: ClientMessage; wire: string }[];
  readonly invalidClient: readonly { name: string; wire: string }[];
}

// Every version the server speaks, with that version's vectors (SPEC §2).
const versions: readonly Vectors[] = [
  {
    version: 2,
    join: '[0,2,"",0,{},"","page"]',
    client: client2 as Vectors["client"],
    invalidClient: invalidClient2,
  },
  {
    version: 1,
    join: '[0,1,"",0]',
    client: client1 as Vectors["client"],
    invalidClient: invalidClient1,
  },
];

const counter = app({
  init: () => 0,
  update: (n: number, msg: "inc") => (msg === "inc" ? n + 1 : n),
  view: (n) => h("button", { onClick: "inc" }, String(n)),
});

function joined(join: string) {
  const endpoint = createEndpoint({ app: counter, shared: true });
  const frames: string[] = [];
  let closed: number | undefined;
  const connection: Connection = {
    send: (data) => frames.push(data),
    close: (code) => {
      closed = code;
    },
  };
  const handler = endpoint.connect(connection, { url: "http://localhost/" });
  handler.message(join);
  return { endpoint, handler, frames, closed: () => closed };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe.each(versions)("the server against the protocol v$version vectors", (vectors) => {
  const { join, client, invalidClient } = vectors;

  test("every valid client frame after join is handled without an error frame (except a second join)", async () => {
    for (const vector of client) {
      const { endpoint, handler, frames, closed } = joined(join);
      handler.message(vector.wire);
      await tick();
      const errors = frames
        .slice(1)
        .map((f) => JSON.parse(f))
        .filter((m) => m[0] === 4);
      if (vector.message.type === "join")
        expect(errors.map((e) => e[1])).toEqual([ErrorCode.OutOfOrder]);
      else expect(errors, vector.name).toEqual([]);
      expect(closed(), vector.name).toBeUndefined();
      endpoint.shutdown();
    }
  });

  test("every invalid client frame is refused with an error frame, and the session carries on", async () => {
    const good = joined(join);
    const endpoint = good.endpoint;
    const button = /"on:click":"(\w+)"/.exec(JSON.stringify(JSON.parse(good.frames[0]!)[3]))![1]!;
    for (const vector of invalidClient) {
      const frames: string[] = [];
      const handler = endpoint.connect(
        { send: (f) => frames.push(f), close: () => {} },
        { url: "http://localhost/" },
      );
      handler.message(join);
      handler.message(vector.wire);
      const reply = frames.slice(1).map((f) => JSON.parse(f));
      expect(reply.length, vector.name).toBe(1);
      expect(reply[0]![0], vector.name).toBe(4);
      expect([ErrorCode.BadFrame, ErrorCode.OutOfOrder], vector.name).toContain(reply[0]![1]);
      handler.close();
    }
    good.handler.message(`[1,1,"${button}",0]`);
    await tick();
    expect(good.frames.at(-1)).toBe('[1,[[0,0],0,"1"],1]');
    expect(good.closed()).toBeUndefined();
    endpoint.shutdown();
  });
});

describe("the server's own frames", () => {
  test("mount and patch frames the server produces for random views decode under the strict decoder", () => {
    fc.assert(
      fc.property(view, view, (a, b) => {
        const registry = createHandlerRegistry();
        const root = createRoot();
        mountView(root, a, registry, 0);
        const mount = codec.encodeMountFrame(0, "tok", JSON.stringify(root.children.map(toWire)));
        expect(codec.decodeServer(mount).ok).toBe(true);
        const ops = diffView(root, b, registry, 1);
        const patch = codec.encodePatchFrame(JSON.stringify(ops), 3);
        const decoded = codec.decodeServer(patch);
        if (!decoded.ok) throw new Error(`${decoded.message}: ${patch}`);
      }),
      { numRuns: 1000 },
    );
  });
});
