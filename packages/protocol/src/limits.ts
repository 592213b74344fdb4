/** Bounds applied to every frame that arrives from the network. */
export interface Limits {
  /** Largest frame accepted, in UTF-16 code units of the received text. @default 65536 */
  readonly maxFrameLength: number;
  /** Deepest nesting of arrays and objects accepted in a frame. @default 32 */
  readonly maxDepth: number;
  /** Most messages accepted inside one batch frame. @default 64 */
  readonly maxBatch: number;
}

/** The limits a server applies unless configured otherwise. */
export const DEFAULT_LIMITS: Limits = {
  maxFrameLength: 65_536,
  maxDepth: 32,
  maxBatch: 64,
};
