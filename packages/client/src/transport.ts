/** What a transport reports; each method is called for the current socket only. */
export interface TransportHooks {
  /** A socket is being opened (the first time, or after a backoff). */
  connecting(): void;
  open(): void;
  message(data: unknown): void;
  /**
   * The socket closed; a retry follows unless `close()` was called, the code is 1000 (normal) or
   * this returns true (the close is final).
   */
  close(code: number, reason: string): boolean;
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
 * return together). Close code 1000 (normal) is final, and any the `close` hook calls final. A retry
 * that falls due while the page is hidden waits until it is visible: hidden tabs are throttled
 * and would only hold a socket nobody looks at.
 *
 * @example const transport = createTransport("wss://example.com/live", hooks)
 */
export function createTransport(url: string, hooks: TransportHooks): Transport {
  let socket: WebSocket | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const open = (): void => {
    hooks.connecting();
    const ws = (socket = new WebSocket(url));
    ws.onopen = hooks.open;
    ws.onmessage = (event) => hooks.message(event.data);
    // The closed socket stays in `socket` until the next one opens: `send` checks that it is open,
    // and closing it again does nothing.
    ws.onclose = ({ code, reason }) => {
      if (closed) return;
      if (hooks.close(code, reason) || code === 1000 || closed) return;
      timer = setTimeout(retry, Math.random() * Math.min(MAX_DELAY, FIRST_DELAY * 2 ** attempt++));
    };
  };
  const retry = (): void => {
    if (document.hidden) {
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
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", retry);
      // A closing socket delivers no more messages; its close event is not reported.
      socket?.close(1000);
    },
  };
}

/**
 * The WebSocket URL for a `route` attribute: resolved against `base`, `http(s):` becomes `ws(s):`.
 *
 * @example socketUrl("/live", "https://example.com/app") // "wss://example.com/live"
 */
export function socketUrl(route: string, base: string): string {
  return new URL(route, base).href.replace(/^http/, "ws");
}
