import type { AddressInfo } from "node:net";
import { serve, upgradeWebSocket, type WebSocketServerLike } from "@hono/node-server";
import { createLucent } from "@lucent/hono";
import { Hono } from "hono";
import { WebSocketServer } from "ws";
import { chat } from "./chat.tsx";
import { counter } from "./counter.tsx";
import { STYLE } from "./style.ts";

// ws types its options with `noServer?: boolean | undefined`, which exactOptionalPropertyTypes
// refuses to match with node-server's `noServer?: boolean`; the object is the one it expects.
const socketServer = (wss: WebSocketServer) => wss as unknown as WebSocketServerLike;

export interface DemoServer {
  readonly url: string;
  /** Cuts every WebSocket from the server side, as a crashed proxy would (for tests). */
  dropSockets(): void;
  close(): Promise<void>;
}

/** Starts the demo on Node; port 0 picks a free port. */
export function startDemo(options: { port?: number; hostname?: string } = {}): Promise<DemoServer> {
  const hono = new Hono();
  const lucent = createLucent(hono, { upgradeWebSocket });
  const head = `<style>${STYLE}</style>`;
  lucent.page("/counter", { app: counter, title: "Counter · Lucent", head });
  lucent.page("/chat", { app: chat, shared: true, title: "Chat · Lucent", head });
  hono.get("/favicon.ico", (c) => c.body(null, 204));
  hono.get("/", (c) =>
    c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lucent demo</title>${head}</head><body><main><h1>Lucent demo</h1><ul><li><a href="/counter">Counter</a>: one runtime per visitor</li><li><a href="/chat">Chat</a>: one runtime shared by everyone; open it in two windows</li></ul></main></body></html>`,
    ),
  );

  const hostname = options.hostname ?? "127.0.0.1";
  const wss = new WebSocketServer({ noServer: true });
  return new Promise((resolve) => {
    const server = serve(
      {
        fetch: hono.fetch,
        port: options.port ?? 3000,
        hostname,
        websocket: { server: socketServer(wss) },
      },
      (info: AddressInfo) => {
        resolve({
          url: `http://${hostname}:${info.port}`,
          dropSockets: () => {
            for (const socket of wss.clients) socket.terminate();
          },
          close: () =>
            new Promise<void>((done) => {
              lucent.shutdown();
              server.close(() => done());
              (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            }),
        });
      },
    );
  });
}
