import { clientExtrasScript, clientScript } from "@lucent/client/script";
import {
  type Connection,
  type ConnectionHandler,
  createSite,
  type HttpResponse,
  type Lucent,
  type ServeOptions,
} from "@lucent/server";
import type { Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { UpgradeWebSocket, WSContext } from "hono/ws";

export type { Lucent, PageOptions } from "@lucent/server";

/** Options of `createLucent` on Hono. */
export interface LucentOptions extends ServeOptions {
  /** The `upgradeWebSocket` of the host: from `@hono/node-server`, `hono/bun` or `hono/deno`. */
  readonly upgradeWebSocket: UpgradeWebSocket;
}

/**
 * Binds Lucent to a Hono app on Node, Bun or Deno. On Bun, also pass `websocket` from `hono/bun`
 * to `Bun.serve`.
 *
 * @example
 * const lucent = createLucent(hono, { upgradeWebSocket });
 * lucent.page("/", { app: counter, title: "Counter" });
 */
export function createLucent(hono: Hono, options: LucentOptions): Lucent {
  const site = createSite(clientScript, clientExtrasScript, options);
  const respond = (c: Context, r: HttpResponse) =>
    c.body(r.body, r.status as ContentfulStatusCode, r.headers);

  hono.get(site.scriptPath, (c) => respond(c, site.script));
  hono.get(site.extrasPath, (c) => respond(c, site.extras));

  return {
    page(path, pageOptions) {
      const page = site.page(path, pageOptions);
      hono.get(path, (c) => respond(c, page.render(c.req.url)));
      hono.get(
        page.socketPath,
        async (c, next) => {
          const refusal = site.refuseUpgrade(c.req.header("origin"), c.req.url);
          return refusal ? respond(c, refusal) : next();
        },
        options.upgradeWebSocket((c) => {
          // Deno invalidates the request once it is upgraded: read the URL now.
          const info = { url: c.req.url };
          let handler: ConnectionHandler | undefined;
          return {
            onOpen: (_event, ws) => {
              handler = page.endpoint.connect(connectionOf(ws), info);
            },
            // Binary frames (Blob on some hosts) are not part of the protocol; the handler refuses them.
            onMessage: (event) =>
              handler?.message(typeof event.data === "string" ? event.data : new Uint8Array(0)),
            onClose: () => handler?.close(),
          };
        }),
      );
      return page.endpoint;
    },
    shutdown: () => site.shutdown(),
  };
}

/** The raw sockets behind WSContext: ws and Deno's WebSocket have `bufferedAmount`, Bun a getter. */
interface RawSocket {
  readonly bufferedAmount?: number;
  getBufferedAmount?(): number;
}

function connectionOf(ws: WSContext): Connection {
  const raw = ws.raw as RawSocket | undefined;
  return {
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    get bufferedAmount() {
      return raw?.bufferedAmount ?? raw?.getBufferedAmount?.() ?? 0;
    },
  };
}
