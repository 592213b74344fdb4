import type { BindingOptions, Payload } from "@lucent/protocol";

// Symbols, not numbers: no JSON value holds one, so data that reaches a child unchecked (a field
// typed string that a client's payload or an API filled with `{ "kind": 0, "tag": "img", ... }`)
// is refused as a child instead of rendered as the markup it describes. The diff still compares
// them by identity, as cheaply as numbers.
const ELEMENT: unique symbol = Symbol("lucent.element");
const TEXT: unique symbol = Symbol("lucent.text");
const FRAGMENT: unique symbol = Symbol("lucent.fragment");
const MEMO: unique symbol = Symbol("lucent.memo");
const MAP: unique symbol = Symbol("lucent.map");

/** Discriminates the kinds of {@link Node}. */
export const NodeKind: {
  readonly Element: typeof ELEMENT;
  readonly Text: typeof TEXT;
  readonly Fragment: typeof FRAGMENT;
  readonly Memo: typeof MEMO;
  readonly Map: typeof MAP;
} = { Element: ELEMENT, Text: TEXT, Fragment: FRAGMENT, Memo: MEMO, Map: MAP };

/**
 * What a handler produces for an event: a message, or a function of the event's payload that
 * returns a message (or `undefined` to ignore this event, e.g. a key that is not Enter).
 * Messages are data, never functions.
 */
export type Handler<Msg, P = Payload> = Msg | ((payload: P) => Msg | undefined);

/**
 * How one DOM event type on an element becomes a message. Handlers written without options share
 * one options object per event type, so a render allocates nothing for them and the diff compares
 * their options by identity.
 */
export interface EventHandler<Msg> {
  readonly type: string;
  readonly handler: Handler<Msg, Payload>;
  readonly options: BindingOptions;
}

/** An element. `html` set means raw inner HTML instead of children. */
export interface ElementNode<Msg> {
  readonly kind: typeof NodeKind.Element;
  readonly tag: string;
  readonly key: string | undefined;
  readonly attributes: Readonly<Record<string, string>>;
  readonly events: readonly EventHandler<Msg>[];
  readonly children: readonly Node<Msg>[];
  /**
   * What few elements have, in one field: every element of a view is one field smaller for it,
   * and the diff reads views cold (a 1,000-row table's view is megabytes).
   */
  readonly extras: ElementExtras | undefined;
}

/** The rare parts of an element. */
export interface ElementExtras {
  /** Trusted HTML content, inserted without escaping (see `raw`); the element has no children. */
  readonly html: string | undefined;
  /** `checked`/`selected` given as `false`: controlled, so the diff may force them off. */
  readonly controlled: readonly string[] | undefined;
  /** Has `lucent-ignore`: the page owns the element's children, rendered once, never patched. */
  readonly ignore: boolean;
}

/** A text node. */
export interface TextNode {
  readonly kind: typeof NodeKind.Text;
  readonly text: string;
}

/** Several nodes in a row without a wrapping element. */
export interface FragmentNode<Msg> {
  readonly kind: typeof NodeKind.Fragment;
  readonly key: string | undefined;
  readonly children: readonly Node<Msg>[];
}

/** A subtree that is rendered again only when one of its dependencies changes. */
export interface MemoNode<Msg> {
  readonly kind: typeof NodeKind.Memo;
  readonly key: string | undefined;
  readonly deps: readonly unknown[];
  readonly render: () => Node<Msg>;
  /**
   * Set by `html`: the template this memo is a call of, which compares the dependencies (its
   * values) and updates the last render's nodes in place. Memos of different templates never
   * reuse each other's nodes, nor do a template and a plain memo.
   */
  readonly template?: MemoTemplate | undefined;
}

/**
 * How the diff compares the values of one `html` template and updates its nodes in place. Made by
 * `html` for each template; not an extension point (the paths it gives must match the nodes the
 * template rendered).
 */
export interface MemoTemplate {
  /** Whether two calls' values render alike (in place of `Object.is` on each dependency). */
  same(previous: readonly unknown[], next: readonly unknown[]): boolean;
  /**
   * The elements to diff for a change from `previous` values to `next` (same template, same
   * place), in document order; null when the change cannot be made in place (render instead).
   */
  dirty(previous: readonly unknown[], next: readonly unknown[]): readonly DirtyElement[] | null;
}

/** An element of a template whose attributes, events or children take a value that changed. */
export interface DirtyElement {
  /** Child indices from the template's root element to this element, in the DOM. */
  readonly path: readonly number[];
  /** Builds the element as a render would: with its children, or without (`shallow`). */
  build(values: readonly unknown[], shallow: boolean): ElementNode<unknown>;
  /** Whether a value among its children changed (else only attributes and events). */
  readonly children: boolean;
}

/** A child component's subtree whose messages are turned into the parent's. */
export interface MapNode<Msg> {
  readonly kind: typeof NodeKind.Map;
  readonly key: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: the child's message type is erased once mapped
  readonly child: Node<any>;
  // biome-ignore lint/suspicious/noExplicitAny: see above
  readonly mapper: (message: any) => Msg;
}

