/** Events a connection may send: a sustained rate, and a burst above it. */
export interface RateLimit {
  /** Events per second, sustained. @default 100 */
  readonly perSecond: number;
  /** Events allowed at once after a quiet period. @default 200 */
  readonly burst: number;
}
