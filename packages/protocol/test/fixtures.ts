import client from "@lucent/protocol/vectors/v1/client.json" with { type: "json" };
import invalidClient from "@lucent/protocol/vectors/v1/invalid-client.json" with { type: "json" };
import invalidServer from "@lucent/protocol/vectors/v1/invalid-server.json" with { type: "json" };
import server from "@lucent/protocol/vectors/v1/server.json" with { type: "json" };
import {
  type ClientMessage,
  type Codec,
  codecFor,
  type DecodeErrorCode,
  type ServerMessage,
} from "../src/index.ts";

/** A frame that decodes to `message`, and that `message` encodes to, character for character. */
export interface ValidVector<M> {
  readonly name: string;
  readonly message: M;
  readonly wire: string;
}

/** A frame the decoder must refuse with `code`. */
export interface InvalidVector {
  readonly name: string;
  readonly wire: string;
  readonly code: DecodeErrorCode;
}

// The vectors are imported through the package's own `./vectors/*` export, the way other
// packages' tests import them, so a broken export fails here first.
export const clientVectors = client as unknown as readonly ValidVector<ClientMessage>[];
export const serverVectors = server as unknown as readonly ValidVector<ServerMessage>[];
export const invalidClientVectors = invalidClient as unknown as readonly InvalidVector[];
export const invalidServerVectors = invalidServer as unknown as readonly InvalidVector[];

function v1(): Codec {
  const codec = codecFor(1);
  if (!codec.ok) throw new Error(codec.message);
  return codec.value;
}

export const codec: Codec = v1();
