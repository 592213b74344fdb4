// Lucent's engine driven through its public exports, the way the runtime drives it: a live tree
// mounted once, then `view → diffView → JSON.stringify` for every update.
import {
  createHandlerRegistry,
  createRoot,
  diffView,
  type HandlerRegistry,
  type LiveElement,
  type LiveNode,
  mountView,
  type Node,
  NodeKind,
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

let readSink = 0;

/**
 * Reads every node of the view, and of the live tree when given, the way a diff must at the
 * least (tag, attribute values, event types, children), comparing and writing nothing. The live
 * tree's bound messages are read too: to keep a binding's reference while its message holds
 * (invariant 5), a diff compares the message in the view with the one bound, field by field. The
 * view's own messages are not read: a new node's are only stored, and for a node that stays,
 * counting one of the two messages compared keeps this below what any such diff reads.
 */
export function readTrees(mounted: Mounted | null, view: Node<unknown>): number {
  readSink = 0;
  if (mounted) readLive(mounted.root);
  readView(view);
  return readSink;
}

function readLive(node: LiveNode): void {
  if (node.kind === 1) {
    readSink += node.text.length;
    return;
  }
  readSink += node.tag.length;
  const attributes = node.attributes;
  for (const name in attributes) readSink += (attributes[name] as string).length;
  const handlers = node.handlers;
  if (handlers) for (let i = 0; i < handlers.length; i++) readMessage(handlers[i]?.handler, 0);
  const children = node.children;
  for (let i = 0; i < children.length; i++) readLive(children[i] as LiveNode);
}

function readView(node: Node<unknown>): void {
  switch (node.kind) {
    case NodeKind.Text:
      readSink += node.text.length;
      return;
    case NodeKind.Element: {
      readSink += node.tag.length;
      const attributes = node.attributes;
      for (const name in attributes) readSink += (attributes[name] as string).length;
      for (let i = 0; i < node.events.length; i++) readSink += node.events[i]?.type.length ?? 0;
      for (let i = 0; i < node.children.length; i++) readView(node.children[i] as Node<unknown>);
      return;
    }
    case NodeKind.Fragment:
      for (let i = 0; i < node.children.length; i++) readView(node.children[i] as Node<unknown>);
      return;
    case NodeKind.Map:
      readView(node.child);
      return;
    default:
      readSink += node.deps.length;
  }
}

/** Reads a message's fields (and theirs, a few levels down), as comparing two of them must. */
function readMessage(value: unknown, depth: number): void {
  if (typeof value === "string") readSink += value.length;
  else if (typeof value === "number") readSink += value;
  else if (typeof value === "object" && value !== null && depth < 4) {
    const record = value as Record<string, unknown>;
    for (const key in record) readMessage(record[key], depth + 1);
  } else readSink++;
}
