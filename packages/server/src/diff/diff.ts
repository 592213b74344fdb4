import { Op, type PatchToken } from "@lucent/protocol";
import {
  type ElementNode,
  type EventHandler,
  type Node,
  NodeKind,
  notAView,
  type TextNode,
} from "../view/node.ts";
import { flatten, type Item, memoRecords, type TemplatePatch } from "./flatten.ts";
import { CONTROLS, holdersOfControls } from "./forcing.ts";
import type { HandlerEntry, HandlerRegistry, Mapper } from "./handlers.ts";
import { emitInsert } from "./insert.ts";
import {
  childNamespace,
  type LiveElement,
  type LiveNode,
  type LiveText,
  Namespace,
  toWire,
} from "./live.ts";
import { planReorder } from "./reorder.ts";
import { retire, retireRemoved } from "./retire.ts";

/**
 * State of one render's diff. Ops are emitted in the order the client must apply them: a parent's
 * structural operations (remove, move, insert) before anything inside its children, so the paths
 * into children always use final indices. Hot path: written for speed, mutates the live tree.
 */
interface Diff {
  readonly ops: PatchToken[];
  readonly path: number[];
  /** The node the last emitted path selects; a new path token is emitted only on change. */
  selected: LiveNode | null;
  readonly registry: HandlerRegistry;
  /** Sequence number of the patch being built: handlers changed now are seen from then on. */
  readonly since: number;
  /** Elements whose events were just handled; their form controls get their values re-sent. */
  readonly touched: ReadonlySet<object> | null;
  /** How many touched elements enclose the element being diffed. */
  forcing: number;
  /** Nodes that are or enclose a touched element holding a control (see `holdersOfControls`). */
  readonly holding: ReadonlySet<LiveNode> | null;
  /** Subtrees that left lists which lost most of their children, retired once the render is done. */
  readonly removed: LiveNode[];
}

const NO_CHILDREN: LiveNode[] = [];

/** The live root: stands for the `<lucent-view>` element, whose children the view renders. */
export function createRoot(): LiveElement {
  return {
    kind: 0,
    tag: "lucent-view",
    ns: Namespace.Html,
    key: undefined,
    attributes: {},
    source: {},
    handlers: null,
    children: [],
    html: undefined,
    memos: null,
    keyed: false,
    claim: 0,
    parent: null,
  };
}

function startDiff(
  registry: HandlerRegistry,
  since: number,
  touched: ReadonlySet<object> | null,
  holding: ReadonlySet<LiveNode> | null,
): Diff {
  return {
    ops: [],
    path: [],
    selected: null,
    registry,
    since,
    touched,
    forcing: 0,
    holding,
    removed: [],
  };
}

/** Renders `view` into an empty root without producing operations (first render, SSR, mount). */
export function mountView(
  root: LiveElement,
  view: Node<unknown>,
  registry: HandlerRegistry,
  since: number,
): void {
  createChildren(startDiff(registry, since, null, null), root, [viewNode(view)], null);
}

/**
 * Diffs the live tree against a new view, updating it in place; returns the patch operations.
 * Form controls in or under `touched` elements get `value`, `checked` and `selected` re-sent even
 * when unchanged, so the browser shows what the app decided rather than what was typed.
 * `registry` must hold the bindings of this tree alone: the references of removed nodes are
 * retired, and when most of the tree left, every reference the tree no longer holds.
 */
export function diffView(
  root: LiveElement,
  view: Node<unknown>,
  registry: HandlerRegistry,
  since: number,
  touched: ReadonlySet<object> | null = null,
): PatchToken[] {
  const holding = touched === null ? null : holdersOfControls(touched);
  const diff = startDiff(registry, since, touched, holding);
  diffChildren(diff, root, [viewNode(view)], null);
  if (diff.removed.length > 0) retireRemoved(registry, diff.removed, root);
  return diff.ops;
}

function select(diff: Diff, node: LiveNode): void {
  if (diff.selected !== node) {
    diff.ops.push(diff.path.slice());
    diff.selected = node;
  }
}

