import {
  AckStatus,
  type ClientMessage,
  CloseCode,
  type Codec,
  codecFor,
  decodeJoinFrame,
  ErrorCode,
  type ErrorCodeValue,
  type EventMessage,
  type JoinMessage,
} from "@lucent/protocol";
import type { RuntimeClient } from "../runtime/runtime.ts";
import type { Session } from "../session/session-store.ts";
import type { ConnectInfo, Connection, ConnectionHandler } from "./connection.ts";
import type { SessionHost } from "./endpoint.ts";
import { createRateLimiter } from "./rate-limit.ts";

/** Bad frames tolerated on one connection before it is closed. */
const MAX_BAD_FRAMES = 20;
let nextClientId = 0;
/** A frame that starts like a client message other than join. */
const OTHER_MESSAGE = /^\s*\[\s*[1-4]\s*[,\]]/;

/**
 * The protocol state machine of one socket: join (version negotiation, session lookup, mount or
 * adopt-and-replay), then events, batches and resyncs. Every frame is untrusted: it is decoded
 * with limits, and a bad one costs the sender an error frame, never the runtime anything.
 */
export function handleConnection(
  connection: Connection,
  info: ConnectInfo,
  host: SessionHost,
): ConnectionHandler {
  let codec: Codec | undefined;
  let session: Session | undefined;
  let client: RuntimeClient | undefined;
  let closed = false;
  let lastRef = -1;
  let badFrames = 0;
  const limiter = createRateLimiter(host.rateLimit);
  const untrack = host.track(() => close(CloseCode.GoingAway, "the server is shutting down"));

  function send(frame: string): void {
    if (closed) return;
    if ((connection.bufferedAmount ?? 0) > host.maxBufferedBytes) {
      close(CloseCode.Overloaded, "the client fell behind; reconnect to resume");
      return;
    }
    connection.send(frame);
  }

  function sendError(code: ErrorCodeValue, message: string): void {
    send(JSON.stringify([4, code, message]));
  }

  function close(code: number, reason: string): void {
    if (closed) return;
    detach();
    closed = true;
    connection.close(code, reason);
  }

  function detach(): void {
    untrack();
    if (session && client) {
      session.runtime.detach(client);
      host.release(session);
    }
    session = undefined;
    client = undefined;
  }

  function bad(message: string): void {
    sendError(ErrorCode.BadFrame, message);
    if (++badFrames >= MAX_BAD_FRAMES) close(CloseCode.BadInput, "too many malformed frames");
  }

  function refuseVersion(reason: string): void {
    sendError(ErrorCode.UnsupportedVersion, reason);
    // A close reason is limited to 123 bytes.
    close(CloseCode.UnsupportedVersion, reason.slice(0, 120));
  }

  function join(message: JoinMessage): void {
    const negotiated = codecFor(message.version);
    if (!negotiated.ok) {
      refuseVersion(negotiated.message);
      return;
    }
    codec = negotiated.value;
    let target = host.find(message.token);
    const missed = target?.runtime.closed ? undefined : target?.runtime.patchesSince(message.seq);
    if (target?.runtime.closed) target = undefined;
    // A session started by a join begins at the page the user is on, not at the socket's URL.
    target ??= host.start(message.url === "" ? info : { ...info, url: message.url });
    if (!target) {
      sendError(ErrorCode.Overloaded, "the server holds too many sessions");
      close(CloseCode.Overloaded, "too many sessions");
      return;
    }
    session = target;
    host.claim(target);
    const runtime = target.runtime;
    client = createClient(message);
    if (missed) {
      send(codec.encodeMountFrame(message.seq, target.token));
      for (const patch of missed) send(codec.encodePatchFrame(patch));
    } else {
      send(codec.encodeMountFrame(runtime.seq, target.token, runtime.treeJson()));
      if (runtime.title !== undefined) client.title(runtime.title);
    }
    // Sending can shed a slow socket, which detaches it: then there is nothing to attach.
    if (!closed) runtime.attach(client);
  }

  function createClient(message: JoinMessage): RuntimeClient {
    const c = codec as Codec;
    return {
      info: { id: (nextClientId++).toString(36), attributes: message.attributes },
      patch: (opsJson, ack) => send(c.encodePatchFrame(opsJson, ack)),
      ack: (ref, status) => send(c.encodeServer({ type: "ack", ref, status })),
      emit: (name, detail) => send(c.encodeServer({ type: "emit", name, detail })),
      navigate: (url, replace) => send(c.encodeServer({ type: "navigate", url, replace })),
      title: (title) => send(c.encodeServer({ type: "title", title })),
      remount: () => {
        const runtime = (session as Session).runtime;
        send(c.encodeMountFrame(runtime.seq, (session as Session).token, runtime.treeJson()));
      },
    };
  }

  function event(message: EventMessage): void {
    if (message.ref <= lastRef) {
      bad(`event ref ${message.ref} does not follow ${lastRef}; refs must increase`);
      return;
    }
    lastRef = message.ref;
    const runtime = (session as Session).runtime;
    if (!limiter.take())
      runtime.refuse(client as RuntimeClient, message.ref, AckStatus.RateLimited);
    else
      runtime.event(
        client as RuntimeClient,
        message.ref,
        message.handler,
        message.seq,
        message.payload,
      );
  }

  function route(message: ClientMessage): void {
    switch (message.type) {
      case "join":
        sendError(ErrorCode.OutOfOrder, "join may be sent only once, as the first frame");
        return;
      case "event":
        event(message);
        return;
      case "batch":
        for (const inner of message.messages) {
          if (inner.type === "event") event(inner);
          else (session as Session).runtime.attribute(inner.name, inner.value);
        }
        return;
      case "attribute":
        (session as Session).runtime.attribute(message.name, message.value);
        return;
      case "navigated":
        (session as Session).runtime.navigated(message.url);
        return;
      case "cast":
        (session as Session).runtime.cast(message.name, message.detail);
        return;
      case "resync":
        client?.remount();
        return;
    }
  }

  return {
    message(data) {
      if (closed) return;
      if (typeof data !== "string") {
        bad("binary frames are not part of the protocol; send JSON text");
        return;
      }
      if (!codec) {
        const decoded = decodeJoinFrame(data, host.limits);
        if (decoded.ok) join(decoded.value);
        else if (decoded.code === "unsupported-version") refuseVersion(decoded.message);
        else if (OTHER_MESSAGE.test(data))
          sendError(ErrorCode.OutOfOrder, "the first frame must be join");
        else bad(decoded.message);
        return;
      }
      const decoded = codec.decodeClient(data, host.limits);
      if (decoded.ok) route(decoded.value);
      else bad(decoded.message);
    },
    close() {
      if (closed) return;
      closed = true;
      detach();
    },
  };
}