/** A view: what `view(model)` returns. `Msg` is the type of message its events produce. */
export type Node<Msg> =
  | ElementNode<Msg>
  | TextNode
  | FragmentNode<Msg>
  | MemoNode<Msg>
  | MapNode<Msg>;

/** What may stand where a child is expected: nodes, strings, numbers, nested lists, and holes. */
export type Child<Msg> =
  | Node<Msg>
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly Child<Msg>[];

const EMPTY: readonly never[] = Object.freeze([]);

/** Normalises children: nested lists are flattened, strings and numbers become text, holes vanish. */
export function toNodes<Msg>(children: Child<Msg>): readonly Node<Msg>[] {
  if (children === null || children === undefined || typeof children === "boolean") return EMPTY;
  if (typeof children === "string" || typeof children === "number") return [text(children)];
  if (!Array.isArray(children)) return [asNode(children)];
  if (children.length === 0) return EMPTY;
  // Copied all the same: an app may fill one list for several elements, or reuse it.
  if (onlyNodes(children)) return children.slice() as Node<Msg>[];
  const out: Node<Msg>[] = [];
  pushChildren(out, children as readonly Child<Msg>[]);
  return out;
}

/**
 * Whether a list holds nothing but nodes, so that a copy in one call is its normal form: the rows
 * of a table (`rows.map(row)`), which were pushed one by one into a new array on every render.
 */
function onlyNodes(children: readonly unknown[]): boolean {
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (typeof child !== "object" || child === null || !isNode(child)) return false;
  }
  return true;
}

/** Whether an object is a view node; arrays, and objects JSON could make, are not. */
export function isNode(value: object): boolean {
  return typeof (value as { kind?: unknown }).kind === "symbol";
}

/** A child that is an object, when it is a node; an error naming what it is otherwise. */
function asNode<Msg>(child: object): Node<Msg> {
  if (isNode(child)) return child as Node<Msg>;
  const what = typeof child === "function" ? "a function" : "an object that is not a view node";
  throw new Error(
    `a child must be a node, text, a number or a list of them, got ${what}: ${preview(child)}`,
  );
}

/** The error for a view, memo render or mapped child that is not a node (data, null, text). */
export function notAView(value: unknown): Error {
  return new Error(`a view must be made of nodes, got ${preview(value)}`);
}

/** A short view of a value for an error message; never throws (cycles, symbols, BigInts). */
function preview(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 60);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * {@link toNodes} for an array the caller owns and gives away (the rest parameter of `h`): when
 * it holds only nodes, strings and numbers, the strings become text in place and the array is
 * the result, saving an array per element. Anything else takes the general path.
 */
export function ownNodes<Msg>(children: Child<Msg>[]): readonly Node<Msg>[] {
  const n = children.length;
  if (n === 0) return EMPTY;
  // One list as the only child (`h("tbody", {}, rows.map(row))`): copied in one call, if plain.
  if (n === 1 && Array.isArray(children[0])) return toNodes(children[0] as Child<Msg>);
  for (let i = 0; i < n; i++) {
    const child = children[i];
    if (typeof child === "string" || typeof child === "number") children[i] = text(child);
    else if (typeof child !== "object" || child === null || !isNode(child))
      return toNodes(children);
  }
  return children as Node<Msg>[];
}

function pushChildren<Msg>(out: Node<Msg>[], children: readonly Child<Msg>[]): void {
  for (const child of children) {
    if (child === null || child === undefined || typeof child === "boolean") continue;
    if (typeof child === "string" || typeof child === "number") out.push(text(child));
    else if (Array.isArray(child)) pushChildren(out, child as readonly Child<Msg>[]);
    else out.push(asNode(child));
  }
}

/**
 * A text node.
 *
 * @example text(`Count: ${model.count}`)
 */
export function text(value: string | number): TextNode {
  return { kind: NodeKind.Text, text: String(value) };
}

/**
 * Several nodes without a wrapper element; give it a key to move it as one in a keyed list.
 *
 * @example fragment([h("dt", {}, term), h("dd", {}, definition)], { key: term })
 */
export function fragment<Msg>(
  children: Child<Msg>,
  options: { key?: string } = {},
): FragmentNode<Msg> {
  return { kind: NodeKind.Fragment, key: options.key, children: toNodes(children) };
}

/**
 * Skips rendering and diffing `render()` while every dependency is the same (`Object.is`) as in
 * the previous view. `render` must depend on nothing but `deps`.
 *
 * @example memo([row], () => rowView(row), { key: row.id })
 */
export function memo<Msg>(
  deps: readonly unknown[],
  render: () => Node<Msg>,
  options: { key?: string } = {},
): MemoNode<Msg> {
  return { kind: NodeKind.Memo, key: options.key, deps, render };
}

/**
 * Embeds a child component's view, turning each of its messages into a parent message.
 *
 * @example map(counterView(model.left), (msg) => ({ type: "left", msg }))
 */
export function map<ChildMsg, Msg>(
  child: Node<ChildMsg>,
  mapper: (message: ChildMsg) => Msg,
  options: { key?: string } = {},
): MapNode<Msg> {
  return { kind: NodeKind.Map, key: options.key, child, mapper };
}