/**
 * Retires the references of `old[from..to)`, which leave the DOM, from a child list whose new
 * length is `length`. Right away, while the nodes are still in the CPU's caches from matching
 * them, unless the list lost most of its children (a table cleared): then once the render is
 * done, when the live tree can be compared with what left ({@link retireRemoved}). Replacing every
 * row retired after creating the new ones was 1.3× slower: the old rows had gone cold meanwhile.
 */
function leave(
  diff: Diff,
  old: readonly LiveNode[],
  from: number,
  to: number,
  length: number,
): void {
  if (to - from > DEFER_FACTOR * length) {
    for (let i = from; i < to; i++) diff.removed.push(old[i] as LiveNode);
  } else for (let i = from; i < to; i++) retire(diff.registry, old[i] as LiveNode);
}

/** How many times as many children must leave a list as it keeps for {@link leave} to wait. */
const DEFER_FACTOR = 4;

// --- creating ---

function create(diff: Diff, item: Item, parent: LiveElement): LiveNode {
  return createNode(
    diff,
    item.node as ElementNode<unknown> | TextNode,
    item.key,
    item.mapper,
    parent,
  );
}

function createNode(
  diff: Diff,
  raw: ElementNode<unknown> | TextNode,
  key: string | undefined,
  mapper: Mapper | null,
  parent: LiveElement,
): LiveNode {
  if (raw.kind === NodeKind.Text) return { kind: 1, key, text: raw.text, claim: 0 };
  const element: LiveElement = {
    kind: 0,
    tag: raw.tag,
    ns: childNamespace(parent, raw.tag),
    key,
    attributes: raw.attributes,
    source: raw.attributes,
    handlers: null,
    children: NO_CHILDREN,
    html: raw.extras?.html,
    memos: null,
    keyed: false,
    claim: 0,
    parent,
  };
  if (raw.events.length > 0) bindNew(diff, element, raw, mapper);
  if (raw.children.length > 0) createChildren(diff, element, raw.children, mapper);
  return element;
}

/**
 * Whether a child list is plain: elements without keys and texts that are neither empty nor
 * adjacent, so each child is one DOM node as it stands. Most lists are; they skip flattening.
 */
function isPlain(children: readonly Node<unknown>[]): boolean {
  let afterText = false;
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as Node<unknown>;
    if (child.kind === NodeKind.Element) {
      if (child.key !== undefined) return false;
      afterText = false;
    } else if (child.kind === NodeKind.Text) {
      if (afterText || child.text === "") return false;
      afterText = true;
    } else return false;
  }
  return true;
}

/**
 * The text of a child list made only of text nodes, two or more (`<td>Row {id}</td>` in JSX), which
 * the DOM holds as one text node; null for any other list, or when the texts are all empty.
 */
function joinedText(children: readonly Node<unknown>[]): string | null {
  if (children.length < 2) return null;
  let joined = "";
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as Node<unknown>;
    if (child.kind !== NodeKind.Text) return null;
    joined += child.text;
  }
  return joined === "" ? null : joined;
}

function createChildren(
  diff: Diff,
  parent: LiveElement,
  children: readonly Node<unknown>[],
  mapper: Mapper | null,
): void {
  const joined = joinedText(children);
  if (joined !== null) {
    parent.children = [{ kind: 1, key: undefined, text: joined, claim: 0 }];
    return;
  }
  if (isPlain(children)) {
    const live: LiveNode[] = new Array(children.length);
    for (let i = 0; i < children.length; i++) {
      live[i] = createNode(
        diff,
        children[i] as ElementNode<unknown> | TextNode,
        undefined,
        mapper,
        parent,
      );
    }
    parent.children = live;
    return;
  }
  const flat = flatten(children, mapper, null, null);
  const items = flat.items;
  const live: LiveNode[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Item;
    live[i] = item.live = create(diff, item, parent);
  }
  parent.children = live;
  parent.keyed = flat.keyed;
  parent.memos = memoRecords(flat, null);
}

