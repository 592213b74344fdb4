// Bytes on the wire per operation: Lucent's frames (through a real endpoint) against sending the
// whole HTML of the view again (what HTML-over-the-wire frameworks send), and against LiveViewJS
// 0.8.1 serving the same pages over a real WebSocket.
import { createEndpoint } from "@lucent/server";
import { counterApp, type ListRow, listApp } from "../lib/apps.ts";
import { log, runArea } from "../lib/area.ts";
import { type FakeSession, fakeSession } from "../lib/fake-connection.ts";
import { jfbApp, view as jfbView, OPERATIONS, type Row, states } from "../lib/jfb.ts";
import { renderHtml } from "../lib/lucent.ts";
import { connectLiveView } from "../lib/lv-client.ts";
import { ensurePeer, startLiveView } from "../lib/peers.ts";
import { findElement, handlerOf, type MirrorElement } from "../lib/wire-tree.ts";

interface Line {
  readonly name: string;
  readonly title: string;
  /** Server → client bytes Lucent sent for the operation (all frames until the ack). */
  readonly lucent: number;
  /** Client → server bytes of Lucent's event frame. */
  readonly lucentEvent: number;
  /** Bytes of the view's whole HTML after the operation. */
  readonly html: number;
  /** Server → client bytes of LiveViewJS's reply. */
  readonly liveview: number;
  readonly liveviewEvent: number;
  readonly lucentFrame: string;
}

const bytes = (text: string) => Buffer.byteLength(text);
const options = { rateLimit: { perSecond: 1e6, burst: 1e6 }, graceMs: 600_000 };

function button(mirror: MirrorElement, id: string): string {
  return handlerOf(findElement(mirror, (e) => e.tag === "button" && e.attrs.id === id));
}

/** The handler of the second row's select (column 1) or remove (column 2) link. */
function rowLink(mirror: MirrorElement, column: number): string {
  const tbody = findElement(mirror, (e) => e.tag === "tbody") as MirrorElement;
  const tr = tbody.children[1] as MirrorElement;
  const td = tr.children[column] as MirrorElement;
  return handlerOf(td.children[0] as MirrorElement);
}

runArea("bytes", async () => {
  const peerVersions = ensurePeer();
  const lv = await startLiveView();
  const lines: Line[] = [];
  try {
    {
      const session = await fakeSession(createEndpoint({ app: counterApp, ...options }));
      const inc = handlerOf(findElement(session.mirror, (e) => e.children[0] === "+"));
      const { frames, sent } = await session.event(inc);
      const peer = await connectLiveView(lv.url, "/counter");
      const reply = await peer.click("increment");
      peer.close();
      lines.push({
        name: "counter",
        title: "counter increment",
        lucent: frames.reduce((n, f) => n + bytes(f), 0),
        lucentEvent: sent,
        html: bytes(renderHtml(counterApp.view(1))),
        liveview: bytes(reply.reply),
        liveviewEvent: reply.sent,
        lucentFrame: frames.join(" "),
      });
    }
    {
      const session = await fakeSession(createEndpoint({ app: listApp, ...options }));
      const bump = handlerOf(findElement(session.mirror, (e) => e.tag === "button"));
      const { frames, sent } = await session.event(bump);
      const peer = await connectLiveView(lv.url, "/list");
      const reply = await peer.click("bump");
      peer.close();
      lines.push({
        name: "list100",
        title: "one changed row in a 100-row list",
        lucent: frames.reduce((n, f) => n + bytes(f), 0),
        lucentEvent: sent,
        html: bytes(renderHtml(listApp.view(bumpedList()))),
        liveview: bytes(reply.reply),
        liveviewEvent: reply.sent,
        lucentFrame: frames.join(" "),
      });
    }
    for (const op of OPERATIONS) {
      log("bytes", op.name);
      const { before, after, msg } = states(op);
      const session: FakeSession = await fakeSession(createEndpoint({ app: jfbApp, ...options }));
      for (const setup of op.setup) await session.event(button(session.mirror, setup.type));
      const handler =
        msg.type === "select"
          ? rowLink(session.mirror, 1)
          : msg.type === "remove"
            ? rowLink(session.mirror, 2)
            : button(session.mirror, msg.type);
      const { frames, sent } = await session.event(handler);
      const peer = await connectLiveView(lv.url, "/jfb");
      for (const setup of op.setup) await peer.click(setup.type);
      const value =
        msg.type === "select" || msg.type === "remove"
          ? { id: String((before.rows[1] as Row).id) }
          : undefined;
      const reply = await peer.click(msg.type, value);
      peer.close();
      if (after.rows.length > 0 && !reply.reply.includes((after.rows[0] as Row).label)) {
        if (op.name.startsWith("create") || op.name === "replace1k")
          throw new Error(`LiveViewJS shows other labels than Lucent for ${op.name}`);
      }
      lines.push({
        name: op.name,
        title: op.title,
        lucent: frames.reduce((n, f) => n + bytes(f), 0),
        lucentEvent: sent,
        html: bytes(renderHtml(jfbView(after))),
        liveview: bytes(reply.reply),
        liveviewEvent: reply.sent,
        lucentFrame: frames.join(" ").slice(0, 200),
      });
    }
  } finally {
    await lv.close();
  }
  return { peerVersions, lines };
});

function bumpedList(): ListRow[] {
  return listApp.update(listApp.init() as ListRow[], { type: "bump" }) as ListRow[];
}
