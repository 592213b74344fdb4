import type { WireNode } from "@lucent/protocol";
import {
  createHandlerRegistry,
  createRoot,
  type HandlerRegistry,
  type LiveElement,
  type LiveNode,
  mountView,
  toWire,
  type Node as View,
} from "@lucent/server";
import { expect } from "vitest";
import type { Shape } from "./dom-shape.ts";

/** The payload every resolved handler gets, so function handlers produce comparable messages. */
export const PAYLOAD = { value: "v" } as const;

export interface Mounted {
  readonly root: LiveElement;
  readonly registry: HandlerRegistry;
}

/** Mounts a view as the runtime does on its first render (sequence number 0). */
export function mount(view: View<unknown>): Mounted {
  const registry = createHandlerRegistry();
  const root = createRoot();
  mountView(root, view, registry, 0);
  registry.commit(true, 0);
  return { root, registry };
}

/** The root's children as wire nodes, as a mount frame carries them. */
export function wireOf(root: LiveElement): WireNode[] {
  return root.children.map(toWire);
}

/**
 * Reads an `on:<type>` value as what it does: the message its handler resolves to in `registry`
 * for an event sent from the DOM at `seq` (or "stale"/"ignored"), and its flags.
 */
export function bindingReader(registry: HandlerRegistry, seq: number) {
  return (value: string): unknown => {
    const [id, ...flags] = value.split(" ");
    const resolution = registry.resolve(id as string, seq, PAYLOAD);
    return {
      message: resolution.status === "message" ? resolution.message : resolution.status,
      flags,
    };
  };
}

/** How many event bindings the live tree holds, each one a reference the registry must keep. */
export function bindingsIn(node: LiveNode): number {
  if (node.kind === 1) return 0;
  let count = node.handlers?.length ?? 0;
  for (const child of node.children) count += bindingsIn(child);
  return count;
}

/** DOM children of a live element, checked to line up one to one. */
function pairs(live: LiveElement, dom: Node): [LiveNode, Node][] {
  const nodes = dom.childNodes;
  if (nodes.length !== live.children.length) {
    throw new Error(
      `<${live.tag}> has ${live.children.length} live children but ${nodes.length} DOM children`,
    );
  }
  return live.children.map((child, i) => [child, nodes[i] as Node]);
}

/** Each live node of the tree mapped to the DOM node that shows it. */
export function liveToDom(root: LiveElement, container: Node): Map<LiveNode, Node> {
  const out = new Map<LiveNode, Node>();
  const walk = (live: LiveElement, dom: Node): void => {
    for (const [child, node] of pairs(live, dom)) {
      out.set(child, node);
      if (child.kind === 0 && child.html === undefined) walk(child, node);
    }
  };
  walk(root, container);
  return out;
}

/** A keyed child: its DOM node and its tag (`#text` for text), or null when its key repeats. */
type KeyedChild = { readonly node: Node; readonly tag: string } | null;

/** For every DOM element that holds live children: its keyed children by key. */
export type KeyIndex = Map<Node, Map<string, KeyedChild>>;

/** Indexes the keyed children of every element of a live tree shown by `container`. */
export function keyIndex(root: LiveElement, container: Node): KeyIndex {
  const index: KeyIndex = new Map();
  const walk = (live: LiveElement, dom: Node): void => {
    const keyed = new Map<string, KeyedChild>();
    index.set(dom, keyed);
    for (const [child, node] of pairs(live, dom)) {
      if (child.key !== undefined) {
        const tag = child.kind === 1 ? "#text" : child.tag;
        keyed.set(child.key, keyed.has(child.key) ? null : { node, tag });
      }
      if (child.kind === 0 && child.html === undefined) walk(child, node);
    }
  };
  walk(root, container);
  return index;
}

/**
 * Compares keyed children before and after a patch: a child whose key is found again, with the
 * same tag, under the same (surviving) parent element must be the very same DOM node.
 * Returns how many survivors were checked and the ones that were recreated.
 */
export function keyedSurvivors(
  before: KeyIndex,
  after: KeyIndex,
): { checked: number; recreated: string[] } {
  let checked = 0;
  const recreated: string[] = [];
  for (const [parent, keyed] of after) {
    const old = before.get(parent);
    if (!old) continue;
    for (const [key, now] of keyed) {
      const then = old.get(key);
      if (!now || !then || then.tag !== now.tag) continue;
      checked++;
      if (then.node !== now.node) recreated.push(`<${now.tag}> key ${JSON.stringify(key)}`);
    }
  }
  return { checked, recreated };
}

/** SPEC §5: the server never sends an empty text node, nor two adjacent ones. */
export function textErrors(root: LiveElement): string[] {
  const errors: string[] = [];
  const walk = (live: LiveElement, path: string): void => {
    live.children.forEach((child, i) => {
      if (child.kind === 1) {
        if (child.text === "") errors.push(`${path}/${i} is an empty text node`);
        if (live.children[i + 1]?.kind === 1) errors.push(`${path}/${i} is followed by text`);
      } else walk(child, `${path}/${i}`);
    });
  };
  walk(root, "");
  return errors;
}

/**
 * Live elements whose `parent` is not the element holding them: a touched form control finds the
 * memos and templates around it by walking these links, so a wrong one lets a memo hide the value
 * the server must re-send.
 */
export function parentErrors(root: LiveElement): string[] {
  const errors: string[] = [];
  const walk = (live: LiveElement, path: string): void => {
    live.children.forEach((child, i) => {
      if (child.kind === 1) return;
      if (child.parent !== live) errors.push(`${path}/${i} <${child.tag}> links to another parent`);
      walk(child, `${path}/${i}`);
    });
  };
  walk(root, "");
  return errors;
}

/** Compares two shape lists, cheaply when equal, with a readable diff when not. */
export function expectSame(actual: Shape[], expected: Shape[], what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    expect(actual, what).toEqual(expected);
  }
}
