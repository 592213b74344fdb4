import { whenExtras } from "./lazy.ts";
import { log } from "./log.ts";

/**
 * Page code attached to the elements that carry `lucent-hook="<name>"` (SPEC §5): a chart, a map,
 * a clipboard button. Each callback gets the element and its {@link HookContext}; a callback that
 * throws is logged and does not stop the patch.
 */
export interface Hook {
  /** The element entered the view: with a mount, an adopted server-rendered page, or a patch. */
  mounted?(element: Element, context: HookContext): void;
  /** A patch changed the element's attributes or something inside it. */
  updated?(element: Element, context: HookContext): void;
  /** The element left the view (a patch removed or replaced it, or a mount replaced the page). */
  removed?(element: Element, context: HookContext): void;
}

/** What a hook can do besides touching its element. */
export interface HookContext {
  /**
   * Dispatches a bubbling `CustomEvent(type, {detail})` on the element, so that an `on:<type>`
   * binding on it or an ancestor sends it to the server with `detail` in the payload.
   */
  pushEvent(type: string, detail?: unknown): void;
  /** Calls `listener` with the detail of each event the server emits as `name`, until removal. */
  onEmit(name: string, listener: (detail: unknown) => void): void;
}

/** The hooks {@link defineHook} registered, by name. */
export const registry: Record<string, Hook> = {};

/**
 * Registers the hook `name` for elements with `lucent-hook="name"`, and starts loading the
 * runtime's second module, which runs hooks, if it has not loaded yet. Define hooks before the
 * view mounts; elements already in a view pick a late definition up at the next mount or patch.
 * Without a bundler: `customElements.whenDefined("lucent-view").then((V) => V.defineHook(...))`.
 *
 * @example defineHook("autofocus", { mounted: (element) => (element as HTMLElement).focus() })
 */
export function defineHook(name: string, hook: Hook): void {
  registry[name] = hook;
  whenExtras(() => {});
}

type Live = [hook: Hook, context: HookContext, detach: AbortController];

/**
 * Tracks the hooked elements under `root`, with the hooks of `hooks` (the page's
 * {@link registry}, passed in because this runs in the runtime's second module). The function it
 * returns is called after each mount or patch: it calls `removed` for hooked elements that left `root`, `mounted` for hooked elements
 * under `root` that have none yet, and `updated` for the `touched` nodes that are hooked. Finding
 * hooked elements with one query per call costs less code than following every insertion, and a
 * native attribute selector is fast.
 *
 * @example const syncHooks = createHooks(view, registry); syncHooks([])
 */
export function createHooks(
  root: Element,
  hooks: Record<string, Hook>,
): (touched: Iterable<Node>) => void {
  const live = new Map<Node, Live>();

  const call = (element: Node, stage: keyof Hook): void => {
    const [hook, context] = live.get(element) as Live;
    try {
      hook[stage]?.(element as Element, context);
    } catch (error) {
      log("error", "hook", stage, error);
    }
  };

  return (touched) => {
    for (const [element, [, , detach]] of live) {
      if (!root.contains(element)) {
        call(element, "removed");
        detach.abort();
        live.delete(element);
      }
    }
    for (const element of root.querySelectorAll("[lucent-hook]")) {
      const hook = hooks[element.getAttribute("lucent-hook") as string];
      if (!hook || live.has(element)) continue;
      const detach = new AbortController();
      live.set(element, [
        hook,
        {
          pushEvent: (type, detail) =>
            element.dispatchEvent(new CustomEvent(type, { detail, bubbles: true })),
          onEmit: (name, listener) =>
            root.addEventListener(
              name,
              // Only what the server emits: events bubbling up from the page may share the name.
              (event) => event.target === root && listener((event as CustomEvent).detail),
              // As listener options, the controller's `signal` removes the listener with the hook.
              detach,
            ),
        },
        detach,
      ]);
      call(element, "mounted");
    }
    for (const node of touched) if (live.has(node)) call(node, "updated");
  };
}
