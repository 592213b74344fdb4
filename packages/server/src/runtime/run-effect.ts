import type { Json } from "@lucent/protocol";
import { type Effect, effectKind } from "./effect.ts";

/** What effects may do to the runtime that started them. */
export interface EffectHost<Msg> {
  dispatch(message: Msg): void;
  emit(name: string, detail: Json): void;
  navigate(url: string, replace: boolean): void;
  reportEffect(error: unknown): void;
  readonly closed: boolean;
  /** Runs `callback` after `ms`, unless the host shuts down first. */
  after(ms: number, callback: () => void): void;
}

/** Performs an effect. Never throws: failures are reported, and results after shutdown dropped. */
export function runEffect<Msg>(effect: Effect<Msg>, host: EffectHost<Msg>): void {
  try {
    switch (effectKind(effect)) {
      case "none":
        return;
      case "batch":
        for (const inner of (effect as { effects: readonly Effect<Msg>[] }).effects)
          runEffect(inner, host);
        return;
      case "emit": {
        const { name, detail } = effect as { name: string; detail: Json };
        host.emit(name, detail);
        return;
      }
      case "navigate": {
        const { url, replace } = effect as { url: string; replace: boolean };
        host.navigate(url, replace);
        return;
      }
      case "delay": {
        const { ms, message } = effect as { ms: number; message: Msg };
        host.after(ms, () => host.dispatch(message));
        return;
      }
      case "task":
        runTask(effect as Extract<Effect<Msg>, { run: unknown }>, host);
        return;
    }
  } catch (error) {
    host.reportEffect(error);
  }
}

function runTask<Msg>(
  effect: {
    run: () => Promise<Msg | undefined> | Msg | undefined;
    onError: ((error: unknown) => Msg | undefined) | undefined;
  },
  host: EffectHost<Msg>,
): void {
  const deliver = (message: Msg | undefined) => {
    if (message !== undefined && !host.closed) host.dispatch(message);
  };
  const fail = (error: unknown) => {
    host.reportEffect(error);
    if (effect.onError) deliver(effect.onError(error));
  };
  try {
    Promise.resolve(effect.run()).then(deliver, fail);
  } catch (error) {
    fail(error);
  }
}
