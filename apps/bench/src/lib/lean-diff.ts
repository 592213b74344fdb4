// A reference for the diff area: the least a diff of Lucent's views can do and still produce a
// patch the client applies. It compares the previous view with the next one, as virtual-dom does,
// so it keeps no live tree, allocates no handler references, flattens nothing (no fragments,
// memos or maps: the benchmark's views have none) and emits no row templates. What it does do is
// what any diff of these trees must: read both views where nodes stay, compare tags, attributes,
// event types and messages, plan keyed moves (Lucent's own planner), and serialise the operations
// in Lucent's wire format. A reference, not a bound (the diff area's read floor is the bound): if
// virtual-dom's diff is less than 3× this, a diff without Lucent's machinery misses the budget
// too; Lucent ÷ this is what Lucent's own machinery costs.
import { type Node, NodeKind } from "@lucent/server";
import { planReorder } from "../../../../packages/server/src/diff/reorder.ts";

interface Element {
  readonly kind: typeof NodeKind.Element;
  readonly tag: string;
  readonly key: string | undefined;
  readonly attributes: Readonly<Record<string, string>>;
  readonly events: readonly { readonly type: string; readonly handler: unknown }[];
  readonly children: readonly View[];
}
type View = Element | { readonly kind: typeof NodeKind.Text; readonly text: string };

interface Diff {
  readonly ops: unknown[];
  readonly path: number[];
  selected: View | null;
  /** Bindings whose message changed: the server would now resolve their events to the new one. */
  rebound: number;
}

/** Diffs two views of element and text nodes; returns the frame's operations as JSON. */
export function leanDiff(before: Node<unknown>, after: Node<unknown>): string {
  // Paths start at the `<lucent-view>` element, whose child 0 the view is.
  const diff: Diff = { ops: [], path: [0], selected: null, rebound: 0 };
  diffNode(diff, before as View, after as View);
  return JSON.stringify(diff.ops);
}

function select(diff: Diff, node: View): void {
  if (diff.selected !== node) {
    diff.ops.push(diff.path.slice());
    diff.selected = node;
  }
}

function diffNode(diff: Diff, before: View, after: View): void {
  if (before.kind === NodeKind.Text || after.kind === NodeKind.Text) {
    if (before.kind !== NodeKind.Text || after.kind !== NodeKind.Text)
      throw new Error("lean diff: text against element");
    if (before.text !== after.text) {
      select(diff, after);
      diff.ops.push(0, after.text);
    }
    return;
  }
  if (before.tag !== after.tag) throw new Error("lean diff: tags differ");
  const was = before.attributes;
  const now = after.attributes;
  if (was !== now) {
    for (const name in now) {
      if (was[name] !== now[name]) {
        select(diff, after);
        diff.ops.push(1, name, now[name]);
      }
    }
    for (const name in was) {
      if (typeof now[name] !== "string") {
        select(diff, after);
        diff.ops.push(2, name);
      }
    }
  }
  // A binding is one attribute per event type; a changed message changes nothing on the wire,
  // but must be compared to know which message the event now means.
  const old = before.events;
  const events = after.events;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as Element["events"][number];
    const previous = old[i];
    if (previous === undefined || previous.type !== event.type) {
      select(diff, after);
      diff.ops.push(1, `on:${event.type}`, "0");
    } else if (!sameMessage(previous.handler, event.handler)) diff.rebound++;
  }
  for (const { type } of old) {
    if (!hasType(events, type)) {
      select(diff, after);
      diff.ops.push(2, `on:${type}`);
    }
  }
  diffChildren(diff, before.children, after.children, after);
}

function hasType(events: Element["events"], type: string): boolean {
  for (const event of events) if (event.type === type) return true;
  return false;
}

/** Whether two messages are equal field by field (one level), as bindings compare them. */
export function sameMessage(a: unknown, b: unknown): boolean {
  if (a === b || typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return a === b;
  }
  let count = 0;
  for (const k in a) {
    if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
    count++;
  }
  for (const _ in b) count--;
  return count === 0;
}

