import type { ConnectionHandler, Endpoint } from "@lucent/server";

/**
 * A WebSocket stand-in that connects the real `<lucent-view>` element to a real endpoint in the
 * same process. Frames wait in queues in both directions until {@link Loopback.pump} delivers
 * them, so a test decides what arrives when: `holdIncoming` keeps server frames from the page
 * (a slow network), `holdOutgoing` keeps the page's frames from the server (an event in flight).
 */
export class LoopbackSocket {
  readonly url: string;
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;

  /** Every frame the page sent, and every frame the server sent, in order. */
  readonly sent: string[] = [];
  readonly received: string[] = [];
  holdIncoming = false;
  holdOutgoing = false;

  readonly toServer: string[] = [];
  readonly toClient: string[] = [];
  serverClosed: { code: number; reason: string } | undefined;
  readonly handler: ConnectionHandler;

  constructor(url: string, endpoint: Endpoint) {
    this.url = url;
    this.handler = endpoint.connect(
      {
        send: (data) => {
          this.received.push(data);
          this.toClient.push(data);
        },
        close: (code, reason) => {
          this.serverClosed = { code, reason };
        },
      },
      { url },
    );
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error("send on a socket that is not open");
    this.sent.push(data);
    this.toServer.push(data);
  }

  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.handler.close();
  }

  /**
   * The network dies under this socket: the server learns that it closed, and so does the page
   * (code 1006), with whatever frames were on their way lost.
   */
  drop(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.toServer.length = 0;
    this.toClient.length = 0;
    this.handler.close();
    this.onclose?.({ code: 1006, reason: "" });
  }

  /** The frames sent by the page, parsed. */
  get sentFrames(): unknown[][] {
    return this.sent.map((frame) => JSON.parse(frame) as unknown[]);
  }

  /** The frames sent by the server, parsed. */
  get receivedFrames(): unknown[][] {
    return this.received.map((frame) => JSON.parse(frame) as unknown[]);
  }

  /** Delivers what may move now; returns whether anything did. */
  step(): boolean {
    let moved = false;
    if (this.readyState === 0) {
      this.readyState = 1;
      this.onopen?.();
      moved = true;
    }
    if (this.readyState !== 1) return moved;
    while (!this.holdOutgoing && this.toServer.length > 0) {
      this.handler.message(this.toServer.shift() as string);
      moved = true;
    }
    while (!this.holdIncoming && this.toClient.length > 0 && this.readyState === 1) {
      this.onmessage?.({ data: this.toClient.shift() });
      moved = true;
    }
    if (this.serverClosed && this.toClient.length === 0 && this.readyState === 1) {
      this.readyState = 3;
      this.onclose?.(this.serverClosed);
      moved = true;
    }
    return moved;
  }

  /** Whether a frame could be delivered now. */
  pending(): boolean {
    return (
      this.readyState === 0 ||
      (!this.holdOutgoing && this.toServer.length > 0) ||
      (!this.holdIncoming && this.toClient.length > 0 && this.readyState === 1)
    );
  }

  /** Delivers the next held server frame to the page, even while incoming frames are held. */
  deliverOne(): void {
    const frame = this.toClient.shift();
    if (frame === undefined) throw new Error("no server frame is waiting");
    this.onmessage?.({ data: frame });
  }
}

/** One endpoint's loopback network: install `WebSocket` as the global, then `pump`. */
export class Loopback {
  readonly sockets: LoopbackSocket[] = [];
  readonly WebSocket: new (
    url: string,
  ) => LoopbackSocket;

  constructor(endpoint: Endpoint) {
    const sockets = this.sockets;
    this.WebSocket = class extends LoopbackSocket {
      constructor(url: string) {
        super(url, endpoint);
        sockets.push(this);
      }
    };
  }

  /** Delivers frames (and lets the runtimes' queued work run) until nothing moves any more. */
  async pump(): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      let moved = false;
      for (const socket of this.sockets) moved = socket.step() || moved;
      // Runtimes render in a microtask; the element scans adopted content in one.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (!moved && !this.sockets.some((s) => s.pending())) return;
    }
    throw new Error("the loopback did not settle");
  }

  /** The socket that joined with `token`. */
  socketOf(token: string): LoopbackSocket {
    const socket = this.sockets.find((s) => s.sentFrames[0]?.[2] === token);
    if (!socket) throw new Error(`no socket joined with token ${token}`);
    return socket;
  }
}
