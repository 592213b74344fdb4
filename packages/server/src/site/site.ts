import { MIN_FRAME_BYTES } from "@lucent/protocol";
import { configuredLimit } from "../connection/configured-limit.ts";
import { createEndpoint, type Endpoint, type EndpointOptions } from "../connection/endpoint.ts";
import { isOriginAllowed, ORIGIN_REFUSED } from "../connection/origin.ts";
import { type DocumentParts, renderDocument, viewElement } from "../render/page.ts";

/** What every adapter's `createLucent` accepts. */
export interface ServeOptions {
  /** Where the client script is served. @default "/_lucent/client.js" */
  readonly scriptPath?: string;
  /**
   * Origins besides the page's own that may open sockets ("*" for any). Upgrades from any other
   * origin are refused with 403 (see {@link isOriginAllowed}).
   * @default []
   */
  readonly allowedOrigins?: readonly string[];
}

/** Options of the adapters that create the socket server themselves (Express, Bun). */
export interface TransportOptions {
  /**
   * The largest WebSocket frame, in bytes, that the host reads before Lucent sees it: above it
   * the host closes the socket with 1009 instead of buffering the frame. (With Hono the socket
   * server is the app's own: pass {@link DEFAULT_MAX_FRAME_BYTES} to it. Deno has no such limit.)
   * Keep it above a page's `limits.maxFrameLength` (UTF-16 code units, at most 3 bytes each in
   * UTF-8), which answers longer frames with an error and keeps the socket. A cap under
   * {@link MIN_FRAME_BYTES} (210,000) is raised to it: below it, the host could
   * refuse a frame that the client sends again after every reconnect.
   * @default DEFAULT_MAX_FRAME_BYTES (1 MiB)
   */
  readonly maxFrameBytes?: number;
}

/**
 * The transport's frame cap adapters use by default: 1 MiB, room for the default
 * `maxFrameLength` (65,536 code units) at any UTF-8 width.
 *
 * @example new WebSocketServer({ noServer: true, maxPayload: DEFAULT_MAX_FRAME_BYTES })
 */
export const DEFAULT_MAX_FRAME_BYTES: number = 1_048_576;

// Re-exported for adapters whose socket server is the app's own (Hono): the least cap to give it.
export { MIN_FRAME_BYTES };

/** One page: its app and sessions, and the HTML document around its first render. */
export interface PageOptions<Model, Msg, Flags> extends EndpointOptions<Model, Msg, Flags> {
  /** @default "Lucent" */
  readonly title?: string;
  /** Trusted HTML for the page's `<head>`. */
  readonly head?: string;
  /** Builds the whole page around the view; defaults to a minimal HTML document. */
  readonly document?: (parts: DocumentParts) => string;
}

/** What every adapter's `createLucent` returns, besides its host-specific handlers. */
export interface Lucent {
  /** Serves an app at `path`: the server-rendered page, and its WebSocket at `path/__lucent`. */
  page<Model, Msg, Flags>(path: string, options: PageOptions<Model, Msg, Flags>): Endpoint;
  /** Closes every socket and stops every runtime. */
  shutdown(): void;
}

/** An HTTP answer, for the adapter to write out in its host's terms. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A page registered with a {@link Site}. */
export interface SitePage {
  /** The page's path, e.g. `/counter`. */
  readonly path: string;
  /** Its WebSocket route, e.g. `/counter/__lucent`. */
  readonly socketPath: string;
  readonly endpoint: Endpoint;
  /** The first page for a request to `url`: a new session rendered on the server, or 503 when full. */
  render(url: string): HttpResponse;
}

/** The members of a fetch `Request` that {@link Site.dispatch} reads. */
export interface SiteRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
}

/** What to do with a request: answer it, or upgrade it to a socket for `page`. */
export type SiteAction =
  | { readonly kind: "respond"; readonly response: HttpResponse }
  | { readonly kind: "upgrade"; readonly page: SitePage; readonly url: string };

/**
 * The pages one adapter serves, and everything about them that does not depend on the host: page
 * rendering, the client script's response, the origin check at the upgrade, routing for hosts
 * without a router, and shutdown. Adapters translate requests, responses and sockets; nothing more.
 */