function diffChildren(diff: Diff, old: readonly View[], next: readonly View[], parent: View): void {
  const first = next[0] ?? old[0];
  if (first?.kind === NodeKind.Element && first.key !== undefined) {
    diffKeyed(diff, old, next, parent);
    return;
  }
  // Adjacent texts are one DOM text node (`<td>Row {id}</td>`), as in Lucent's diff.
  const was = joinedText(old);
  const now = joinedText(next);
  if (was !== null && now !== null) {
    if (was !== now) {
      diff.path.push(0);
      select(diff, next[0] as View);
      diff.ops.push(0, now);
      diff.path.pop();
    }
    return;
  }
  if (was !== null || now !== null) throw new Error("lean diff: texts against other children");
  const common = Math.min(old.length, next.length);
  for (let i = 0; i < common; i++) {
    diff.path.push(i);
    diffNode(diff, old[i] as View, next[i] as View);
    diff.path.pop();
  }
  if (old.length > common) {
    select(diff, parent);
    diff.ops.push(4, common, old.length - common);
  }
  if (next.length > common) {
    select(diff, parent);
    diff.ops.push(3, common, next.slice(common).map(toWire));
  }
}

function keyOf(node: View | undefined): string | undefined {
  return (node as Element | undefined)?.key;
}

function diffKeyed(diff: Diff, old: readonly View[], next: readonly View[], parent: View): void {
  let start = 0;
  let endOld = old.length;
  let endNew = next.length;
  while (start < endOld && start < endNew && keyOf(old[start]) === keyOf(next[start])) start++;
  while (endOld > start && endNew > start && keyOf(old[endOld - 1]) === keyOf(next[endNew - 1])) {
    endOld--;
    endNew--;
  }
  const matchOld = new Int32Array(next.length).fill(-1);
  for (let j = 0; j < start; j++) matchOld[j] = j;
  for (let j = endNew; j < next.length; j++) matchOld[j] = j - endNew + endOld;
  if (start < endOld || start < endNew) {
    const byKey = new Map<string | undefined, number>();
    for (let i = start; i < endOld; i++) byKey.set(keyOf(old[i]), i);
    const used = new Uint8Array(endOld);
    for (let j = start; j < endNew; j++) {
      const o = byKey.get(keyOf(next[j]));
      if (o !== undefined && used[o] === 0) {
        used[o] = 1;
        matchOld[j] = o;
      }
    }
    for (let i = endOld - 1; i >= start; i--) {
      if (used[i] === 1) continue;
      select(diff, parent);
      diff.ops.push(4, i, 1);
    }
    const { match, retained } = retainedMatch(used, matchOld, start, endOld, endNew);
    planReorder(
      match,
      retained,
      (from, to) => {
        select(diff, parent);
        diff.ops.push(5, from + start, to + start);
      },
      (at, j) => {
        select(diff, parent);
        diff.ops.push(3, at + start, [toWire(next[j + start] as View)]);
      },
    );
  }
  for (let j = 0; j < next.length; j++) {
    const o = matchOld[j] as number;
    if (o < 0) continue;
    diff.path.push(j);
    diffNode(diff, old[o] as View, next[j] as View);
    diff.path.pop();
  }
}

/**
 * What Lucent's planner takes for the middle of a keyed list: for each new item, the position of
 * its match among the old items that stay (or -1), and how many stay.
 */
export function retainedMatch(
  used: Uint8Array,
  matchOld: Int32Array,
  start: number,
  endOld: number,
  endNew: number,
): { match: Int32Array; retained: number } {
  const position = new Int32Array(endOld);
  let retained = 0;
  for (let i = start; i < endOld; i++) if (used[i] === 1) position[i] = retained++;
  const match = new Int32Array(endNew - start);
  for (let j = start; j < endNew; j++) {
    const o = matchOld[j] as number;
    match[j - start] = o < 0 ? -1 : (position[o] as number);
  }
  return { match, retained };
}

/** The wire form of a new node (protocol §5), its bindings among its attributes. */
function toWire(node: View): unknown {
  if (node.kind === NodeKind.Text) return node.text;
  let attributes: Record<string, string> | 0 = 0;
  for (const name in node.attributes) (attributes ||= {})[name] = node.attributes[name] as string;
  for (const event of node.events) (attributes ||= {})[`on:${event.type}`] = "0";
  const out: unknown[] = [node.tag, attributes];
  const text = joinedText(node.children);
  if (text !== null) out.push(text);
  else for (const child of node.children) out.push(toWire(child));
  return out;
}

/** The text of a list of two or more texts and nothing else, which the DOM holds as one node. */
function joinedText(children: readonly View[]): string | null {
  if (children.length < 2) return null;
  let joined = "";
  for (const child of children) {
    if (child.kind !== NodeKind.Text) return null;
    joined += child.text;
  }
  return joined;
}
