/** Bounds applied to every frame that arrives from the network. */
export interface Limits {
  /**
   * Largest frame accepted, in UTF-16 code units of the received text. A server takes at least
   * {@link MIN_FRAME_LENGTH}: a client sends what waited while disconnected in batches of up to
   * that length (SPEC §8).
   * @default 65536
   */
  readonly maxFrameLength: number;
  /** Deepest nesting of arrays and objects accepted in a frame. @default 32 */
  readonly maxDepth: number;
  /** Most messages accepted inside one batch frame. @default 64 */
  readonly maxBatch: number;
}

/**
 * The least frame limit a server may have: a client sends what waited while it was disconnected
 * in batches of up to 60,000 characters of messages, plus the batch's envelope and the refs'
 * digits (SPEC §8).
 */
export const MIN_FRAME_LENGTH = 61_000;

/**
 * The least transport cap, in bytes, a server may put in front of Lucent (the host closes a
 * longer frame with 1009). A client keeps an event refused that way only when its frame is at
 * most 70,000 characters (SPEC §10), and a character (a UTF-16 code unit) is at most 3 bytes of
 * UTF-8: any lower cap could refuse, again after every reconnect, a frame the client keeps.
 */
export const MIN_FRAME_BYTES = 210_000;

/** The limits a server applies to client frames unless configured otherwise. */
export const DEFAULT_LIMITS: Limits = {
  maxFrameLength: 65_536,
  maxDepth: 32,
  maxBatch: 64,
};

/**
 * The limits a client applies to server frames. A mount carries a whole page, so its length is
 * not bounded, and a page's DOM may well nest deeper than the 32 levels allowed to client frames.
 * Depth stays bounded so that a broken server cannot overflow the stack of tree validation.
 * Server frames hold no batches.
 */
export const SERVER_FRAME_LIMITS: Limits = {
  maxFrameLength: Number.POSITIVE_INFINITY,
  maxDepth: 1024,
  maxBatch: 0,
};
