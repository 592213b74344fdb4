/** What a transport reports; each method is called for the current socket only. */
export interface TransportHooks {
  /** A socket is being opened (the first time, or after a backoff). */
  connecting(): void;
  open(): void;
  message(data: unknown): void;
  /** The socket closed; unless `close()` was called or the code forbids it, a retry follows. */
  close(code: number, reason: string): void;
}

/** The host pieces a transport uses; tests replace them. */
export interface TransportOptions {
  /** @default globalThis.WebSocket */
  WebSocket?: new (
    url: string,
  ) => WebSocket;
  /** @default globalThis.setTimeout */
  setTimeout?: (callback: () => void, ms: number) => unknown;
  /** @default globalThis.clearTimeout */
  clearTimeout?: (timer: never) => void;
  /** @default Math.random */
  random?: () => number;
  /** Whose `visibilityState` holds back reconnects. @default globalThis.document */
  document?: Document;
}

/** A WebSocket that reconnects until it is closed. */
export interface Transport {
  /** Sends a text frame if the socket is open; otherwise the frame is dropped. */
  send(text: string): void;
  /** Restarts the backoff from its first step (after a successful mount). */
  reset(): void;
  /** Closes with 1000 and stops reconnecting; no hook is called after this. */
  close(): void;
}

const FIRST_DELAY = 500;
const MAX_DELAY = 10_000;

/**
 * Opens a WebSocket to `url` and reopens it after it closes, with exponential backoff and full
 * jitter (a random delay up to 500 ms, 1 s, 2 s, ... 10 s, so that clients dropped together do not
 * return together). Close codes 1000 (normal) and 4426 (unsupported version) are final. A retry
 * that falls due while the page is hidden waits until it is visible: hidden tabs are throttled
 * and would only hold a socket nobody looks at.
 *
 * @example const transport = createTransport("wss://example.com/live", hooks)
 */
export function createTransport(
  url: string,
  hooks: TransportHooks,
  options: TransportOptions = {},
): Transport {
  const {
    WebSocket: Socket = globalThis.WebSocket,
    setTimeout: later = globalThis.setTimeout,
    clearTimeout: cancel = globalThis.clearTimeout,
    random = Math.random,
    document = globalThis.document,
  } = options;
  let socket: WebSocket | undefined;
  let attempt = 0;
  let timer: unknown;
  let closed = false;

  const open = (): void => {
    hooks.connecting();
    const ws = (socket = new Socket(url));
    ws.onopen = () => hooks.open();
    ws.onmessage = (event) => hooks.message(event.data);
    ws.onclose = ({ code, reason }) => {
      socket = undefined;
      hooks.close(code, reason);
      if (closed || code === 1000 || code === 4426) return;
      timer = later(retry, random() * Math.min(MAX_DELAY, FIRST_DELAY * 2 ** attempt++));
    };
  };
  const retry = (): void => {
    if (document?.visibilityState === "hidden") {
      document.addEventListener("visibilitychange", retry, { once: true });
    } else open();
  };
  open();

  return {
    send(text) {
      if (socket?.readyState === 1) socket.send(text);
    },
    reset() {
      attempt = 0;
    },
    close() {
      closed = true;
      cancel(timer as never);
      document?.removeEventListener("visibilitychange", retry);
      if (socket) {
        socket.onopen = socket.onmessage = socket.onclose = null;
        socket.close(1000);
        socket = undefined;
      }
    },
  };
}

/**
 * The WebSocket URL for a `route` attribute: resolved against `base`, `http(s):` becomes `ws(s):`.
 *
 * @example socketUrl("/live", "https://example.com/app") // "wss://example.com/live"
 */
export function socketUrl(route: string, base: string): string {
  const url = new URL(route, base);
  url.protocol = url.protocol.replace("http", "ws");
  return url.href;
}
