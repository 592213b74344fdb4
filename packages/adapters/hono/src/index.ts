import { clientScript } from "@lucent/client/script";
import {
  type Connection,
  createEndpoint,
  type DocumentParts,
  type Endpoint,
  type EndpointOptions,
  isOriginAllowed,
  ORIGIN_REFUSED,
  renderDocument,
  viewElement,
} from "@lucent/server";
import type { Hono } from "hono";
import type { UpgradeWebSocket, WSContext } from "hono/ws";

export interface LucentOptions {
  /** The `upgradeWebSocket` of the host: from `@hono/node-server`, `hono/bun` or `hono/deno`. */
  readonly upgradeWebSocket: UpgradeWebSocket;
  /** Where the client script is served. @default "/_lucent/client.js" */
  readonly scriptPath?: string;
  /** Origins besides the page's own that may open sockets ("*" for any). @default [] */
  readonly allowedOrigins?: readonly string[];
}

export interface PageOptions<Model, Msg, Flags> extends EndpointOptions<Model, Msg, Flags> {
  /** @default "Lucent" */
  readonly title?: string;
  /** Trusted HTML for the page's `<head>`. */
  readonly head?: string;
  /** Builds the whole page around the view; defaults to a minimal HTML document. */
  readonly document?: (parts: DocumentParts) => string;
}

export interface Lucent {
  /** Serves an app at `path`: the server-rendered page, and its WebSocket at `path/__lucent`. */
  page<Model, Msg, Flags>(path: string, options: PageOptions<Model, Msg, Flags>): Endpoint;
  /** Closes every socket and stops every runtime. */
  shutdown(): void;
}

/**
 * Binds Lucent to a Hono app.
 *
 * @example
 * const lucent = createLucent(hono, { upgradeWebSocket });
 * lucent.page("/", { app: counter, title: "Counter" });
 */
export function createLucent(hono: Hono, options: LucentOptions): Lucent {
  const scriptPath = options.scriptPath ?? "/_lucent/client.js";
  const allowed = options.allowedOrigins ?? [];
  const endpoints: Endpoint[] = [];

  hono.get(scriptPath, (c) =>
    c.body(clientScript, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "no-cache",
    }),
  );

  return {
    page(path, page) {
      const endpoint = createEndpoint(page);
      endpoints.push(endpoint);
      const socketPath = `${path.replace(/\/$/, "")}/__lucent`;
      const document = page.document ?? renderDocument;

      hono.get(path, (c) => {
        const rendered = endpoint.render({ url: c.req.url });
        if (!rendered) return c.text("Too many sessions; try again shortly.", 503);
        const view = viewElement(rendered, socketPath);
        return c.html(
          document({
            title: page.title ?? "Lucent",
            view,
            script: scriptPath,
            head: page.head ?? "",
          }),
        );
      });

      hono.get(
        socketPath,
        async (c, next) => {
          if (isOriginAllowed(c.req.header("origin"), new URL(c.req.url), allowed)) return next();
          return c.text(ORIGIN_REFUSED.body, ORIGIN_REFUSED.status);
        },
        options.upgradeWebSocket((c) => {
          let handler: ReturnType<Endpoint["connect"]> | undefined;
          return {
            onOpen: (_event, ws) => {
              handler = endpoint.connect(connectionOf(ws), { url: c.req.url });
            },
            // Binary frames (Blob on some hosts) are not part of the protocol; the handler refuses them.
            onMessage: (event) =>
              handler?.message(typeof event.data === "string" ? event.data : new Uint8Array(0)),
            onClose: () => handler?.close(),
          };
        }),
      );
      return endpoint;
    },
    shutdown() {
      for (const endpoint of endpoints) endpoint.shutdown();
    },
  };
}

function connectionOf(ws: WSContext): Connection {
  return {
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    get bufferedAmount() {
      return (ws.raw as { bufferedAmount?: number } | undefined)?.bufferedAmount ?? 0;
    },
  };
}
