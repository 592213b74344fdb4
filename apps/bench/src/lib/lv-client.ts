// A Phoenix LiveView protocol client (vsn 2.0.0) over a real WebSocket, following
// shared/reference/liveview.md §6.4: GET the page, scrape its tokens, join the view's topic, send
// events and match replies by ref.
import WebSocket from "ws";

export interface LiveViewSocket {
  readonly ws: WebSocket;
  /** The join reply frame. */
  readonly joinReply: string;
  /** The initial page (the whole HTML). */
  readonly page: string;
  /** Sends a click event and resolves with its reply frame, and the bytes both ways. */
  click(event: string, value?: Record<string, string>): Promise<{ reply: string; sent: number }>;
  close(): void;
}

function scrape(html: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(html);
  if (!match) throw new Error(`LiveView page has no ${what}`);
  return match[1] as string;
}

export async function connectLiveView(
  base: string,
  path: string,
  options: { localAddress?: string } = {},
): Promise<LiveViewSocket> {
  const response = await fetch(base + path);
  const page = await response.text();
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const csrf = scrape(page, /name="csrf-token" content="([^"]+)"/, "csrf-token");
  const session = scrape(page, /data-phx-session="([^"]+)"/, "data-phx-session");
  const statics = /data-phx-static="([^"]*)"/.exec(page)?.[1] ?? "";
  const id = scrape(page, /data-phx-main[^>]*id="([^"]+)"|id="([^"]+)"[^>]*data-phx-main/, "id");
  const topic = `lv:${id}`;
  const ws = new WebSocket(
    `${base.replace(/^http/, "ws")}/live/websocket?_csrf_token=${encodeURIComponent(csrf)}&vsn=2.0.0`,
    {
      headers: { cookie },
      perMessageDeflate: false,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    },
  );
  let ref = 1;
  const waiting = new Map<string, (frame: string) => void>();
  ws.on("message", (data) => {
    const text = data.toString();
    const frame = JSON.parse(text) as [string | null, string | null, string, string, unknown];
    const r = frame[1];
    if (r !== null && frame[3] === "phx_reply") {
      const done = waiting.get(r);
      waiting.delete(r);
      done?.(text);
    }
  });
  const send = (event: string, payload: unknown) => {
    const r = String(ref++);
    const frame = JSON.stringify(["1", r, topic, event, payload]);
    return new Promise<{ reply: string; sent: number }>((resolve) => {
      waiting.set(r, (reply) => resolve({ reply, sent: Buffer.byteLength(frame) }));
      ws.send(frame);
    });
  };
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const join = await send("phx_join", {
    url: base + path,
    params: { _csrf_token: csrf, _mounts: 0 },
    session: decodeEntities(session),
    static: decodeEntities(statics),
  });
  if (!join.reply.includes('"status":"ok"')) throw new Error(`LiveView join failed: ${join.reply}`);
  return {
    ws,
    joinReply: join.reply,
    page,
    click: (event, value) => send("event", { type: "click", event, value: value ?? { value: "" } }),
    close: () => ws.terminate(),
  };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
