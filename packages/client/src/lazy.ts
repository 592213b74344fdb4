import type * as Module from "./extras.ts";
import { log } from "./log.ts";

/** Client-side commands, hooks and form restore: the runtime's second module. */
export type Extras = typeof Module.default;

/**
 * The extras once loaded: undefined before, and for good when they could not be loaded (the views
 * then carry on without commands, hooks and form restore).
 */
export let extras: Extras | undefined;

type Loader = () => Promise<{ default: Extras }>;

// The load, once started; it settles either way.
let loading: Promise<void> | undefined;
// Beside the core script, whatever path it is served from.
let load: Loader = () => import(new URL("lucent-extras.min.js", import.meta.url).href);

/**
 * Calls `callback` once the extras have loaded or failed to (read {@link extras} to know which),
 * in a microtask; the first call starts the load. A failed load is logged, once.
 *
 * @example if (!extras) whenExtras(settleDom)
 */
export function whenExtras(callback: () => void): void {
  (loading ??= load().then(
    (module) => {
      extras = module.default;
    },
    (error) => log("error", "extras did not load", error),
  )).then(callback);
}

/**
 * Sets the extras, as the package entry does (it bundles them), or unsets them so that the next
 * need loads them with `loader`, as tests do.
 *
 * @example provideExtras((await import("./extras.ts")).default)
 */
export function provideExtras(module: Extras | undefined, loader: Loader = load): void {
  extras = module;
  loading = module && Promise.resolve();
  load = loader;
}
