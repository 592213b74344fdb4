import type { WireNode } from "@lucent/protocol";
import type { MemoTemplate } from "../view/node.ts";
import type { HandlerEntry } from "./handlers.ts";

/** Namespaces, derived from tags the way the HTML parser derives them. */
export const Namespace = { Html: 0, Svg: 1, MathMl: 2 } as const;
export type NamespaceCode = (typeof Namespace)[keyof typeof Namespace];

/** What a memo produced last time, so an unchanged memo reuses its nodes without rendering. */
export interface MemoRecord {
  readonly deps: readonly unknown[];
  /** The template the memo is a call of (see `MemoNode.template`). */
  readonly template: MemoTemplate | undefined;
  readonly nodes: readonly LiveNode[];
  /** The probe of the message mapper the nodes were rendered under (see `probeMapper`). */
  readonly mapper: unknown;
  /** The flattening that last wrote this record into its parent's map (see `memoRecords`). */
  stamp: number;
}

/**
 * An element as the client's DOM has it: the server's copy, kept between renders and mutated in
 * place by the diff. Fragments, memos and maps are flattened away, so `children[i]` is DOM child i.
 */
export interface LiveElement {
  readonly kind: 0;
  readonly tag: string;
  readonly ns: NamespaceCode;
  readonly key: string | undefined;
  /** Every attribute the DOM has, including the `on:<type>` event bindings. */
  attributes: Readonly<Record<string, string>>;
  /** The view's own attributes (without bindings) that `attributes` was made from. */
  source: Readonly<Record<string, string>>;
  /** The element's event bindings, in the view's order (a repeated type bound once, last wins). */
  handlers: HandlerEntry[] | null;
  children: LiveNode[];
  html: string | undefined;
  /** Memo records of this element's child list, by memo identity. */
  memos: Map<string, MemoRecord> | null;
  /** Whether any child has a key, so the next diff knows which algorithm the old list needs. */
  keyed: boolean;
  /** The flattening that last reused this node for a memo (see `flatten`); 0 for none. */
  claim: number;
  /** The element this one is a child of (an element never changes parent); null for the root. */
  readonly parent: LiveElement | null;
}

/** A text node; never empty and never adjacent to another text node. */
export interface LiveText {
  readonly kind: 1;
  /** Set only inside keyed fragments, where position within the fragment is identity. */
  readonly key: string | undefined;
  text: string;
  /** As {@link LiveElement.claim}. */
  claim: number;
}

export type LiveNode = LiveElement | LiveText;

// The parser's integration points (SPEC §5): their children are HTML again.
const SVG_HTML_INSIDE = /^(foreignObject|desc|title)$/;
const MATHML_HTML_INSIDE = /^(mi|mo|mn|ms|mtext)$/;

/** The namespace of a child element, as the HTML parser decides it. */
export function childNamespace(parent: LiveElement, tag: string): NamespaceCode {
  if (parent.ns === Namespace.Svg && !SVG_HTML_INSIDE.test(parent.tag)) return Namespace.Svg;
  if (parent.ns === Namespace.MathMl && !MATHML_HTML_INSIDE.test(parent.tag)) {
    return Namespace.MathMl;
  }
  if (tag === "svg") return Namespace.Svg;
  if (tag === "math") return Namespace.MathMl;
  return Namespace.Html;
}

/** The wire form of a live node (protocol §5). */
export function toWire(node: LiveNode): WireNode {
  if (node.kind === 1) return node.text;
  const attributes = hasAny(node.attributes) ? node.attributes : 0;
  if (node.html !== undefined) return [node.tag, attributes, { h: node.html }];
  const children = node.children;
  if (children.length === 0) return attributes === 0 ? [node.tag] : [node.tag, attributes];
  const out: (WireNode | 0 | Readonly<Record<string, string>> | string)[] = [node.tag, attributes];
  for (let i = 0; i < children.length; i++) out.push(toWire(children[i] as LiveNode));
  return out as unknown as WireNode;
}

export function hasAny(record: object): boolean {
  for (const _ in record) return true;
  return false;
}
