import type { Json } from "@lucent/protocol";

const EFFECT: unique symbol = Symbol("lucent.effect");

/** Something the runtime does after an update: a description, never performed by `update` itself. */
export type Effect<Msg> =
  | { readonly [EFFECT]: "none" }
  | { readonly [EFFECT]: "batch"; readonly effects: readonly Effect<Msg>[] }
  | {
      readonly [EFFECT]: "task";
      readonly run: () => Promise<Msg | undefined> | Msg | undefined;
      readonly onError: ((error: unknown) => Msg | undefined) | undefined;
    }
  | { readonly [EFFECT]: "delay"; readonly ms: number; readonly message: Msg }
  | { readonly [EFFECT]: "emit"; readonly name: string; readonly detail: Json }
  | { readonly [EFFECT]: "navigate"; readonly url: string; readonly replace: boolean };

const NONE: Effect<never> = { [EFFECT]: "none" };

/** True for effect values; lets `update` return a model alone or `[model, effect]`. */
export function isEffect(value: unknown): value is Effect<unknown> {
  return typeof value === "object" && value !== null && EFFECT in value;
}

/** The kind of an effect, for the runtime's interpreter. */
export function effectKind(effect: Effect<unknown>): Effect<unknown>[typeof EFFECT] {
  return effect[EFFECT];
}

/**
 * Does nothing.
 *
 * @example return [model, none()]
 */
export function none(): Effect<never> {
  return NONE;
}

/**
 * Runs several effects.
 *
 * @example batch([emit("saved", null), delay(2000, { type: "hideToast" })])
 */
export function batch<Msg>(effects: readonly Effect<Msg>[]): Effect<Msg> {
  return { [EFFECT]: "batch", effects };
}

/**
 * Runs `run` (sync or async) outside `update`; its result, if not undefined, is dispatched. A
 * rejection is reported, and turned into a message by `onError` when given.
 *
 * @example task(async () => ({ type: "loaded", rows: await db.rows() }), () => ({ type: "failed" }))
 */
export function task<Msg>(
  run: () => Promise<Msg | undefined> | Msg | undefined,
  onError?: (error: unknown) => Msg | undefined,
): Effect<Msg> {
  return { [EFFECT]: "task", run, onError };
}

/**
 * Dispatches `message` after `ms` milliseconds, unless the runtime shuts down first.
 *
 * @example delay(3000, { type: "dismiss" })
 */
export function delay<Msg>(ms: number, message: Msg): Effect<Msg> {
  return { [EFFECT]: "delay", ms, message };
}

/**
 * Dispatches a DOM `CustomEvent` named `name` on every connected `<lucent-view>` element.
 *
 * @example emit("cart-changed", { items: model.items.length })
 */
export function emit(name: string, detail: Json = null): Effect<never> {
  return { [EFFECT]: "emit", name, detail };
}

/**
 * Puts `url` into the browser's history without loading a page, as a new entry.
 *
 * @example [{ ...model, tab }, pushUrl(`?tab=${tab}`)]
 */
export function pushUrl(url: string): Effect<never> {
  return { [EFFECT]: "navigate", url, replace: false };
}

/**
 * Replaces the current history entry's URL without loading a page (filters, search boxes).
 *
 * @example [{ ...model, query }, replaceUrl(`?q=${encodeURIComponent(query)}`)]
 */
export function replaceUrl(url: string): Effect<never> {
  return { [EFFECT]: "navigate", url, replace: true };
}
