import type { IncomingMessage } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { clientExtrasScript, clientScript } from "@lucent/client/script";
import {
  createSite,
  type HttpResponse,
  type Lucent,
  type ServeOptions,
  type TransportOptions,
} from "@lucent/server";
import { WebSocketServer } from "ws";

export type { Lucent, PageOptions, ServeOptions, TransportOptions } from "@lucent/server";

/** The members of an Express request used here. */
export interface ExpressRequest {
  readonly protocol: string;
  readonly originalUrl: string;
  get(name: string): string | undefined;
}

/** The members of an Express response used here. */
export interface ExpressResponse {
  status(code: number): this;
  set(headers: Record<string, string>): this;
  send(body: string): unknown;
}

/** The member of an Express app (or router) used here. */
export interface ExpressApp {
  get(path: string, handler: (req: ExpressRequest, res: ExpressResponse) => void): unknown;
}

/** What `createLucent` returns: pages, shutdown, and the `upgrade` listener. */
export interface LucentExpress extends Lucent {
  /**
   * The `upgrade` listener for the `http.Server` Express listens on. Upgrades to other paths are
   * answered 404; to share the event with other WebSocket servers, call it for Lucent's paths only.
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/**
 * Binds Lucent to an Express 5 app; WebSockets go through `ws`.
 *
 * @example
 * const lucent = createLucent(server);
 * lucent.page("/", { app: counter, title: "Counter" });
 * server.listen(3000).on("upgrade", lucent.handleUpgrade);
 */
export function createLucent(
  express: ExpressApp,
  options: ServeOptions & TransportOptions = {},
): LucentExpress {
  const site = createSite(clientScript, clientExtrasScript, options);
  const wss = new WebSocketServer({ noServer: true, maxPayload: site.maxFrameBytes });
  const respond = (res: ExpressResponse, r: HttpResponse) =>
    res.status(r.status).set(r.headers).send(r.body);

  express.get(site.scriptPath, (_req, res) => respond(res, site.script));
  express.get(site.extrasPath, (_req, res) => respond(res, site.extras));

  return {
    page(path, pageOptions) {
      const page = site.page(path, pageOptions);
      express.get(path, (req, res) =>
        respond(res, page.render(`${req.protocol}://${req.get("host")}${req.originalUrl}`)),
      );
      return page.endpoint;
    },
    handleUpgrade(request, socket, head) {
      const scheme = (socket as { encrypted?: boolean }).encrypted ? "https" : "http";
      const url = `${scheme}://${request.headers.host ?? "localhost"}${request.url ?? "/"}`;
      const headers = { get: (name: string) => header(request, name) };
      const action = site.dispatch({ method: request.method ?? "GET", url, headers });
      if (action?.kind !== "upgrade") {
        refuse(socket, action?.response ?? NOT_FOUND);
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        const handler = action.page.endpoint.connect(
          {
            send: (data) => ws.send(data),
            close: (code, reason) => ws.close(code, reason),
            get bufferedAmount() {
              return ws.bufferedAmount;
            },
          },
          { url },
        );
        // Binary frames are not part of the protocol; the handler refuses them.
        ws.on("message", (data, isBinary) =>
          handler.message(isBinary ? new Uint8Array(0) : data.toString()),
        );
        ws.on("close", () => handler.close());
        // ws closes the socket after a protocol error (bad UTF-8, oversized frame); without a
        // listener the error would be thrown and take the process down.
        ws.on("error", () => {});
      });
    },
    shutdown: () => site.shutdown(),
  };
}

const NOT_FOUND: HttpResponse = { status: 404, headers: {}, body: "" };

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Answers an upgrade that will not happen with a plain HTTP response, then closes the socket. */
function refuse(socket: Duplex, response: HttpResponse): void {
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}`];
  for (const [name, value] of Object.entries(response.headers)) lines.push(`${name}: ${value}`);
  lines.push("connection: close", `content-length: ${Buffer.byteLength(response.body)}`);
  socket.on("error", () => {});
  socket.end(`${lines.join("\r\n")}\r\n\r\n${response.body}`);
}