export interface Site {
  readonly scriptPath: string;
  /** The transport's frame cap in bytes, for adapters that create the socket server. */
  readonly maxFrameBytes: number;
  /** The response for the client script. */
  readonly script: HttpResponse;
  /**
   * Where the client's second module is served: `lucent-extras.min.js` beside `scriptPath`, where
   * the client imports it from when a page needs it (commands, hooks, form restore).
   */
  readonly extrasPath: string;
  /** The response for the client's second module. */
  readonly extras: HttpResponse;
  page<Model, Msg, Flags>(path: string, options: PageOptions<Model, Msg, Flags>): SitePage;
  /** The refusal for a WebSocket upgrade from `origin` to `url`; undefined when it may proceed. */
  refuseUpgrade(origin: string | null | undefined, url: string): HttpResponse | undefined;
  /**
   * Routes a request for hosts without a router (Bun, Deno, a bare Node server): undefined for
   * paths Lucent does not serve. Socket routes are checked for the upgrade header and the origin.
   */
  dispatch(request: SiteRequest): SiteAction | undefined;
  /** Closes every socket and stops every runtime of every page. */
  shutdown(): void;
}

const TEXT = { "content-type": "text/plain; charset=utf-8" } as const;

const UPGRADE_REQUIRED: HttpResponse = {
  status: 426,
  headers: { ...TEXT, upgrade: "websocket" },
  body: "This route takes WebSocket upgrades only.",
};

function text(status: number, body: string): HttpResponse {
  return { status, headers: TEXT, body };
}

/**
 * Creates the site an adapter serves; `script` is the client runtime (`clientScript` from
 * `@lucent/client/script`), which the server package does not import, and `extras` its second
 * module (`clientExtrasScript`), served beside it.
 *
 * @example
 * const site = createSite(clientScript, clientExtrasScript, {
 *   allowedOrigins: ["https://example.com"],
 * });
 * const counterPage = site.page("/", { app: counter, title: "Counter" });
 * counterPage.render("http://localhost:3000/"); // { status: 200, headers, body: "<!doctype html>…" }
 */
export function createSite(
  script: string,
  extras: string,
  options: ServeOptions & TransportOptions = {},
): Site {
  const scriptPath = options.scriptPath ?? "/_lucent/client.js";
  const extrasPath = new URL("lucent-extras.min.js", new URL(scriptPath, "http://h")).pathname;
  const allowed = options.allowedOrigins ?? [];
  const pages = new Map<string, SitePage>();
  const sockets = new Map<string, SitePage>();

  const refuseUpgrade = (origin: string | null | undefined, url: string) =>
    isOriginAllowed(origin, new URL(url), allowed)
      ? undefined
      : text(ORIGIN_REFUSED.status, ORIGIN_REFUSED.body);

  const javascript = (body: string): HttpResponse => ({
    status: 200,
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" },
    body,
  });
  const scriptResponse = javascript(script);
  const extrasResponse = javascript(extras);

  return {
    scriptPath,
    maxFrameBytes: configuredLimit(
      "maxFrameBytes",
      MIN_FRAME_BYTES,
      options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
    ),
    script: scriptResponse,
    extrasPath,
    extras: extrasResponse,
    page(path, page) {
      const endpoint = createEndpoint(page);
      const socketPath = `${path.replace(/\/$/, "")}/__lucent`;
      const document = page.document ?? renderDocument;
      const registered: SitePage = {
        path,
        socketPath,
        endpoint,
        render(url) {
          const rendered = endpoint.render({ url });
          if (!rendered) return text(503, "Too many sessions; try again shortly.");
          const body = document({
            title: rendered.title ?? page.title ?? "Lucent",
            view: viewElement(rendered, socketPath),
            script: scriptPath,
            head: page.head ?? "",
          });
          // The page carries a fresh session token: a cached copy would hand it out twice.
          return {
            status: 200,
            headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
            body,
          };
        },
      };
      pages.set(path, registered);
      sockets.set(socketPath, registered);
      return registered;
    },
    refuseUpgrade,
    dispatch(request) {
      if (request.method !== "GET") return undefined;
      const { pathname } = new URL(request.url);
      if (pathname === scriptPath) return { kind: "respond", response: scriptResponse };
      if (pathname === extrasPath) return { kind: "respond", response: extrasResponse };
      const page = pages.get(pathname);
      if (page) return { kind: "respond", response: page.render(request.url) };
      const socket = sockets.get(pathname);
      if (!socket) return undefined;
      if (request.headers.get("upgrade")?.toLowerCase() !== "websocket")
        return { kind: "respond", response: UPGRADE_REQUIRED };
      const refusal = refuseUpgrade(request.headers.get("origin"), request.url);
      if (refusal) return { kind: "respond", response: refusal };
      return { kind: "upgrade", page: socket, url: request.url };
    },
    shutdown() {
      for (const page of pages.values()) page.endpoint.shutdown();
    },
  };
}
