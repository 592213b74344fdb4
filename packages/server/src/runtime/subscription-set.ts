import type { Subscription } from "./subscription.ts";

/** The running subscriptions of one runtime, reconciled by key after every update. */
export interface SubscriptionSet<Msg> {
  /** Starts new keys and stops missing ones; `undefined` keeps everything as it is. */
  update(next: readonly Subscription<Msg>[] | undefined): void;
  readonly size: number;
}

export function createSubscriptionSet<Msg>(
  dispatch: (message: Msg) => void,
  report: (error: unknown) => void,
): SubscriptionSet<Msg> {
  const running = new Map<string, () => void>();
  const stop = (key: string, stopper: () => void) => {
    running.delete(key);
    try {
      stopper();
    } catch (error) {
      report(error);
    }
  };
  return {
    update(next) {
      if (next === undefined) return;
      const wanted = new Set<string>();
      for (const subscription of next) {
        wanted.add(subscription.key);
        if (running.has(subscription.key)) continue;
        try {
          running.set(subscription.key, subscription.start(dispatch));
        } catch (error) {
          report(error);
        }
      }
      for (const [key, stopper] of running) if (!wanted.has(key)) stop(key, stopper);
    },
    get size() {
      return running.size;
    },
  };
}
