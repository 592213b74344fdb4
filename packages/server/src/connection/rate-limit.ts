/** Events a connection may send: a sustained rate, and a burst above it. */
export interface RateLimit {
  /** Events per second, sustained. @default 100 */
  readonly perSecond: number;
  /** Events allowed at once after a quiet period. @default 200 */
  readonly burst: number;
}

/** A token bucket; `take()` says whether one more event fits. */
export function createRateLimiter(
  limit: RateLimit,
  now: () => number = Date.now,
): { take(): boolean } {
  let tokens = limit.burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(limit.burst, tokens + ((t - last) / 1000) * limit.perSecond);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
