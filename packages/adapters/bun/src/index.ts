import { clientExtrasScript, clientScript } from "@lucent/client/script";
import {
  type ConnectionHandler,
  createSite,
  type Lucent,
  type ServeOptions,
  type SitePage,
  type TransportOptions,
} from "@lucent/server";

export type { Lucent, PageOptions, ServeOptions, TransportOptions } from "@lucent/server";

/** What a socket carries from its upgrade to the `websocket` handlers (Bun's `ws.data`). */
export interface SocketData {
  readonly page: SitePage;
  readonly url: string;
  handler?: ConnectionHandler;
}

/** The members of Bun's `ServerWebSocket` used here. */
export interface BunSocket {
  readonly data: SocketData;
  send(data: string): number;
  close(code?: number, reason?: string): void;
  getBufferedAmount(): number;
}

/** The member of Bun's `Server` used here. */
export interface BunServer {
  upgrade(request: Request, options: { data: SocketData }): boolean;
}

/** The `websocket` handlers to pass to `Bun.serve`. */
export interface BunWebSocketHandler {
  /** Bun closes a socket whose frame is larger (1009) instead of reading it. */
  readonly maxPayloadLength: number;
  open(ws: BunSocket): void;
  message(ws: BunSocket, message: string | Uint8Array): void;
  close(ws: BunSocket): void;
}

/** Options of `createLucent` on Bun. */
export interface BunOptions extends ServeOptions, TransportOptions {
  /** Answers requests for paths Lucent does not serve. @default a 404 */
  readonly fallback?: (request: Request) => Response | Promise<Response>;
}

/** What `createLucent` returns: pages, shutdown, and the two handlers `Bun.serve` takes. */
export interface LucentBun extends Lucent {
  /** The `fetch` handler to pass to `Bun.serve`. */
  fetch(request: Request, server: BunServer): Response | Promise<Response> | undefined;
  readonly websocket: BunWebSocketHandler;
}

/**
 * Serves Lucent from `Bun.serve`, with Bun's own WebSockets.
 *
 * @example
 * const lucent = createLucent();
 * lucent.page("/", { app: counter, title: "Counter" });
 * Bun.serve({ port: 3000, fetch: lucent.fetch, websocket: lucent.websocket });
 */
export function createLucent(options: BunOptions = {}): LucentBun {
  const site = createSite(clientScript, clientExtrasScript, options);
  const fallback = options.fallback ?? (() => new Response("Not Found", { status: 404 }));

  return {
    page: (path, pageOptions) => site.page(path, pageOptions).endpoint,
    fetch(request, server) {
      const action = site.dispatch(request);
      if (!action) return fallback(request);
      if (action.kind === "respond") return new Response(action.response.body, action.response);
      if (server.upgrade(request, { data: { page: action.page, url: action.url } })) return;
      return new Response("WebSocket upgrade failed", { status: 400 });
    },
    websocket: {
      maxPayloadLength: site.maxFrameBytes,
      open(ws) {
        const connection = {
          send: (data: string) => void ws.send(data),
          close: (code: number, reason: string) => ws.close(code, reason),
          get bufferedAmount() {
            return ws.getBufferedAmount();
          },
        };
        ws.data.handler = ws.data.page.endpoint.connect(connection, { url: ws.data.url });
      },
      // Binary frames arrive as Buffers (Uint8Arrays); the handler refuses them.
      message: (ws, message) => ws.data.handler?.message(message),
      close: (ws) => ws.data.handler?.close(),
    },
    shutdown: () => site.shutdown(),
  };
}
