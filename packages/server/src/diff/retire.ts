import type { HandlerEntry, HandlerRegistry } from "./handlers.ts";
import type { LiveElement, LiveNode } from "./live.ts";

/** Releases the handler references of a subtree that is leaving the DOM. */
export function retire(registry: HandlerRegistry, node: LiveNode): void {
  if (node.kind === 1) return;
  if (node.handlers) for (const entry of node.handlers) registry.retire(entry);
  for (const child of node.children) retire(registry, child);
}

/**
 * Releases the references of every subtree that left the DOM in one render, `root` being the live
 * tree after it. Retiring them one by one reads every removed node (long-lived, so cold in the
 * CPU's caches) and deletes each binding from the registry's map: clearing a 1,000-row table
 * spent 80 % of its diff there. When most of the page left, listing the bindings that stayed and
 * keeping only those is far cheaper. Removed subtrees are retired alone up to the first that
 * held bindings; its bindings, times the subtrees left, estimate what the removed ones hold.
 * Only when that looks like most of the registry does the live tree get walked, and then in
 * turns with the removed subtrees, so that a wrong estimate costs a bounded share of the walk
 * that was needed anyway. Consumes `removed`. Hot path.
 */
export function retireRemoved(
  registry: HandlerRegistry,
  removed: LiveNode[],
  root: LiveElement,
): void {
  const before = registry.size;
  if (before === 0) return;
  // Subtrees without bindings (a table's footer row) say nothing: retire on to the first with.
  while (registry.size === before && removed.length > 0) {
    retire(registry, removed.pop() as LiveNode);
  }
  const estimate = (before - registry.size) * removed.length;
  if (registry.size - estimate < estimate / REMOVED_STEPS) retireInTurns(registry, removed, root);
  else for (const node of removed) retire(registry, node);
}

/** Steps of the removed walk per step of the live walk in {@link retireInTurns}. */
const REMOVED_STEPS = 4;

/**
 * The removed subtrees and the live tree walked in turns, {@link REMOVED_STEPS} nodes of the
 * first to one of the second; the first walk to finish decides: every removed binding retired,
 * or the registry cut down to the live ones.
 */
function retireInTurns(registry: HandlerRegistry, removed: LiveNode[], root: LiveElement): void {
  const stayed: LiveNode[] = [root];
  const kept: HandlerEntry[] = [];
  for (;;) {
    for (let step = 0; step < REMOVED_STEPS; step++) {
      // The registry holds the live bindings and the removed ones not yet retired, so once its
      // size is what the live walk has found, both walks are done.
      if (registry.size === kept.length) return;
      const gone = removed.pop();
      if (gone === undefined) return;
      if (gone.kind === 0) {
        if (gone.handlers !== null) for (const entry of gone.handlers) registry.retire(entry);
        for (const child of gone.children) removed.push(child);
      }
    }
    const live = stayed.pop();
    if (live === undefined) {
      registry.retainOnly(kept);
      return;
    }
    if (live.kind === 0) {
      if (live.handlers !== null) for (const entry of live.handlers) kept.push(entry);
      for (const child of live.children) stayed.push(child);
    }
  }
}
