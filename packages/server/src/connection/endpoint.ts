import { DEFAULT_LIMITS, type Limits, MIN_FRAME_LENGTH } from "@lucent/protocol";
import type { App } from "../runtime/app.ts";
import { createRuntime, type ErrorPhase, type Runtime } from "../runtime/runtime.ts";
import { createSessionStore, type Session } from "../session/session-store.ts";
import { configuredLimit } from "./configured-limit.ts";
import type { ConnectInfo, Connection, ConnectionHandler } from "./connection.ts";
import { handleConnection } from "./handle-connection.ts";
import type { RateLimit } from "./rate-limit.ts";

export interface EndpointOptions<Model, Msg, Flags> {
  readonly app: App<Model, Msg, Flags>;
  /** Flags for a new session's `init`, from the URL of the page or socket that started it. */
  readonly flags?: (info: ConnectInfo) => Flags;
  /**
   * One runtime for every connection (a chat room) instead of one per session.
   * @default false
   */
  readonly shared?: boolean;
  /** How long a disconnected session is kept for resuming, in ms. @default 30_000 */
  readonly graceMs?: number;
  /** Most sessions held at once. @default 100_000 */
  readonly maxSessions?: number;
  /**
   * Bounds on client frames; a batch limit under 64 and a frame limit under 61,000 characters
   * are raised to those, the most a client sends (SPEC §8, §9).
   */
  readonly limits?: Partial<Limits>;
  readonly rateLimit?: Partial<RateLimit>;
  /** Bytes a connection may have queued before it is shed as too slow. @default 4_194_304 */
  readonly maxBufferedBytes?: number;
  readonly onError?: (error: unknown, phase: ErrorPhase) => void;
}

/** A server-rendered `<lucent-view>`: its inner HTML and what the element needs to adopt it. */
export interface RenderedView {
  readonly token: string;
  readonly seq: number;
  readonly html: string;
  /** The app's `title(model)`, when it defines one. */
  readonly title?: string | undefined;
}

/**
 * One app served at one WebSocket route: sessions, server rendering and connections. Adapters
 * call `render` for pages and `connect` for sockets; everything else happens here.
 */
export interface Endpoint {
  /** Starts a session for a page and renders its view; undefined if the session limit is hit. */
  render(info: ConnectInfo): RenderedView | undefined;
  /** Takes over a new socket. */
  connect(connection: Connection, info: ConnectInfo): ConnectionHandler;
  readonly sessionCount: number;
  /** Closes every connection and stops every runtime. */
  shutdown(): void;
}

/** A connection the endpoint can close when it shuts down. */
export interface OpenConnection {
  goingAway(): void;
}

/** The part of an endpoint a connection needs. */
export interface SessionHost {
  readonly limits: Limits;
  readonly rateLimit: RateLimit;
  readonly maxBufferedBytes: number;
  find(token: string): Session | undefined;
  start(info: ConnectInfo): Session | undefined;
  claim(session: Session): void;
  release(session: Session): void;
  /** Registers an open connection, so that shutdown can close it. */
  track(connection: OpenConnection): void;
  untrack(connection: OpenConnection): void;
}

/**
 * Creates an endpoint for an app.
 *
 * @example
 * const counterEndpoint = createEndpoint({ app: counter });
 * // adapters: counterEndpoint.render({ url }), counterEndpoint.connect(socket, { url })
 */
export function createEndpoint<Model, Msg, Flags>(
  options: EndpointOptions<Model, Msg, Flags>,
): Endpoint {
  const runtimeOptions = options.onError ? { onError: options.onError } : {};
  const flagsOf = options.flags ?? (() => undefined as Flags);
  const shared = options.shared
    ? createRuntime(options.app, flagsOf({ url: "" }), runtimeOptions)
    : undefined;
  const sessions = createSessionStore({
    graceMs: options.graceMs ?? 30_000,
    maxSessions: options.maxSessions ?? 100_000,
    onExpire: (session) => {
      if (session.runtime !== shared) session.runtime.shutdown();
    },
  });
  const open = new Set<OpenConnection>();

  const start = (info: ConnectInfo): Session | undefined => {
    const runtime = shared ?? createRuntime(options.app, flagsOf(info), runtimeOptions);
    const session = sessions.create(runtime as Runtime<unknown>);
    if (!session && runtime !== shared) runtime.shutdown();
    return session;
  };

  const host: SessionHost = {
    // Clients batch up to 64 messages, in frames of up to 61,000 characters (SPEC §8): smaller
    // limits would refuse what they are allowed to send.
    limits: {
      ...DEFAULT_LIMITS,
      ...options.limits,
      maxBatch: configuredLimit("limits.maxBatch", 64, options.limits?.maxBatch ?? 64),
      maxFrameLength: configuredLimit(
        "limits.maxFrameLength",
        MIN_FRAME_LENGTH,
        options.limits?.maxFrameLength ?? DEFAULT_LIMITS.maxFrameLength,
      ),
    },
    rateLimit: { perSecond: 100, burst: 200, ...options.rateLimit },
    maxBufferedBytes: options.maxBufferedBytes ?? 4_194_304,
    find: (token) => (token === "" ? undefined : sessions.get(token)),
    start,
    claim: (session) => sessions.claim(session),
    release: (session) => sessions.release(session),
    track: (connection) => open.add(connection),
    untrack: (connection) => open.delete(connection),
  };

  return {
    render(info) {
      const session = start(info);
      if (!session) return undefined;
      const { runtime } = session;
      return { token: session.token, seq: runtime.seq, html: runtime.html(), title: runtime.title };
    },
    connect: (connection, info) => handleConnection(connection, info, host),
    get sessionCount() {
      return sessions.size;
    },
    shutdown() {
      for (const connection of [...open]) connection.goingAway();
      sessions.clear();
      shared?.shutdown();
    },
  };
}
