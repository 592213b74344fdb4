import type { Patch } from "./patch.ts";
import type { WireNode } from "./vnode.ts";

/**
 * A JSON value as it arrives in event payloads and emitted event details. Object members may be
 * `undefined`, which JSON leaves out: that lets types with optional members (such as
 * `InputPayload`) be payloads whether or not a project sets `exactOptionalPropertyTypes`.
 */
export type Json =
  | null
  | boolean
  | number
  | string
  | readonly Json[]
  | { readonly [key: string]: Json | undefined };

/** An event payload: the included properties of a DOM event. */
export type Payload = { readonly [key: string]: Json | undefined };

// --- client to server ---

/** First frame on every connection: the client's protocol version and where it stands. */
export interface JoinMessage {
  readonly type: "join";
  readonly version: number;
  /** Session token from the server-rendered page or the last mount; "" for a new session. */
  readonly token: string;
  /** The last patch sequence number the client applied; 0 when it has none. */
  readonly seq: number;
  /** The `<lucent-view>` element's attributes at connect time. */
  readonly attributes: Readonly<Record<string, string>>;
  /** The page's URL (`location.href`), so a new session starts where the user is; "" if unknown. */
  readonly url: string;
  /**
   * Since v2: the page's own name for itself (1–32 characters), the same on every connection it
   * makes, so the session knows which event refs it has received from it; "" in v1.
   */
  readonly page: string;
}

/** A DOM event the user caused on an element bound to a server handler. */
export interface EventMessage {
  readonly type: "event";
  /**
   * Client reference, increasing per page (v2; per connection in v1). In v2 a ref the session has
   * received from the page before is a resend: acknowledged, not processed again.
   */
  readonly ref: number;
  /** The handler reference from the element's `on:<type>` attribute. */
  readonly handler: string;
  /** The sequence number of the DOM the user acted on. */
  readonly seq: number;
  readonly payload: Payload;
}

/** An attribute of the `<lucent-view>` element changed (null: removed). */
export interface AttributeMessage {
  readonly type: "attribute";
  readonly name: string;
  readonly value: string | null;
}

/** Several messages processed in order, followed by a single render. */
export interface BatchMessage {
  readonly type: "batch";
  readonly messages: readonly (EventMessage | AttributeMessage)[];
}

/** The client's DOM no longer matches what the server believes; it asks for a full mount. */
export interface ResyncMessage {
  readonly type: "resync";
}

/** The user moved through the history (back, forward) to `url` without loading a page. */
export interface NavigatedMessage {
  readonly type: "navigated";
  readonly url: string;
}

/** Page JavaScript sent the app a message through the element's `send(name, detail)`. */
export interface CastMessage {
  readonly type: "cast";
  readonly name: string;
  readonly detail: Json;
}

/** Every message a client sends. */
export type ClientMessage =
  | JoinMessage
  | EventMessage
  | AttributeMessage
  | BatchMessage
  | ResyncMessage
  | NavigatedMessage
  | CastMessage;

// --- server to client ---

/**
 * Starts (or restarts) the client at sequence number `seq`. With `tree`, the client replaces its
 * content with it; without, it keeps the DOM it has (server-rendered or resumed) as the state at
 * `seq`.
 */
export interface MountMessage {
  readonly type: "mount";
  readonly seq: number;
  /** The token that resumes this session after a reconnect. */
  readonly token: string;
  readonly tree?: readonly WireNode[];
}

/** DOM changes; each patch frame advances the sequence number by exactly one. */
export interface PatchMessage {
  readonly type: "patch";
  readonly ops: Patch;
  /** Acknowledges every event up to and including this client reference. */
  readonly ack?: number;
}

/** Why an event was not turned into a message. */
export const AckStatus = {
  /** Processed. */
  Ok: 0,
  /** The element it targeted is gone, or its handler changed in ways the server cannot map. */
  Stale: 1,
  /** The connection sent events faster than its rate limit. */
  RateLimited: 2,
  /**
   * Not processed, the model unchanged: the app's update failed on the message, or the payload
   * lacked the types its event type gives it (an input's `value` not a string), so no handler ran.
   */
  Failed: 3,
  /**
   * The event's frame was longer than the server's frame limit, so it was not read: only its ref,
   * from the frame's first characters. Status 4 came to v1 and v2 after them; a client that does
   * not know it ignores the frame, and the next cumulative acknowledgement covers the event.
   */
  TooLarge: 4,
} as const;

/** One of the {@link AckStatus} codes. */
export type AckStatusCode = (typeof AckStatus)[keyof typeof AckStatus];

/** Acknowledges events up to `ref` that changed nothing on screen, or were not processed. */
export interface AckMessage {
  readonly type: "ack";
  readonly ref: number;
  readonly status: AckStatusCode;
}

/** Dispatch a DOM event named `name` on the `<lucent-view>` element. */
export interface EmitMessage {
  readonly type: "emit";
  readonly name: string;
  readonly detail: Json;
}

/** Error codes of {@link ErrorMessage}; the first group is followed by closing the socket. */
export const ErrorCode = {
  /** A frame could not be decoded; the frame is ignored. */
  BadFrame: 1,
  /** The client speaks a version the server does not; the socket closes. */
  UnsupportedVersion: 2,
  /** A message other than join arrived first, or join arrived twice. */
  OutOfOrder: 3,
  /** The connection exceeded its rate limit; events are dropped. */
  RateLimited: 4,
  /** The client cannot keep up with patches; the socket closes and the client resumes. */
  Overloaded: 5,
  /** The server is shutting down the session. */
  Shutdown: 6,
} as const;

/** One of the {@link ErrorCode} codes. */
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Something went wrong; `message` is meant for the developer console. */
export interface ErrorMessage {
  readonly type: "error";
  readonly code: ErrorCodeValue;
  readonly message: string;
}

/** Put `url` in the browser's history without loading a page: pushed, or replacing the entry. */
export interface NavigateMessage {
  readonly type: "navigate";
  readonly url: string;
  readonly replace: boolean;
}

/** Set the document's title. */
export interface TitleMessage {
  readonly type: "title";
  readonly title: string;
}

/** Every message a server sends. */
export type ServerMessage =
  | MountMessage
  | PatchMessage
  | AckMessage
  | EmitMessage
  | ErrorMessage
  | NavigateMessage
  | TitleMessage;

/** WebSocket close codes the server uses, so the client knows whether to reconnect. */
export const CloseCode = {
  /** Normal closure: the element went away or the server shut the session. */
  Normal: 1000,
  /** The server is going away (restart); reconnect. */
  GoingAway: 1001,
  /**
   * The join was longer than the server's frame limit (as a host closes a frame over its cap).
   * A 1009 before the mount is final: every retry would send the same join.
   */
  TooBig: 1009,
  /** The client's protocol version is not spoken here; reconnecting cannot help. */
  UnsupportedVersion: 4426,
  /** Too many bad frames; reconnecting is allowed. */
  BadInput: 4400,
  /** The client fell too far behind; reconnect and resume. */
  Overloaded: 4429,
} as const;
