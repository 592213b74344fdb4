import { type Decoded, decodeError } from "./errors.ts";
import { decodeJoin } from "./join.ts";
import { parseJson } from "./json.ts";
import { DEFAULT_LIMITS, type Limits, SERVER_FRAME_LIMITS } from "./limits.ts";
import type { ClientMessage, JoinMessage, ServerMessage } from "./messages.ts";
import { decodeClientValue, encodeClientMessage } from "./v1/client-messages.ts";
import {
  decodeServerValue,
  encodeMountFrame,
  encodePatchFrame,
  encodeServerMessage,
} from "./v1/server-messages.ts";
import { isIndex } from "./v1/validate.ts";
import { SUPPORTED_VERSIONS } from "./version.ts";

/** Encodes and decodes the frames of one protocol version. Decoders never throw. */
export interface Codec {
  readonly version: number;
  encodeClient(message: ClientMessage): string;
  /** Reads a client frame, by default within {@link DEFAULT_LIMITS}. */
  decodeClient(text: string, limits?: Limits): Decoded<ClientMessage>;
  encodeServer(message: ServerMessage): string;
  /** Reads a server frame, by default within {@link SERVER_FRAME_LIMITS}. */
  decodeServer(text: string, limits?: Limits): Decoded<ServerMessage>;
  /** A patch frame from ops already serialised to JSON, plus an optional acknowledgement. */
  encodePatchFrame(opsJson: string, ack?: number): string;
  /** A mount frame from a tree already serialised to JSON (a list of nodes), or none to adopt. */
  encodeMountFrame(seq: number, token: string, treeJson?: string): string;
}

const v1: Codec = {
  version: 1,
  encodeClient: encodeClientMessage,
  decodeClient(text, limits = DEFAULT_LIMITS) {
    const parsed = parseJson(text, limits);
    return parsed.ok ? decodeClientValue(parsed.value, limits.maxBatch) : parsed;
  },
  encodeServer: encodeServerMessage,
  decodeServer(text, limits = SERVER_FRAME_LIMITS) {
    const parsed = parseJson(text, limits);
    return parsed.ok ? decodeServerValue(parsed.value) : parsed;
  },
  encodePatchFrame,
  encodeMountFrame,
};

// v2 frames are v1's but for the join (see join.ts); what changes is what a server does with an
// event's ref (SPEC §8).
const v2: Codec = { ...v1, version: 2 };

const codecs = new Map<number, Codec>([
  [1, v1],
  [2, v2],
]);

/**
 * The codec for a protocol version, or an error naming the versions spoken here.
 *
 * @example const codec = codecFor(1); if (codec.ok) codec.value.decodeClient(frame)
 */
export function codecFor(version: number): Decoded<Codec> {
  const codec = SUPPORTED_VERSIONS.includes(version) ? codecs.get(version) : undefined;
  if (codec) return { ok: true, value: codec };
  return decodeError(
    "unsupported-version",
    `unsupported protocol version ${version}; this server speaks ${SUPPORTED_VERSIONS.join(" and ")}`,
  );
}

/**
 * Reads the first frame of a connection. The join frame's leading fields (`[0, version, ...]`)
 * never change between versions, so it can be read before the version is known. A version not
 * spoken here is refused with `unsupported-version` before the rest of the frame is read, since
 * the other fields of a newer join need not have the shape this version expects.
 *
 * @example const join = decodeJoinFrame(frame); // code "unsupported-version": answer, close 4426
 */
export function decodeJoinFrame(
  text: string,
  limits: Limits = DEFAULT_LIMITS,
): Decoded<JoinMessage> {
  const parsed = parseJson(text, limits);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  if (!Array.isArray(value) || value[0] !== 0) {
    return decodeError("bad-shape", "expected a join frame [0, version, token, seq, ...] first");
  }
  const version = value[1];
  if (isIndex(version)) {
    const codec = codecFor(version);
    if (!codec.ok) return codec;
  }
  return decodeJoin(value);
}
