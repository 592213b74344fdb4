import {
  AckStatus,
  type AckStatusCode,
  type ClientMessage,
  CloseCode,
  type Codec,
  codecFor,
  decodeJoinFrame,
  ErrorCode,
  type ErrorCodeValue,
  type EventMessage,
  type JoinMessage,
  type Json,
} from "@lucent/protocol";
import type { ClientInfo } from "../runtime/app.ts";
import type { RuntimeClient } from "../runtime/runtime.ts";
import { type PageRefs, pageRefs, type Session } from "../session/session-store.ts";
import type { ConnectInfo, Connection, ConnectionHandler } from "./connection.ts";
import type { SessionHost } from "./endpoint.ts";

/** Bad frames tolerated on one connection before it is closed. */
const MAX_BAD_FRAMES = 20;
let nextClientId = 0;
/** A frame that starts like a client message other than join. */
const OTHER_MESSAGE = /^\s*\[\s*[1-4]\s*[,\]]/;
/** A frame that starts like a join. */
const JOIN_START = /^\s*\[\s*0\s*,/;
/** The start of an event frame, up to its ref: all that is read of one too long to decode. */
const EVENT_START = /^\[1,(0|[1-9]\d{0,14}),/;

/**
 * Takes over a socket: the protocol state machine of one connection. Join (version negotiation,
 * session lookup, mount or adopt-and-replay), then events, batches and the rest. Every frame is
 * untrusted: it is decoded with limits, and a bad one costs the sender an error frame, never the
 * runtime anything.
 */
export function handleConnection(
  connection: Connection,
  info: ConnectInfo,
  host: SessionHost,
): ConnectionHandler {
  return new SocketSession(connection, info, host);
}

/**
 * One connection, which is also the runtime's client. A class rather than closures: a server
 * holds one per open socket, and prototype methods keep an idle one to a few hundred bytes.
 */
class SocketSession implements ConnectionHandler, RuntimeClient {
  info: ClientInfo = { id: "", attributes: {} };
  private codec: Codec | undefined;
  private session: Session | undefined;
  private closed = false;
  /**
   * The last event ref received: on this connection (v1), or from its page over all the page's
   * connections to the session (v2, `resends`), where a ref seen before is a resend.
   */
  private refs!: PageRefs;
  private resends = false;
  private badFrames = 0;
  /** Rate limit, as a token bucket: events available now, and when they were counted. */
  private tokens: number;
  private counted = Date.now();

  constructor(
    private readonly connection: Connection,
    private readonly request: ConnectInfo,
    private readonly host: SessionHost,
  ) {
    this.tokens = host.rateLimit.burst;
    host.track(this);
  }

  // --- ConnectionHandler ---

  message(data: string | ArrayBuffer | Uint8Array): void {
    if (this.closed) return;
    if (typeof data !== "string") {
      this.bad("binary frames are not part of the protocol; send JSON text");
      return;
    }
    if (!this.codec) {
      const decoded = decodeJoinFrame(data, this.host.limits);
      if (decoded.ok) this.join(decoded.value);
      else if (decoded.code === "unsupported-version") this.refuseVersion(decoded.message);
      else if (decoded.code === "too-large" && JOIN_START.test(data.slice(0, 16)))
        this.refuseJoin(decoded.message);
      else if (OTHER_MESSAGE.test(data))
        this.sendError(ErrorCode.OutOfOrder, "the first frame must be join");
      else this.bad(decoded.message);
      return;
    }
    const decoded = this.codec.decodeClient(data, this.host.limits);
    if (decoded.ok) {
      this.route(decoded.value);
      return;
    }
    const event = decoded.code === "too-large" ? EVENT_START.exec(data.slice(0, 20)) : null;
    if (event) this.tooLarge(Number(event[1]), decoded.message);
    else this.bad(decoded.message);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.detach();
  }

  /** The endpoint is shutting down. */
  goingAway(): void {
    this.shut(CloseCode.GoingAway, "the server is shutting down");
  }

  // --- RuntimeClient ---

  patch(opsJson: string, ack: number | undefined): void {
    this.send((this.codec as Codec).encodePatchFrame(opsJson, ack));
  }

  ack(ref: number, status: AckStatusCode): void {
    this.send((this.codec as Codec).encodeServer({ type: "ack", ref, status }));
  }

  emit(name: string, detail: Json): void {
    this.send((this.codec as Codec).encodeServer({ type: "emit", name, detail }));
  }

  navigate(url: string, replace: boolean): void {
    this.send((this.codec as Codec).encodeServer({ type: "navigate", url, replace }));
  }

  title(title: string): void {
    this.send((this.codec as Codec).encodeServer({ type: "title", title }));
  }

  remount(): void {
    const session = this.session as Session;
    this.send(
      (this.codec as Codec).encodeMountFrame(
        session.runtime.seq,
        session.token,
        session.runtime.treeJson(),
      ),
    );
  }

  // --- protocol ---

  private join(message: JoinMessage): void {
    const negotiated = codecFor(message.version);
    if (!negotiated.ok) {
      this.refuseVersion(negotiated.message);
      return;
    }
    const codec = (this.codec = negotiated.value);
    let target = this.host.find(message.token);
    const missed = target?.runtime.closed ? undefined : target?.runtime.patchesSince(message.seq);
    if (target?.runtime.closed) target = undefined;
    // A session started by a join begins at the page the user is on, not at the socket's URL.
    target ??= this.host.start(
      message.url === "" ? this.request : { ...this.request, url: message.url },
    );
    if (!target) {
      this.sendError(ErrorCode.Overloaded, "the server holds too many sessions");
      this.shut(CloseCode.Overloaded, "too many sessions");
      return;
    }
    this.session = target;
    this.host.claim(target);
    // Set at join, since a v2 connection takes its page's refs: no object made to be replaced.
    this.resends = message.page !== "";
    this.refs = this.resends ? pageRefs(target, message.page) : { last: -1 };
    this.info = { id: (nextClientId++).toString(36), attributes: message.attributes };
    const runtime = target.runtime;
    if (missed) {
      this.send(codec.encodeMountFrame(message.seq, target.token));
      for (const patch of missed) this.send(codec.encodePatchFrame(patch));
    } else {
      this.send(codec.encodeMountFrame(runtime.seq, target.token, runtime.treeJson()));
      if (runtime.title !== undefined) this.title(runtime.title);
    }
    // Sending can shed a slow socket, which detaches it: then there is nothing to attach.
    if (!this.closed) runtime.attach(this);
  }

  private route(message: ClientMessage): void {
    const runtime = (this.session as Session).runtime;
    switch (message.type) {
      case "join":
        this.sendError(ErrorCode.OutOfOrder, "join may be sent only once, as the first frame");
        return;
      case "event":
        this.event(message);
        return;
      case "batch":
        for (const inner of message.messages) {
          if (inner.type === "event") this.event(inner);
          else runtime.attribute(inner.name, inner.value);
        }
        return;
      case "attribute":
        runtime.attribute(message.name, message.value);
        return;
      case "navigated":
        runtime.navigated(message.url);
        return;
      case "cast":
        runtime.cast(message.name, message.detail);
        return;
      case "resync":
        this.remount();
        return;
    }
  }

  private event(message: EventMessage): void {
    const runtime = (this.session as Session).runtime;
    const refs = this.refs;
    if (message.ref <= refs.last) {
      // The page sent it before, on a socket that died before the acknowledgement came back: it
      // was received then. Acknowledging the page's last ref keeps acknowledgements increasing.
      // Re-sending its values renders, so it spends the rate limit like any event; beyond it, the
      // acknowledgement goes alone.
      if (!this.resends)
        this.bad(`event ref ${message.ref} does not follow ${refs.last}; refs must increase`);
      else if (this.takeToken()) runtime.resent(this, refs.last, message.handler);
      else runtime.refuse(this, refs.last, AckStatus.Ok);
      return;
    }
    refs.last = message.ref;
    if (!this.takeToken()) runtime.refuse(this, message.ref, AckStatus.RateLimited);
    else runtime.event(this, message.ref, message.handler, message.seq, message.payload);
  }

  /**
   * An event whose frame is over the frame limit, carrying a value the user typed (a long
   * textarea), say: it is refused with the error and acknowledged with status 4, so that the page
   * stops holding it and does not send it again after a reconnect. Within the rate limit it is not
   * a bad frame: one per keystroke would otherwise close the connection, and again after every
   * reconnect. A ref seen before (v2) is a resend of one refused already: acknowledged with the
   * page's last ref, as any resend is, without values (none were read).
   */
  private tooLarge(ref: number, message: string): void {
    const refs = this.refs;
    if (ref <= refs.last && !this.resends) {
      this.bad(`event ref ${ref} does not follow ${refs.last}; refs must increase`);
      return;
    }
    if (!this.takeToken()) {
      this.bad(message);
      return;
    }
    const runtime = (this.session as Session).runtime;
    this.sendError(ErrorCode.BadFrame, message);
    if (ref <= refs.last) runtime.refuse(this, refs.last, AckStatus.Ok);
    else {
      refs.last = ref;
      runtime.refuse(this, ref, AckStatus.TooLarge);
    }
  }

  /** Whether one more event fits the rate limit (a token bucket refilled over time). */
  private takeToken(): boolean {
    const { perSecond, burst } = this.host.rateLimit;
    const now = Date.now();
    this.tokens = Math.min(burst, this.tokens + ((now - this.counted) / 1000) * perSecond);
    this.counted = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  // --- output and closing ---

  private send(frame: string): void {
    if (this.closed) return;
    if ((this.connection.bufferedAmount ?? 0) > this.host.maxBufferedBytes) {
      this.shut(CloseCode.Overloaded, "the client fell behind; reconnect to resume");
      return;
    }
    this.connection.send(frame);
  }

  private sendError(code: ErrorCodeValue, message: string): void {
    this.send(JSON.stringify([4, code, message]));
  }

  private bad(message: string): void {
    this.sendError(ErrorCode.BadFrame, message);
    if (++this.badFrames >= MAX_BAD_FRAMES)
      this.shut(CloseCode.BadInput, "too many malformed frames");
  }

  private refuseVersion(reason: string): void {
    this.sendError(ErrorCode.UnsupportedVersion, reason);
    // A close reason is limited to 123 bytes.
    this.shut(CloseCode.UnsupportedVersion, reason.slice(0, 120));
  }

  /**
   * A join over the frame limit: the page's element carries more in its attributes than this
   * server takes. The page would send the same join after every reconnect, so the socket closes
   * with 1009 after the error that says why, which a client takes as final before a mount, as it
   * does when the host itself refuses a join over its cap.
   */
  private refuseJoin(message: string): void {
    this.sendError(ErrorCode.BadFrame, `join refused: ${message}`);
    this.shut(CloseCode.TooBig, "join frame too long");
  }

  /** Closes the socket from this side. */
  private shut(code: number, reason: string): void {
    if (this.closed) return;
    this.detach();
    this.closed = true;
    this.connection.close(code, reason);
  }

  private detach(): void {
    this.host.untrack(this);
    const session = this.session;
    if (session) {
      session.runtime.detach(this);
      this.host.release(session);
    }
    this.session = undefined;
  }
}