/**
 * Binds an element's events: existing bindings keep their references, new ones get references,
 * dropped ones are retired. Its attributes become the view's plus the `on:<type>` bindings; when
 * neither changed since the last render, the old attribute object is kept and nothing is copied.
 * Hot path: the common case (the same event types in the same order) touches no record.
 */
function bindEvents(
  diff: Diff,
  element: LiveElement,
  raw: ElementNode<unknown>,
  mapper: Mapper | null,
): void {
  const previous = element.handlers;
  const events = raw.events;
  if (previous !== null && sameTypes(previous, events)) {
    let changed = false;
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as EventHandler<unknown>;
      if (diff.registry.rebind(previous[i] as HandlerEntry, event, mapper, diff.since))
        changed = true;
    }
    if (!changed && sameRecord(element.source, raw.attributes)) return;
    element.source = raw.attributes;
    element.attributes = withBindings(raw.attributes, previous);
    return;
  }
  rebindAll(diff, element, raw, mapper);
}

/** Binds a new element's events (no old bindings to search); hot path for creating rows. */
function bindNew(
  diff: Diff,
  element: LiveElement,
  raw: ElementNode<unknown>,
  mapper: Mapper | null,
): void {
  const events = raw.events;
  if (events.length > 1 && hasRepeatedType(events)) {
    rebindAll(diff, element, raw, mapper);
    return;
  }
  const handlers: HandlerEntry[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const entry = diff.registry.bind(events[i] as EventHandler<unknown>, mapper, diff.since);
    entry.owner = element;
    handlers[i] = entry;
  }
  element.attributes = withBindings(raw.attributes, handlers);
  element.handlers = handlers;
}

function hasRepeatedType(events: readonly EventHandler<unknown>[]): boolean {
  for (let i = 1; i < events.length; i++) {
    const type = (events[i] as EventHandler<unknown>).type;
    for (let k = 0; k < i; k++) if ((events[k] as EventHandler<unknown>).type === type) return true;
  }
  return false;
}

/** The general case: event types added, dropped, reordered or repeated. */
function rebindAll(
  diff: Diff,
  element: LiveElement,
  raw: ElementNode<unknown>,
  mapper: Mapper | null,
): void {
  const previous = element.handlers;
  const handlers: HandlerEntry[] = [];
  // A repeated type binds once, the last one winning, as it would for the attribute.
  const events = raw.events.filter((event, i, all) =>
    all.every((other, k) => k <= i || other.type !== event.type),
  );
  for (const event of events) {
    const old = previous?.find((entry) => entry.type === event.type);
    if (old) diff.registry.rebind(old, event, mapper, diff.since);
    const entry = old ?? diff.registry.bind(event, mapper, diff.since);
    entry.owner = element;
    handlers.push(entry);
  }
  if (previous) {
    for (const entry of previous) if (!handlers.includes(entry)) diff.registry.retire(entry);
  }
  element.source = raw.attributes;
  element.attributes = withBindings(raw.attributes, handlers);
  element.handlers = handlers;
}

function withBindings(
  attributes: Readonly<Record<string, string>>,
  handlers: readonly HandlerEntry[],
): Record<string, string> {
  const out: Record<string, string> = { ...attributes };
  for (const entry of handlers) out[bindingName(entry.type)] = entry.binding;
  return out;
}

const bindingNames = new Map<string, string>();

/**
 * `on:<type>`, the same string every time: a freshly concatenated name would be hashed and looked
 * up anew as a property key for every element created. Bounded, in case an app makes up types.
 */
function bindingName(type: string): string {
  let name = bindingNames.get(type);
  if (name === undefined) {
    if (bindingNames.size > 256) bindingNames.clear();
    name = `on:${type}`;
    bindingNames.set(type, name);
  }
  return name;
}

