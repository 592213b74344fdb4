import client1 from "@lucent/protocol/vectors/v1/client.json" with { type: "json" };
import invalidClient1 from "@lucent/protocol/vectors/v1/invalid-client.json" with { type: "json" };
import invalidServer1 from "@lucent/protocol/vectors/v1/invalid-server.json" with { type: "json" };
import server1 from "@lucent/protocol/vectors/v1/server.json" with { type: "json" };
import client2 from "@lucent/protocol/vectors/v2/client.json" with { type: "json" };
import invalidClient2 from "@lucent/protocol/vectors/v2/invalid-client.json" with { type: "json" };
import invalidServer2 from "@lucent/protocol/vectors/v2/invalid-server.json" with { type: "json" };
import server2 from "@lucent/protocol/vectors/v2/server.json" with { type: "json" };
import {
  type ClientMessage,
  type Codec,
  codecFor,
  type DecodeErrorCode,
  PROTOCOL_VERSION,
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

/** The four vector files of one protocol version, and that version's codec. */
export interface VectorSet {
  readonly version: number;
  readonly codec: Codec;
  readonly client: readonly ValidVector<ClientMessage>[];
  readonly server: readonly ValidVector<ServerMessage>[];
  readonly invalidClient: readonly InvalidVector[];
  readonly invalidServer: readonly InvalidVector[];
}

function codecOf(version: number): Codec {
  const codec = codecFor(version);
  if (!codec.ok) throw new Error(codec.message);
  return codec.value;
}

function vectorSet(version: number, files: readonly unknown[]): VectorSet {
  const [client, server, invalidClient, invalidServer] = files as [
    ValidVector<ClientMessage>[],
    ValidVector<ServerMessage>[],
    InvalidVector[],
    InvalidVector[],
  ];
  return { version, codec: codecOf(version), client, server, invalidClient, invalidServer };
}

// The vectors are imported through the package's own `./vectors/*` export, the way other
// packages' tests import them, so a broken export fails here first.
export const vectorSets: readonly VectorSet[] = [
  vectorSet(2, [client2, server2, invalidClient2, invalidServer2]),
  vectorSet(1, [client1, server1, invalidClient1, invalidServer1]),
];

/** The codec of the version this build speaks natively. */
export const codec: Codec = codecOf(PROTOCOL_VERSION);
