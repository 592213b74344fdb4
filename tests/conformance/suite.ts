// The one conformance suite: every adapter, in every runtime it supports, must pass it over real
// sockets. A fixture (fixtures/*.ts) serves the pages of fixtures/pages.ts through one adapter,
// runs as a child process inside its real runtime on port 0, and prints `READY <port>`.
import { join } from "node:path";
import { clientExtrasScript, clientScript } from "@lucent/client/script";
import { DEFAULT_MAX_FRAME_BYTES } from "@lucent/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RuntimeName, runtimeCommand } from "../support/runtimes.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";
import { openSocket, type TestSocket, UpgradeRefused } from "../support/ws-client.ts";
import { ALLOWED_ORIGIN } from "./fixtures/pages.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");

/** The counter's handler references, from its HTML (`on:click="…"`) or a mount's tree. */
function handlers(text: string): { dec: string; inc: string } {
  const [dec, inc] = [...text.matchAll(/on:click(?:="|":")(\w+)"/g)].map((match) => match[1]);
  if (dec === undefined || inc === undefined) throw new Error(`no handlers in ${text}`);
  return { dec, inc };
}
/** A patch of the counter's `<output>` text (main › output › text), with the ack of an event. */
const patchFrame = (text: string, ack?: number) =>
  `[1,[[0,1,0],0,${JSON.stringify(text)}]${ack === undefined ? "" : `,${ack}`}]`;
const eventFrame = (ref: number, handler: string, seq = 0) => `[1,${ref},"${handler}",${seq}]`;
const joinFrame = (token = "", seq = 0, version = 1) =>
  `[0,${version},${JSON.stringify(token)},${seq}]`;

/** What a host lets its adapter decide. */
export interface HostTraits {
  /**
   * The frame size above which the socket server itself closes the socket (1009): the default
   * `DEFAULT_MAX_FRAME_BYTES`, or what the fixture set, raised to `MIN_FRAME_BYTES`. `null` where
   * the host takes no such limit (`Deno.upgradeWebSocket`): there Lucent's own `maxFrameLength`
   * answers.
   */
  readonly frameCap: number | null;
}

/** Runs the conformance suite against `fixture` (a file in fixtures/) inside `runtime`. */
export function conformance(
  runtime: RuntimeName,
  fixture: string,
  host: HostTraits = { frameCap: DEFAULT_MAX_FRAME_BYTES },
): void {
  describe(`${fixture} in ${runtime}`, () => {
    let server: ServerProcess;
    let http: string;
    let ws: string;
    const sockets: TestSocket[] = [];

    beforeAll(async () => {
      const [command, args] = runtimeCommand(runtime, fixture);
      server = await startServerProcess(command, args, { cwd: FIXTURES, ready: /READY (\d+)/ });
      http = `http://127.0.0.1:${server.ready[1]}`;
      ws = `ws://127.0.0.1:${server.ready[1]}`;
    });

    afterAll(async () => {
      for (const socket of sockets) socket.ws.terminate();
      await server?.stop();
    });

    /** Opens a socket from the page's own origin, as a browser on the rendered page would. */
    async function connect(path: string, origin = http): Promise<TestSocket> {
      const socket = await openSocket(ws + path, origin);
      sockets.push(socket);
      return socket;
    }

    /** Renders a page on the server and returns its HTML and the session it started. */
    async function render(path: string) {
      const response = await fetch(http + path);
      const html = await response.text();
      const view = /<lucent-view route="([^"]+)" token="([^"]+)" seq="(\d+)"/.exec(html);
      return { response, html, route: view?.[1], token: view?.[2] ?? "", seq: Number(view?.[3]) };
    }

    test("renders the first page on the server, with the session and the script", async () => {
      const page = await render("/counter?start=5");
      expect(page.response.status).toBe(200);
      expect(page.response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(page.html).toMatch(/^<!doctype html>/);
      expect(page.html).toContain('<script type="module" src="/_lucent/client.js"></script>');
      const { dec, inc } = handlers(page.html);
      expect(page.html).toContain(
        `<main><button on:click="${dec}">-</button><output>5</output><button on:click="${inc}">+</button></main>`,
      );
      expect(page.route).toBe("/counter/__lucent");
      expect(page.token).toMatch(/^[\w-]{16,}$/);
      expect(page.seq).toBe(0);
    });

    test("serves the client script", async () => {
      const response = await fetch(`${http}/_lucent/client.js`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(await response.text()).toBe(clientScript);
    });

    test("serves the client's second module beside the script", async () => {
      const response = await fetch(`${http}/_lucent/lucent-extras.min.js`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(await response.text()).toBe(clientExtrasScript);
    });

    test("leaves other paths to the host", async () => {
      expect((await fetch(`${http}/nowhere`)).status).toBe(404);
    });

    test("connects: the socket adopts the rendered session, events come back as patches", async () => {
      const page = await render("/counter?start=5");
      const socket = await connect("/counter/__lucent");
      socket.send(joinFrame(page.token));
      // A mount without a tree: the client keeps the server-rendered DOM.
      expect(await socket.next()).toBe(`[0,0,${JSON.stringify(page.token)}]`);
      const { dec, inc } = handlers(page.html);
      socket.send(eventFrame(0, inc));
      expect(await socket.next()).toBe(patchFrame("6", 0));
      socket.send(eventFrame(1, dec, 1));
      expect(await socket.next()).toBe(patchFrame("5", 1));
    });

    test("starts a session from the socket's URL when the token is unknown", async () => {
      const socket = await connect("/counter/__lucent?start=7");
      socket.send(joinFrame("no-such-session"));
      const mount = JSON.parse(await socket.next()) as [number, number, string, unknown];
      expect(mount.slice(0, 2)).toEqual([0, 0]);
      expect(mount[2]).not.toBe("no-such-session");
      expect(JSON.stringify(mount[3])).toContain('"7"');
    });

    test("refuses an unsupported protocol version with a reason", async () => {
      const socket = await connect("/counter/__lucent");
      socket.send(joinFrame("", 0, 99));
      const [tag, code, message] = JSON.parse(await socket.next()) as [number, number, string];
      expect([tag, code]).toEqual([4, 2]);
      expect(message).toMatch(/^unsupported protocol version 99; this server speaks /);
      const closed = await socket.closed;
      expect(closed.code).toBe(4426);
      expect(closed.reason).toBe(message.slice(0, 120));
    });

    test("broadcasts a shared runtime's patches to every client", async () => {
      const alice = await connect("/room/__lucent");
      const bob = await connect("/room/__lucent");
      alice.send(joinFrame());
      bob.send(joinFrame());
      const mount = await alice.next();
      expect(mount).toMatch(/^\[0,0,"[\w-]+",/);
      expect(await bob.next()).toMatch(/^\[0,0,"[\w-]+",/);
      const { dec, inc } = handlers(mount);
      alice.send(eventFrame(0, inc));
      expect(await alice.next()).toBe(patchFrame("1", 0));
      expect(await bob.next()).toBe(patchFrame("1"));
      bob.send(eventFrame(0, dec, 1));
      expect(await bob.next()).toBe(patchFrame("0", 0));
      expect(await alice.next()).toBe(patchFrame("0"));
    });

    test("resumes the session after a reconnect and replays what the client missed", async () => {
      const page = await render("/counter");
      const first = await connect("/counter/__lucent");
      const { inc } = handlers(page.html);
      first.send(joinFrame(page.token));
      await first.next();
      first.send(eventFrame(0, inc));
      expect(await first.next()).toBe(patchFrame("1", 0));
      // The connection dies without a close handshake, as when a network drops.
      first.ws.terminate();
      await first.closed;
      const second = await connect("/counter/__lucent");
      second.send(joinFrame(page.token, 0));
      expect(await second.next()).toBe(`[0,0,${JSON.stringify(page.token)}]`);
      expect(await second.next()).toBe(patchFrame("1"));
      second.send(eventFrame(0, inc, 1));
      expect(await second.next()).toBe(patchFrame("2", 0));
    });

    test("processes an event once when its page sends it again after a reconnect (v2)", async () => {
      const page = await render("/counter");
      const { inc } = handlers(page.html);
      const join = (seq: number) => JSON.stringify([0, 2, page.token, seq, {}, "", "0.25"]);
      const first = await connect("/counter/__lucent");
      first.send(join(0));
      await first.next();
      first.send(eventFrame(1, inc));
      expect(await first.next()).toBe(patchFrame("1", 1));
      first.ws.terminate();
      await first.closed;
      // The page never saw that patch: it resumes at 0 and sends ref 1 again, with a new ref 2.
      const second = await connect("/counter/__lucent");
      second.send(join(0));
      expect(await second.next()).toBe(`[0,0,${JSON.stringify(page.token)}]`);
      expect(await second.next()).toBe(patchFrame("1"));
      second.send(`[3,[${eventFrame(1, inc)},${eventFrame(2, inc, 1)}]]`);
      expect(await second.next()).toBe(patchFrame("2", 2));
    });

    test("answers bad frames with errors and keeps the connection", async () => {
      const socket = await connect("/counter/__lucent");
      socket.send(eventFrame(0, "0"));
      expect(await socket.next()).toBe('[4,3,"the first frame must be join"]');
      socket.send(joinFrame());
      const mount = await socket.next();
      expect(mount).toMatch(/^\[0,0,/);
      for (const frame of ["nope", "{}", "[1]", `[1,0,"x",0,${"[".repeat(40)}${"]".repeat(40)}]`])
        socket.send(frame);
      socket.send(new Uint8Array([1, 2, 3]), { binary: true });
      for (let i = 0; i < 5; i++) expect(await socket.next()).toMatch(/^\[4,1,"/);
      socket.send(eventFrame(0, handlers(mount).inc));
      expect(await socket.next()).toBe(patchFrame("1", 0));
    });

    test("survives a frame that breaks the WebSocket protocol", async () => {
      const socket = await connect("/counter/__lucent");
      socket.send(joinFrame());
      await socket.next();
      // Invalid UTF-8 in a text frame: the host must close this socket, and only this one.
      socket.send(new Uint8Array([0xc3, 0x28]), { binary: false });
      expect((await socket.closed).code).toBeGreaterThanOrEqual(1000);
      const again = await connect("/counter/__lucent");
      again.send(joinFrame());
      expect(await again.next()).toMatch(/^\[0,0,/);
    });

    // Every host must let the server close with 1009 itself (a browser's own close may not).
    test("a join over the frame limit is refused with the reason and closed with 1009", async () => {
      const socket = await connect("/counter/__lucent");
      const attributes = JSON.stringify({ "data-notes": "y".repeat(70_000) });
      socket.send(`[0,2,"",0,${attributes},"",""]`);
      expect(await socket.next()).toMatch(/^\[4,1,"join refused: frame of 70\d{3} characters/);
      expect(await socket.closed).toEqual({ code: 1009, reason: "join frame too long" });
      const again = await connect("/counter/__lucent");
      again.send(joinFrame());
      expect(await again.next()).toMatch(/^\[0,0,/);
    });

    test("a frame above the transport's cap ends that socket only, or is refused", async () => {
      const cap = host.frameCap ?? DEFAULT_MAX_FRAME_BYTES;
      const socket = await connect("/counter/__lucent");
      socket.send(joinFrame());
      await socket.next();
      // Exactly the cap is read, and answered by the page's own, smaller limit.
      socket.send("x".repeat(cap));
      expect(await socket.next()).toMatch(/^\[4,1,"frame of \d+ characters/);
      socket.send("x".repeat(cap + 1));
      if (host.frameCap !== null) expect((await socket.closed).code).toBe(1009);
      else expect(await socket.next()).toMatch(/^\[4,1,"frame of \d+ characters/);
      const again = await connect("/counter/__lucent");
      again.send(joinFrame());
      expect(await again.next()).toMatch(/^\[0,0,/);
    });

    test("refuses upgrades from other origins with 403", async () => {
      const refused = await connect("/counter/__lucent", "http://evil.example").catch((e) => e);
      expect(refused).toBeInstanceOf(UpgradeRefused);
      expect((refused as UpgradeRefused).status).toBe(403);
      const allowed = await connect("/counter/__lucent", ALLOWED_ORIGIN);
      allowed.send(joinFrame());
      expect(await allowed.next()).toMatch(/^\[0,0,/);
    });

    // Last: it stops the fixture.
    test("shuts down cleanly: sockets close with 1001 and the process exits", async () => {
      const socket = await connect("/counter/__lucent");
      socket.send(joinFrame());
      await socket.next();
      const exit = server.stop(10_000);
      // Going away: the client reconnects. (Deno's own shutdown may close the socket first, with
      // the same code and its own reason.)
      expect((await socket.closed).code).toBe(1001);
      expect(await exit).toBe(0);
    });
  });
}
