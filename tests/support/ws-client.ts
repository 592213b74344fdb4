import WebSocket from "ws";

/** A test's end of a WebSocket: frames queue up until the test takes them, in order. */
export interface TestSocket {
  readonly ws: WebSocket;
  /** The next text frame, waiting for it if none has arrived. */
  next(timeoutMs?: number): Promise<string>;
  /** Frames received but not taken yet. */
  readonly pending: readonly string[];
  send(data: string | Uint8Array, options?: { binary: boolean }): void;
  /** Resolves with the close code and reason, once the socket has closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
}

/** Opens a socket; rejects with the HTTP status if the server refused the upgrade. */
export function openSocket(url: string, origin?: string): Promise<TestSocket> {
  const ws = new WebSocket(url, origin === undefined ? {} : { origin });
  const frames: string[] = [];
  const waiters: Array<(frame: string) => void> = [];
  ws.on("message", (data) => {
    const frame = data.toString();
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else frames.push(frame);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const socket: TestSocket = {
    ws,
    pending: frames,
    next(timeoutMs = 5_000) {
      const queued = frames.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no frame arrived in time")), timeoutMs);
        waiters.push((frame) => {
          clearTimeout(timer);
          resolve(frame);
        });
      });
    },
    send: (data, options) => ws.send(data, options ?? {}),
    closed,
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(socket));
    ws.once("unexpected-response", (_request, response) => {
      reject(new UpgradeRefused(response.statusCode ?? 0));
      response.resume();
      ws.terminate();
    });
    // Kept for the socket's life: an error after open must not go unhandled (it is followed by close).
    ws.on("error", reject);
  });
}

/** The server answered the upgrade with a plain HTTP response. */
export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}
