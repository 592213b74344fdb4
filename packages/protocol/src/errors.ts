/** Why a frame could not be decoded. Every code maps to one sentence of SPEC.md. */
export type DecodeErrorCode =
  | "too-large"
  | "too-deep"
  | "not-json"
  | "bad-shape"
  | "unknown-tag"
  | "unsupported-version";

/** A decoding failure, returned as a value: network input never throws. */
export interface DecodeError {
  readonly ok: false;
  readonly code: DecodeErrorCode;
  /** Names what was expected and what arrived. */
  readonly message: string;
}

/** A decoding result: the message, or the reason it was refused. */
export type Decoded<T> = { readonly ok: true; readonly value: T } | DecodeError;

/** Builds a {@link DecodeError}. */
export function decodeError(code: DecodeErrorCode, message: string): DecodeError {
  return { ok: false, code, message };
}

/** Wraps a decoded value. */
export function decoded<T>(value: T): Decoded<T> {
  return { ok: true, value };
}
