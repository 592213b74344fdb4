/**
 * A WebSocket as the server package needs it. Each adapter implements this over its host's socket
 * (hono's WSContext, ws, Bun's ServerWebSocket, Deno's WebSocket).
 */
export interface Connection {
  send(data: string): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet sent, when the host can tell; used to shed slow clients. */
  readonly bufferedAmount?: number;
}

/** What the adapter passes on from the upgrade request. */
export interface ConnectInfo {
  /** The full URL of the WebSocket request. */
  readonly url: string;
}

/** The adapter forwards its socket's events here. */
export interface ConnectionHandler {
  /** A frame arrived. Binary frames are refused as malformed. */
  message(data: string | ArrayBuffer | Uint8Array): void;
  /** The socket closed, for whatever reason. */
  close(): void;
}