/** Whether the element is bound to exactly these event types, in this order. */
function sameTypes(
  handlers: readonly HandlerEntry[],
  events: ElementNode<unknown>["events"],
): boolean {
  if (handlers.length !== events.length) return false;
  for (let i = 0; i < events.length; i++) {
    if ((handlers[i] as HandlerEntry).type !== (events[i] as EventHandler<unknown>).type)
      return false;
  }
  return true;
}

function sameRecord(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  if (a === b) return true;
  let count = 0;
  for (const key in a) {
    if (a[key] !== b[key]) return false;
    count++;
  }
  for (const _ in b) count--;
  return count === 0;
}

/** The app's view, when it is a node: `null` or text would fail deep in the diff, unexplained. */
function viewNode(view: Node<unknown>): Node<unknown> {
  if (typeof view !== "object" || view === null) throw notAView(view);
  return view;
}

// --- diffing ---

function diffElement(
  diff: Diff,
  old: LiveElement,
  raw: ElementNode<unknown>,
  mapper: Mapper | null,
  content = true,
): void {
  const before = old.attributes;
  if (raw.events.length > 0) {
    bindEvents(diff, old, raw, mapper);
    if (before !== old.attributes) diffAttributes(diff, old, before, old.attributes);
  } else {
    if (old.handlers) {
      for (const entry of old.handlers) diff.registry.retire(entry);
      old.handlers = null;
    }
    // The live tree keeps its own attribute object while the values hold: the view's new one
    // then dies young, instead of being kept (and promoted by the GC) for every element.
    const next = raw.attributes;
    if (before !== next && diffAttributes(diff, old, before, next))
      old.attributes = old.source = next;
  }
  const touched = diff.touched?.has(old) === true;
  if (touched) diff.forcing++;
  if (diff.forcing > 0 && CONTROLS.has(raw.tag)) forceControl(diff, old, before, raw);
  // The page owns this element's children (a chart, a map): they are rendered once, never patched.
  if (content && raw.extras?.ignore !== true) diffContent(diff, old, raw, mapper);
  if (touched) diff.forcing--;
}

const CONTROLLED = ["value", "checked", "selected"] as const;

function forceControl(
  diff: Diff,
  node: LiveElement,
  before: Readonly<Record<string, string>>,
  raw: ElementNode<unknown>,
): void {
  for (const name of CONTROLLED) {
    const value = node.attributes[name];
    // Skipped when the attribute diff already sent it.
    if (value !== undefined && before[name] === value) {
      select(diff, node);
      diff.ops.push(Op.SetAttribute, name, value);
    } else if (
      value === undefined &&
      before[name] === undefined &&
      raw.extras?.controlled?.includes(name)
    ) {
      select(diff, node);
      diff.ops.push(Op.RemoveAttribute, name);
    }
  }
}

function diffContent(
  diff: Diff,
  old: LiveElement,
  raw: ElementNode<unknown>,
  mapper: Mapper | null,
): void {
  const html = raw.extras?.html;
  if (html !== undefined) {
    if (old.html !== html) {
      select(diff, old);
      diff.ops.push(Op.Html, html);
      leave(diff, old.children, 0, old.children.length, 0);
      old.children = [];
      old.memos = null;
      old.keyed = false;
      old.html = html;
    }
    return;
  }
  if (old.html !== undefined) {
    select(diff, old);
    diff.ops.push(Op.Html, "");
    old.html = undefined;
  }
  diffChildren(diff, old, raw.children, mapper);
}

/** Emits what turns `before` into `after`; returns whether anything differed. */
function diffAttributes(
  diff: Diff,
  node: LiveElement,
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): boolean {
  let changed = false;
  for (const name in after) {
    const value = after[name] as string;
    if (before[name] !== value) {
      select(diff, node);
      diff.ops.push(Op.SetAttribute, name, value);
      changed = true;
    }
  }
  for (const name in before) {
    // Not `=== undefined`: an attribute named like a member of every object (`constructor`)
    // would look present in a record without it.
    if (typeof after[name] !== "string") {
      select(diff, node);
      diff.ops.push(Op.RemoveAttribute, name);
      changed = true;
    }
  }
  return changed;
}

