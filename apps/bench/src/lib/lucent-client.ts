// A Lucent protocol client over a real WebSocket (SPEC §3–4), as the browser element speaks it:
// join, then events carrying the sequence number of the DOM they were made on.
import type { Patch, WireNode } from "@lucent/protocol";
import WebSocket from "ws";
import { applyToMirror, type MirrorElement, mirrorRoot } from "./wire-tree.ts";

export interface LucentSocket {
  readonly ws: WebSocket;
  /** The DOM as this client has it (kept only with `mirror: true`). */
  readonly mirror: MirrorElement | undefined;
  readonly seq: number;
  /** Sends an event and resolves with the frame that acknowledges it, and the bytes both ways. */
  event(handler: string, payload?: object): Promise<{ reply: string; sent: number }>;
  /** Called with every patch frame (after it is counted). */
  onPatch: ((frame: string) => void) | null;
  close(): void;
}

export interface LucentConnectOptions {
  readonly mirror?: boolean;
  /** Source address on the loopback range, to spread many sockets over more ephemeral ports. */
  readonly localAddress?: string;
}

/**
 * The join a browser sends to start a new session (protocol v2): no token, no attributes, no URL,
 * and a page name of random digits, as `<lucent-view>` makes one.
 */
export const newSessionJoin = (): string =>
  JSON.stringify([0, 2, "", 0, {}, "", `${Math.random()}`]);

/** Opens `<page>/__lucent`, joins with no token (a new session), and waits for the mount. */
export function connectLucent(
  pageUrl: string,
  options: LucentConnectOptions = {},
): Promise<LucentSocket> {
  const url = `${pageUrl.replace(/^http/, "ws")}/__lucent`;
  const ws = new WebSocket(url, {
    perMessageDeflate: false,
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
  });
  let seq = 0;
  let ref = 0;
  let mirror: MirrorElement | undefined;
  const waiting = new Map<number, (frame: string) => void>();
  const socket: LucentSocket = {
    ws,
    get mirror() {
      return mirror;
    },
    get seq() {
      return seq;
    },
    event(handler, payload) {
      const r = ++ref;
      const frame = JSON.stringify(payload ? [1, r, handler, seq, payload] : [1, r, handler, seq]);
      return new Promise((resolve) => {
        waiting.set(r, (reply) => resolve({ reply, sent: Buffer.byteLength(frame) }));
        ws.send(frame);
      });
    },
    onPatch: null,
    close: () => ws.terminate(),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no mount from ${url}`));
    }, 30_000);
    ws.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    ws.on("open", () => ws.send(newSessionJoin()));
    ws.on("message", (data) => {
      const text = data.toString();
      // Frames are `[tag, …]`; the tag is one digit.
      const tag = text.charCodeAt(1) - 48;
      if (tag === 1) {
        seq++;
        const frame = JSON.parse(text) as [1, Patch, number?];
        if (mirror) applyToMirror(mirror, frame[1]);
        socket.onPatch?.(text);
        const ack = frame[2];
        if (ack !== undefined) settle(ack, text);
      } else if (tag === 2) {
        settle((JSON.parse(text) as [2, number])[1], text);
      } else if (tag === 0) {
        const frame = JSON.parse(text) as [0, number, string, WireNode[]?];
        seq = frame[1];
        if (options.mirror && frame[3]) mirror = mirrorRoot(frame[3]);
        clearTimeout(timer);
        resolve(socket);
      }
    });
  });

  function settle(ack: number, frame: string): void {
    for (const [r, done] of waiting) {
      if (r > ack) continue;
      waiting.delete(r);
      done(frame);
    }
  }
}
