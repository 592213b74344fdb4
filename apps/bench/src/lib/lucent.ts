// Lucent's engine driven through its public exports, the way the runtime drives it: a live tree
// mounted once, then `view → diffView → JSON.stringify` for every update.
import {
  createHandlerRegistry,
  createRoot,
  diffView,
  type HandlerRegistry,
  type LiveElement,
  mountView,
  type Node,
  renderChildren,
  toWire,
} from "@lucent/server";

export interface Mounted {
  readonly root: LiveElement;
  readonly registry: HandlerRegistry;
}

/** A fresh live tree showing `view`, as after a first render. */
export function mount(view: Node<unknown>): Mounted {
  const root = createRoot();
  const registry = createHandlerRegistry();
  mountView(root, view, registry, 0);
  registry.commit(true, 0);
  return { root, registry };
}

/** Diffs a mounted tree against `view` and serialises the operations (what goes in a frame). */
export function patchJson(mounted: Mounted, view: Node<unknown>): string {
  const ops = diffView(mounted.root, view, mounted.registry, 1);
  mounted.registry.commit(ops.length > 0, 1);
  return JSON.stringify(ops);
}

/** Server-side rendering of a whole view: build the live tree, then its HTML. */
export function renderHtml(view: Node<unknown>): string {
  return renderChildren(mount(view).root);
}

/** The root's children as wire nodes (the tree of a mount frame), serialised. */
export function treeJson(mounted: Mounted): string {
  return JSON.stringify(mounted.root.children.map(toWire));
}