function diffChildren(
  diff: Diff,
  parent: LiveElement,
  children: readonly Node<unknown>[],
  mapper: Mapper | null,
): void {
  if (!parent.keyed && parent.memos === null) {
    if (isPlain(children)) {
      diffPlain(diff, parent, children, mapper);
      return;
    }
    const joined = joinedText(children);
    const only = parent.children.length === 1 ? (parent.children[0] as LiveNode) : null;
    if (joined !== null && only?.kind === 1) {
      diff.path.push(0);
      updateText(diff, only, joined);
      diff.path.pop();
      return;
    }
  }
  // Under a touched element every control is re-sent: no memo there is reused as it stands.
  const flat = flatten(children, mapper, parent.memos, diff.forcing > 0 || diff.holding);
  if (flat.keyed || parent.keyed) {
    diffKeyed(diff, parent, flat.items, flat.reuses ? flat.claim : 0, flat.patches);
  } else diffPositional(diff, parent, flat.items);
  const live: LiveNode[] = new Array(flat.items.length);
  for (let i = 0; i < live.length; i++) live[i] = (flat.items[i] as Item).live as LiveNode;
  parent.children = live;
  parent.keyed = flat.keyed;
  parent.memos = memoRecords(flat, parent.memos);
}

/** Same kind and tag: the old node can be updated in place to become the item. */
function fits(old: LiveNode, item: Item): boolean {
  return item.node !== null && fitsNode(old, item.node);
}

function fitsNode(old: LiveNode, raw: ElementNode<unknown> | TextNode): boolean {
  if (raw.kind === NodeKind.Text) return old.kind === 1;
  return old.kind === 0 && old.tag === raw.tag;
}

/**
 * A plain child list against a parent whose old children were plain too: pairs by position,
 * then replaces, removes or appends. The old array is kept when its length holds.
 */
function diffPlain(
  diff: Diff,
  parent: LiveElement,
  children: readonly Node<unknown>[],
  mapper: Mapper | null,
): void {
  const old = parent.children;
  const n = children.length;
  const common = Math.min(old.length, n);
  const live = old.length === n ? old : old.slice(0, common);
  for (let i = 0; i < common; i++) {
    const raw = children[i] as ElementNode<unknown> | TextNode;
    const node = old[i] as LiveNode;
    if (fitsNode(node, raw)) {
      diff.path.push(i);
      updateNode(diff, node, raw, mapper);
      diff.path.pop();
    } else {
      retire(diff.registry, node);
      const created = createNode(diff, raw, undefined, mapper, parent);
      select(diff, parent);
      diff.ops.push(Op.Replace, i, toWire(created));
      live[i] = created;
    }
  }
  if (old.length > common) {
    leave(diff, old, common, old.length, n);
    select(diff, parent);
    diff.ops.push(Op.Remove, common, old.length - common);
  }
  if (n > common) {
    for (let i = common; i < n; i++) {
      live.push(
        createNode(diff, children[i] as ElementNode<unknown> | TextNode, undefined, mapper, parent),
      );
    }
    select(diff, parent);
    emitInsert(diff.ops, common, live.slice(common));
  }
  parent.children = live;
}

/** Updates `old` (which {@link fits} the item) at the current path. */
function update(diff: Diff, old: LiveNode, item: Item): void {
  updateNode(diff, old, item.node as ElementNode<unknown> | TextNode, item.mapper);
}

function updateNode(
  diff: Diff,
  old: LiveNode,
  raw: ElementNode<unknown> | TextNode,
  mapper: Mapper | null,
): void {
  if (old.kind === 1) updateText(diff, old, (raw as TextNode).text);
  else diffElement(diff, old, raw as ElementNode<unknown>, mapper);
}

function updateText(diff: Diff, old: LiveText, text: string): void {
  if (old.text !== text) {
    select(diff, old);
    diff.ops.push(Op.Text, text);
    old.text = text;
  }
}

