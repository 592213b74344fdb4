import { clientExtrasScript, clientScript } from "@lucent/client/script";
import { type ConnectionHandler, createSite, type Lucent, type ServeOptions } from "@lucent/server";

export type { Lucent, PageOptions, ServeOptions } from "@lucent/server";

/** The member of the `Deno` namespace used here. */
declare const Deno: {
  upgradeWebSocket(request: Request): { socket: WebSocket; response: Response };
};

/** Options of `createLucent` on Deno. */
export interface DenoOptions extends ServeOptions {
  /** Answers requests for paths Lucent does not serve. @default a 404 */
  readonly fallback?: (request: Request) => Response | Promise<Response>;
}

/** What `createLucent` returns: pages, shutdown, and the handler `Deno.serve` takes. */
export interface LucentDeno extends Lucent {
  /** The handler to pass to `Deno.serve`. */
  fetch(request: Request): Response | Promise<Response>;
}

/**
 * Serves Lucent from `Deno.serve`, with `Deno.upgradeWebSocket`.
 *
 * @example
 * const lucent = createLucent();
 * lucent.page("/", { app: counter, title: "Counter" });
 * Deno.serve({ port: 3000 }, lucent.fetch);
 */
export function createLucent(options: DenoOptions = {}): LucentDeno {
  const site = createSite(clientScript, clientExtrasScript, options);
  const fallback = options.fallback ?? (() => new Response("Not Found", { status: 404 }));

  return {
    page: (path, pageOptions) => site.page(path, pageOptions).endpoint,
    fetch(request) {
      const action = site.dispatch(request);
      if (!action) return fallback(request);
      if (action.kind === "respond") return new Response(action.response.body, action.response);
      const { socket, response } = Deno.upgradeWebSocket(request);
      const { endpoint } = action.page;
      let handler: ConnectionHandler | undefined;
      // The socket is still connecting here; sending before `open` would throw.
      socket.onopen = () => {
        handler = endpoint.connect(socket, { url: action.url });
      };
      // Binary frames are not part of the protocol; the handler refuses them.
      socket.onmessage = (event) =>
        handler?.message(typeof event.data === "string" ? event.data : new Uint8Array(0));
      socket.onclose = () => handler?.close();
      return response;
    },
    shutdown: () => site.shutdown(),
  };
}
