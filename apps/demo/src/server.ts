import type { AddressInfo } from "node:net";
import { serve, upgradeWebSocket, type WebSocketServerLike } from "@hono/node-server";
import { createLucent } from "@lucent/hono";
import { DEFAULT_MAX_FRAME_BYTES } from "@lucent/server";
import { Hono } from "hono";
import { WebSocketServer } from "ws";
import { addDemoPages, LANDING_PAGE } from "./pages.ts";

// ws types its options with `noServer?: boolean | undefined`, which exactOptionalPropertyTypes
// refuses to match with node-server's `noServer?: boolean`; the object is the one it expects.
const socketServer = (wss: WebSocketServer) => wss as unknown as WebSocketServerLike;

export interface DemoServer {
  readonly url: string;
  /** Cuts every WebSocket from the server side, as a crashed proxy would (for tests). */
  dropSockets(): void;
  /** Loses every session, as a server restart would: sockets close and clients start anew (for tests). */
  loseSessions(): void;
  close(): Promise<void>;
}

/** Starts the demo on Node; port 0 picks a free port. */
export function startDemo(options: { port?: number; hostname?: string } = {}): Promise<DemoServer> {
  const hono = new Hono();
  const lucent = createLucent(hono, { upgradeWebSocket });
  addDemoPages(lucent);
  hono.get("/favicon.ico", (c) => c.body(null, 204));
  hono.get("/", (c) => c.html(LANDING_PAGE));

  const hostname = options.hostname ?? "127.0.0.1";
  const wss = new WebSocketServer({ noServer: true, maxPayload: DEFAULT_MAX_FRAME_BYTES });
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
          loseSessions: () => lucent.shutdown(),
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
