import { type Decoded, decoded, decodeError } from "../errors.ts";
import {
  AckStatus,
  type AckStatusCode,
  ErrorCode,
  type ErrorCodeValue,
  type Json,
  type ServerMessage,
} from "../messages.ts";
import type { Patch } from "../patch.ts";
import type { WireNode } from "../vnode.ts";
import { describe, isIndex, nodesProblem, patchProblem } from "./validate.ts";

// Server-to-client frames of protocol v1:
//   mount [0, seq, token, tree?]
//   patch [1, ops, ack?]
//   ack   [2, ref, status?]
//   emit  [3, name, detail?]
//   error    [4, code, message]
//   navigate [5, url, replace?]   replace is 1 when present
//   title    [6, title]

export function encodeServerMessage(message: ServerMessage): string {
  switch (message.type) {
    case "mount":
      return JSON.stringify(
        message.tree === undefined
          ? [0, message.seq, message.token]
          : [0, message.seq, message.token, message.tree],
      );
    case "patch":
      return encodePatchFrame(JSON.stringify(message.ops), message.ack);
    case "ack":
      return JSON.stringify(
        message.status === AckStatus.Ok ? [2, message.ref] : [2, message.ref, message.status],
      );
    case "emit":
      return JSON.stringify(
        message.detail === null ? [3, message.name] : [3, message.name, message.detail],
      );
    case "error":
      return JSON.stringify([4, message.code, message.message]);
    case "navigate":
      return JSON.stringify(message.replace ? [5, message.url, 1] : [5, message.url]);
    case "title":
      return JSON.stringify([6, message.title]);
  }
}

/**
 * Builds a patch frame from already-serialised ops. The server serialises a broadcast patch once
 * and calls this per connection, since only the acknowledgement differs between connections.
 */
export function encodePatchFrame(opsJson: string, ack?: number): string {
  return ack === undefined ? `[1,${opsJson}]` : `[1,${opsJson},${ack}]`;
}

/** Builds a mount frame around a tree serialised once and shared by every joining connection. */
export function encodeMountFrame(seq: number, token: string, treeJson?: string): string {
  const head = `[0,${seq},${JSON.stringify(token)}`;
  return treeJson === undefined ? `${head}]` : `${head},${treeJson}]`;
}

const ACK_STATUSES = new Set<number>(Object.values(AckStatus));
const ERROR_CODES = new Set<number>(Object.values(ErrorCode));

export function decodeServerValue(value: unknown): Decoded<ServerMessage> {
  if (!Array.isArray(value) || value.length === 0) {
    return decodeError("bad-shape", `expected a message array, got ${describe(value)}`);
  }
  const [tag, a, b, c] = value;
  switch (tag) {
    case 0: {
      if (!isIndex(a) || typeof b !== "string" || value.length > 4) {
        return decodeError("bad-shape", "mount: expected [0, seq, token, tree?]");
      }
      if (value.length === 3) return decoded({ type: "mount", seq: a, token: b });
      const problem = nodesProblem(c);
      if (problem) return decodeError("bad-shape", `mount: ${problem}`);
      return decoded({ type: "mount", seq: a, token: b, tree: c as WireNode[] });
    }
    case 1: {
      const problem = patchProblem(a);
      if (problem) return decodeError("bad-shape", `patch: ${problem}`);
      if (value.length > 3 || (value.length === 3 && !isIndex(b))) {
        return decodeError("bad-shape", "patch: expected [1, ops, ack?]");
      }
      return decoded(
        value.length === 3
          ? { type: "patch", ops: a as Patch, ack: b as number }
          : { type: "patch", ops: a as Patch },
      );
    }
    case 2: {
      const status = value.length === 3 ? b : AckStatus.Ok;
      if (!isIndex(a) || !ACK_STATUSES.has(status as number) || value.length > 3) {
        return decodeError("bad-shape", "ack: expected [2, ref, status?]");
      }
      return decoded({ type: "ack", ref: a, status: status as AckStatusCode });
    }
    case 3: {
      if (typeof a !== "string" || a === "" || value.length > 3) {
        return decodeError("bad-shape", "emit: expected [3, name, detail?]");
      }
      return decoded({ type: "emit", name: a, detail: value.length === 3 ? (b as Json) : null });
    }
    case 4: {
      if (!ERROR_CODES.has(a as number) || typeof b !== "string" || value.length !== 3) {
        return decodeError("bad-shape", "error: expected [4, code, message]");
      }
      return decoded({ type: "error", code: a as ErrorCodeValue, message: b });
    }
    case 5: {
      if (typeof a !== "string" || value.length > 3 || (value.length === 3 && b !== 1)) {
        return decodeError("bad-shape", "navigate: expected [5, url, 1?]");
      }
      return decoded({ type: "navigate", url: a, replace: value.length === 3 });
    }
    case 6:
      return typeof a === "string" && value.length === 2
        ? decoded({ type: "title", title: a })
        : decodeError("bad-shape", "title: expected [6, title]");
    default:
      return decodeError("unknown-tag", `unknown server message tag ${describe(tag)}`);
  }
}