function diffPositional(diff: Diff, parent: LiveElement, items: Item[]): void {
  const old = parent.children;
  const common = Math.min(old.length, items.length);
  for (let i = 0; i < common; i++) {
    const item = items[i] as Item;
    const node = old[i] as LiveNode;
    if (fits(node, item)) {
      diff.path.push(i);
      update(diff, node, item);
      diff.path.pop();
      item.live = node;
    } else {
      retire(diff.registry, node);
      const created = create(diff, item, parent);
      select(diff, parent);
      diff.ops.push(Op.Replace, i, toWire(created));
      item.live = created;
    }
  }
  if (old.length > common) {
    leave(diff, old, common, old.length, items.length);
    select(diff, parent);
    diff.ops.push(Op.Remove, common, old.length - common);
  }
  if (items.length > common) insertRun(diff, parent, items, common, items.length);
}

/**
 * Whether `old` is the node `item` stands for, without a lookup: the same memo node, or the same
 * key. Nodes an unchanged memo reuses are reserved for it, even when another item has their key:
 * `reserved` is the number of the flattening whose memos reused nodes (their `claim`), or 0.
 */
function same(old: LiveNode, item: Item, reserved: number): boolean {
  if (item.reused) return old === item.reused;
  return old.key === item.key && fits(old, item) && (reserved === 0 || old.claim !== reserved);
}

/**
 * Keyed children. Common prefix and suffix are matched in place first (appends, removals of one
 * row, edits of rows that do not move); only the middle needs key lookups and a reorder plan.
 * Structural operations are all emitted before any operation inside a child, so child paths use
 * final indices.
 */
function diffKeyed(
  diff: Diff,
  parent: LiveElement,
  items: Item[],
  reserved: number,
  patches: ReadonlyMap<Item, TemplatePatch> | null,
): void {
  const old = parent.children;
  let start = 0;
  let endOld = old.length;
  let endNew = items.length;
  while (
    start < endOld &&
    start < endNew &&
    same(old[start] as LiveNode, items[start] as Item, reserved)
  )
    start++;
  while (
    endOld > start &&
    endNew > start &&
    same(old[endOld - 1] as LiveNode, items[endNew - 1] as Item, reserved)
  ) {
    endOld--;
    endNew--;
  }
  const matchOld = new Int32Array(items.length).fill(-1);
  for (let j = 0; j < start; j++) matchOld[j] = j;
  for (let j = endNew; j < items.length; j++) matchOld[j] = j - endNew + endOld;

  if (start === endOld) {
    if (start < endNew) insertRun(diff, parent, items, start, endNew);
  } else if (start === endNew) {
    leave(diff, old, start, endOld, items.length);
    select(diff, parent);
    diff.ops.push(Op.Remove, start, endOld - start);
  } else reorderMiddle(diff, parent, items, start, endOld, endNew, matchOld, reserved);

  for (let j = 0; j < items.length; j++) {
    const o = matchOld[j]!;
    if (o < 0) continue;
    const item = items[j] as Item;
    const node = old[o] as LiveNode;
    item.live = node;
    if (item.reused) continue;
    diff.path.push(j);
    update(diff, node, item);
    diff.path.pop();
  }
  // Templates updated in place are few: looked up by item, they cost every kept row a lookup.
  if (patches === null) return;
  for (const [item, patch] of patches) {
    diff.path.push(patch.index);
    patchTemplate(diff, item.live as LiveElement, patch, item.mapper);
    diff.path.pop();
  }
}

/**
 * Brings a template's old element up to date with new values: only the elements whose values
 * changed are diffed, each at the place the template knows (their attributes and events, and
 * their children when a value among them changed).
 */
function patchTemplate(
  diff: Diff,
  root: LiveElement,
  patch: TemplatePatch,
  mapper: Mapper | null,
): void {
  for (const dirty of patch.dirty) {
    let element = root;
    for (const index of dirty.path) {
      element = element.children[index] as LiveElement;
      diff.path.push(index);
    }
    diffElement(diff, element, dirty.build(patch.values, !dirty.children), mapper, dirty.children);
    for (let k = 0; k < dirty.path.length; k++) diff.path.pop();
  }
}

