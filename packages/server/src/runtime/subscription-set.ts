import type { Subscription } from "./subscription.ts";

/**
 * The running subscriptions of one runtime, reconciled by key after every update. A class, like
 * the runtime, so that thousands of idle sessions do not each carry their own method closures.
 */
export class SubscriptionSet<Msg> {
  private readonly running = new Map<string, () => void>();

  constructor(
    private readonly dispatch: (message: Msg) => void,
    private readonly report: (error: unknown) => void,
  ) {}

  get size(): number {
    return this.running.size;
  }

  /** Starts new keys and stops missing ones; `undefined` keeps everything as it is. */
  update(next: readonly Subscription<Msg>[] | undefined): void {
    if (next === undefined) return;
    const wanted = new Set<string>();
    for (const subscription of next) {
      wanted.add(subscription.key);
      if (this.running.has(subscription.key)) continue;
      try {
        this.running.set(subscription.key, subscription.start(this.dispatch));
      } catch (error) {
        this.report(error);
      }
    }
    for (const [key, stop] of this.running) {
      if (wanted.has(key)) continue;
      this.running.delete(key);
      try {
        stop();
      } catch (error) {
        this.report(error);
      }
    }
  }
}
