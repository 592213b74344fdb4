import type { Runtime } from "../runtime/runtime.ts";
import { createToken } from "./token.ts";

/** A session: one token bound to one runtime, kept while connected and for a grace period after. */
export interface Session {
  readonly token: string;
  readonly runtime: Runtime<unknown>;
  connections: number;
  /** What each page that joined with a name (protocol v2) has sent; made on the first such join. */
  pages: Map<string, PageRefs> | undefined;
}

/** The last event ref a session received from one page, over all of the page's connections. */
export interface PageRefs {
  last: number;
}

/**
 * Pages remembered per session. Pages share a session only when they share its token (a
 * duplicated tab); past this many, the page heard from least recently is forgotten, and events
 * it sends again would be processed again.
 */
const MAX_PAGES = 16;

/**
 * The refs `page` has sent to `session`, so that an event it sends again on a new connection (not
 * knowing whether the old one delivered it) is recognised and not processed twice.
 */
export function pageRefs(session: Session, page: string): PageRefs {
  const pages = (session.pages ??= new Map());
  const refs = pages.get(page) ?? { last: -1 };
  // Re-inserted, so the map's order is least recently joined first.
  pages.delete(page);
  if (pages.size >= MAX_PAGES) pages.delete(pages.keys().next().value as string);
  pages.set(page, refs);
  return refs;
}

export interface SessionStoreOptions {
  /** How long a session without connections is kept for a resume, in ms. */
  readonly graceMs: number;
  /** Most sessions held at once; creating more fails. */
  readonly maxSessions: number;
  /** Called when a session is dropped; the owner decides whether its runtime shuts down. */
  readonly onExpire: (session: Session) => void;
}

/** The sessions of one endpoint. */
export interface SessionStore {
  create(runtime: Runtime<unknown>): Session | undefined;
  get(token: string): Session | undefined;
  /** A connection joined; the session stops expiring. */
  claim(session: Session): void;
  /** A connection left; with none left, the grace period starts. */
  release(session: Session): void;
  readonly size: number;
  /** Drops every session at once (shutdown). */
  clear(): void;
}

export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const sessions = new Map<string, Session>();
  const expiries = new Map<Session, ReturnType<typeof setTimeout>>();

  const expire = (session: Session) => {
    expiries.delete(session);
    if (sessions.get(session.token) !== session) return;
    sessions.delete(session.token);
    options.onExpire(session);
  };
  const schedule = (session: Session) => {
    clearTimeout(expiries.get(session));
    expiries.set(
      session,
      setTimeout(() => expire(session), options.graceMs),
    );
  };

  return {
    create(runtime) {
      if (sessions.size >= options.maxSessions) return undefined;
      const session: Session = {
        token: createToken(),
        runtime,
        connections: 0,
        pages: undefined,
      };
      sessions.set(session.token, session);
      schedule(session);
      return session;
    },
    get(token) {
      return sessions.get(token);
    },
    claim(session) {
      session.connections++;
      clearTimeout(expiries.get(session));
      expiries.delete(session);
    },
    release(session) {
      session.connections = Math.max(0, session.connections - 1);
      if (session.connections === 0 && sessions.get(session.token) === session) schedule(session);
    },
    get size() {
      return sessions.size;
    },
    clear() {
      for (const timer of expiries.values()) clearTimeout(timer);
      expiries.clear();
      const all = [...sessions.values()];
      sessions.clear();
      for (const session of all) options.onExpire(session);
    },
  };
}
