import { type Decoded, decoded, decodeError } from "./errors.ts";
import type { JoinMessage } from "./messages.ts";
import { describe, isEmpty, isIndex, isStringRecord } from "./v1/validate.ts";

// The join frame opens every connection. Its first two fields, `[0, version, ...]`, are the same
// in every version, so a server can read the version before it knows the shape of the rest:
//   v1  [0, 1, token, seq, attributes?, url?]
//   v2  [0, 2, token, seq, attributes, url, page]
// v2 adds `page`, which names the page's run of connections to its session, so that events a
// dead socket may or may not have delivered can be sent again and processed once (SPEC §8).

const MAX_TOKEN_LENGTH = 128;
export const MAX_URL_LENGTH = 4096;
const MAX_PAGE_LENGTH = 32;

/** The first version whose join names the page. */
const PAGE_VERSION = 2;

export function encodeJoin(message: JoinMessage): string {
  const head = [0, message.version, message.token, message.seq];
  if (message.version >= PAGE_VERSION) {
    return JSON.stringify([...head, message.attributes, message.url, message.page]);
  }
  if (message.url !== "") return JSON.stringify([...head, message.attributes, message.url]);
  return JSON.stringify(isEmpty(message.attributes) ? head : [...head, message.attributes]);
}

/** Reads a join frame in the shape of the version it states. */
export function decodeJoin(value: readonly unknown[]): Decoded<JoinMessage> {
  const [, version, token, seq, attributes = {}, url = "", page = ""] = value;
  if (!isIndex(version))
    return decodeError("bad-shape", `join: expected a version number, got ${describe(version)}`);
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) {
    return decodeError("bad-shape", `join: expected a token string, got ${describe(token)}`);
  }
  if (!isIndex(seq))
    return decodeError("bad-shape", `join: expected a sequence number, got ${describe(seq)}`);
  if (!isStringRecord(attributes) || typeof url !== "string" || url.length > MAX_URL_LENGTH) {
    return decodeError("bad-shape", `join: expected ${shapeOf(version)}`);
  }
  const shaped = version < PAGE_VERSION ? value.length <= 6 : value.length === 7 && isPage(page);
  if (!shaped || typeof page !== "string") {
    return decodeError("bad-shape", `join: expected ${shapeOf(version)}, got ${describe(value)}`);
  }
  return decoded({ type: "join", version, token, seq, attributes, url, page });
}

function shapeOf(version: number): string {
  return version < PAGE_VERSION
    ? "[0, version, token, seq, attributes?, url?]"
    : `[0, version, token, seq, attributes, url, page] (page: 1-${MAX_PAGE_LENGTH} characters)`;
}

function isPage(page: unknown): boolean {
  return typeof page === "string" && page !== "" && page.length <= MAX_PAGE_LENGTH;
}
