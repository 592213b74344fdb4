import { type Decoded, decodeError } from "./errors.ts";
import { parseJson } from "./json.ts";
import { DEFAULT_LIMITS, type Limits } from "./limits.ts";
import type { ClientMessage, JoinMessage, ServerMessage } from "./messages.ts";
import { decodeClientValue, decodeJoin, encodeClientMessage } from "./v1/client-messages.ts";
import { decodeServerValue, encodePatchFrame, encodeServerMessage } from "./v1/server-messages.ts";
import { SUPPORTED_VERSIONS } from "./version.ts";

/** Encodes and decodes the frames of one protocol version. Decoders never throw. */
export interface Codec {
  readonly version: number;
  encodeClient(message: ClientMessage): string;
  decodeClient(text: string, limits?: Limits): Decoded<ClientMessage>;
  encodeServer(message: ServerMessage): string;
  decodeServer(text: string, limits?: Limits): Decoded<ServerMessage>;
  /** A patch frame from ops already serialised to JSON, plus an optional acknowledgement. */
  encodePatchFrame(opsJson: string, ack?: number): string;
}

const v1: Codec = {
  version: 1,
  encodeClient: encodeClientMessage,
  decodeClient(text, limits = DEFAULT_LIMITS) {
    const parsed = parseJson(text, limits);
    return parsed.ok ? decodeClientValue(parsed.value, limits.maxBatch) : parsed;
  },
  encodeServer: encodeServerMessage,
  decodeServer(text, limits = DEFAULT_LIMITS) {
    const parsed = parseJson(text, limits);
    return parsed.ok ? decodeServerValue(parsed.value) : parsed;
  },
  encodePatchFrame,
};

const codecs = new Map<number, Codec>([[1, v1]]);

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
 * never change between versions, so it can be read before the version is known.
 */
export function decodeJoinFrame(
  text: string,
  limits: Limits = DEFAULT_LIMITS,
): Decoded<JoinMessage> {
  const parsed = parseJson(text, limits);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  if (!Array.isArray(value) || value[0] !== 0) {
    return decodeError(
      "bad-shape",
      "expected a join frame [0, version, token, seq, attributes?] first",
    );
  }
  return decodeJoin(value);
}