function insertRun(diff: Diff, parent: LiveElement, items: Item[], from: number, to: number): void {
  const created: LiveNode[] = new Array(to - from);
  for (let j = from; j < to; j++) {
    const item = items[j] as Item;
    created[j - from] = item.live = create(diff, item, parent);
  }
  select(diff, parent);
  emitInsert(diff.ops, from, created);
}

/** The middle of a keyed list being matched: old children `start..endOld`, items `start..endNew`. */
interface Middle {
  readonly old: readonly LiveNode[];
  readonly items: readonly Item[];
  readonly start: number;
  readonly endOld: number;
  readonly endNew: number;
  /** The old index each item matched, or -1. */
  readonly matchOld: Int32Array;
  /** Whether each old child is taken. */
  readonly used: Uint8Array;
}

/**
 * Matches keyed items to the old children that follow their neighbours' matches, as in a list
 * that kept its order but for a few rows moved (two swapped, one dragged elsewhere): each item is
 * tried at the old index its predecessor's match implies, and one either side. Returns whether any
 * item is left for {@link matchByKey}. Gives up after a run of misses (a shuffled list), so that
 * such a list pays a few comparisons for it, not one per item.
 */
function matchInOrder(middle: Middle): boolean {
  const { items, start, endNew, matchOld, used } = middle;
  let shift = 0;
  let misses = 0;
  let left = false;
  for (let j = start; j < endNew; j++) {
    const item = items[j] as Item;
    if (item.reused) continue;
    if (item.key === undefined || misses >= IN_ORDER_MISSES) {
      left = true;
      continue;
    }
    const o = inOrderMatch(middle, item, j + shift);
    if (o < 0) {
      misses++;
      left = true;
      continue;
    }
    misses = 0;
    shift = o - j;
    used[o] = 1;
    matchOld[j] = o;
  }
  return left;
}

/** How many items in a row {@link matchInOrder} may fail to match before it stops trying. */
const IN_ORDER_MISSES = 4;

/** The old index among `at`, `at + 1` and `at - 1` whose node `item` stands for, or -1. */
function inOrderMatch(middle: Middle, item: Item, at: number): number {
  const { old, start, endOld, used } = middle;
  for (let k = 0; k < 3; k++) {
    const o = k === 2 ? at - 1 : at + k;
    if (o >= start && o < endOld && used[o] === 0 && same(old[o] as LiveNode, item, 0)) return o;
  }
  return -1;
}

/**
 * Matches the items still without a node: by key among the old children left, and unkeyed items
 * to the unkeyed old children left, in order.
 */
function matchByKey(middle: Middle): void {
  const { old, items, start, endOld, endNew, matchOld, used } = middle;
  const byKey = new Map<string, number>();
  const unkeyed: number[] = [];
  for (let i = start; i < endOld; i++) {
    const node = old[i] as LiveNode;
    if (used[i] === 1) continue;
    if (node.key === undefined) unkeyed.push(i);
    else byKey.set(node.key, i);
  }
  let cursor = 0;
  for (let j = start; j < endNew; j++) {
    const item = items[j] as Item;
    if (item.reused || matchOld[j]! >= 0) continue;
    let o =
      item.key !== undefined
        ? (byKey.get(item.key) ?? -1)
        : cursor < unkeyed.length
          ? (unkeyed[cursor++] as number)
          : -1;
    if (o >= 0 && (used[o] === 1 || !fits(old[o] as LiveNode, item))) o = -1;
    if (o >= 0) {
      used[o] = 1;
      matchOld[j] = o;
    }
  }
}

/**
 * Matches the items of unchanged memos to the old nodes they reuse. Most stand where their
 * predecessor's match implies (a list that kept its order but for a few rows); the others are
 * looked for among the old nodes left, so that swapping two rows of a memoized list does not index
 * every row.
 */
function claimReused(
  old: readonly LiveNode[],
  items: readonly Item[],
  start: number,
  endOld: number,
  endNew: number,
  matchOld: Int32Array,
  used: Uint8Array,
): void {
  let shift = 0;
  let missed: number[] | null = null;
  for (let j = start; j < endNew; j++) {
    const reused = (items[j] as Item).reused;
    if (!reused) continue;
    // Where the last match implies, or one either side (a row dropped or added before it).
    let o = j + shift;
    if (old[o] !== reused) o = old[o + 1] === reused ? o + 1 : old[o - 1] === reused ? o - 1 : -1;
    if (o >= start && o < endOld && used[o] === 0) {
      used[o] = 1;
      matchOld[j] = o;
      shift = o - j;
    } else (missed ??= []).push(j);
  }
  if (missed === null) return;
  const left = new Map<LiveNode, number>();
  for (let i = start; i < endOld; i++) if (used[i] === 0) left.set(old[i] as LiveNode, i);
  for (const j of missed) {
    const o = left.get((items[j] as Item).reused as LiveNode);
    // Memo records hold only the parent's previous children, each reused at most once.
    if (o === undefined || used[o] === 1)
      throw new Error("internal: memo record outside its parent");
    used[o] = 1;
    matchOld[j] = o;
  }
}

/**
 * The general case for old children `start..endOld` and items `start..endNew`: match by key (or
 * memo identity, or order among unkeyed nodes), remove the unmatched, then move and insert along
 * the plan of {@link planReorder}. Fills `matchOld` for the middle items.
 */
function reorderMiddle(
  diff: Diff,
  parent: LiveElement,
  items: Item[],
  start: number,
  endOld: number,
  endNew: number,
  matchOld: Int32Array,
  reserved: number,
): void {
  const old = parent.children;
  const used = new Uint8Array(endOld);
  // Unchanged memos claim their own nodes first; key matching cannot take them.
  if (reserved !== 0) claimReused(old, items, start, endOld, endNew, matchOld, used);
  // Nodes reserved for memos are marked used now, so no match below can take them.
  const middle: Middle = { old, items, start, endOld, endNew, matchOld, used };
  if (matchInOrder(middle)) matchByKey(middle);

  // Removals, from the end so earlier indices hold, in runs.
  for (let i = endOld - 1; i >= start; ) {
    if (used[i] === 1) {
      i--;
      continue;
    }
    const end = i;
    while (i >= start && used[i] === 0) i--;
    leave(diff, old, i + 1, end + 1, items.length);
    select(diff, parent);
    diff.ops.push(Op.Remove, i + 1, end - i);
  }

  // Positions among the retained middle children; planReorder works on the middle alone and its
  // indices are shifted by `start`, since the prefix before it never moves.
  const position = new Int32Array(endOld);
  let retained = 0;
  for (let i = start; i < endOld; i++) if (used[i] === 1) position[i] = retained++;
  const match = new Int32Array(endNew - start);
  for (let j = start; j < endNew; j++)
    match[j - start] = matchOld[j]! >= 0 ? position[matchOld[j]!]! : -1;

  // Inserts at consecutive indices are held and sent as one run, before the next move.
  let pending: LiveNode[] = [];
  let pendingAt = -1;
  const flush = () => {
    if (pending.length === 0) return;
    select(diff, parent);
    emitInsert(diff.ops, pendingAt, pending);
    pending = [];
  };
  planReorder(
    match,
    retained,
    (from, to) => {
      flush();
      select(diff, parent);
      diff.ops.push(Op.Move, from + start, to + start);
    },
    (index, k) => {
      const item = items[k + start] as Item;
      const at = index + start;
      if (pending.length > 0 && at !== pendingAt + pending.length) flush();
      if (pending.length === 0) pendingAt = at;
      pending.push((item.live = create(diff, item, parent)));
    },
  );
  flush();
}
