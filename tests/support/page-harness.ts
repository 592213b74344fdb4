/**
 * What the browser tests run inside Chromium, bundled with the client's source by esbuild
 * (see `bundleHarness` in ./browser-harness.ts). Inputs come from Node as JSON; outputs are plain
 * shapes for Node to compare.
 */
import { applyPatch, buildNode, createDomWriter, HTML_NAMESPACE } from "@lucent/client";
import type { Patch, WireNode } from "@lucent/protocol";
import { childShapes, namespaceErrors, referenceBuild, type Shape } from "./dom-shape.ts";

export interface PairInput {
  /** The DOM to start from: A's wire tree, or A's server-rendered HTML to parse (adoption). */
  readonly wireA: WireNode[];
  readonly html?: string;
  readonly ops: Patch;
  /** B mounted fresh, and the server's live tree after the diff. */
  readonly wireB: WireNode[];
  readonly wireLive: WireNode[];
  /** Child-index paths of nodes that must be the same DOM node before and after the patch. */
  readonly keep: readonly (readonly [readonly number[], readonly number[]])[];
}

export interface PairOutput {
  /** With `html`: the parsed DOM and the DOM built from `wireA`, before patching. */
  readonly parsed?: Shape[];
  readonly builtA?: Shape[];
  readonly patched: Shape[];
  readonly fresh: Shape[];
  readonly live: Shape[];
  readonly namespaceErrors: string[];
  /** Indices into `keep` whose node was replaced. */
  readonly recreated: number[];
  readonly error?: string;
}

const writer = createDomWriter(document);

function build(nodes: readonly WireNode[]): HTMLElement {
  const container = document.createElement("div");
  for (const node of nodes) {
    writer.insertBefore(container, buildNode(node, HTML_NAMESPACE, writer), null);
  }
  return container;
}

function nodeAt(root: Node, path: readonly number[]): Node | undefined {
  let node: Node | undefined = root;
  for (const i of path) node = node?.childNodes[i];
  return node;
}

/** Builds (or parses) A, applies the ops with the client, and reports what came out. */
export function runPair(input: PairInput): PairOutput {
  let container: HTMLElement;
  let parsed: Shape[] | undefined;
  let builtA: Shape[] | undefined;
  if (input.html !== undefined) {
    container = document.createElement("div");
    container.innerHTML = input.html;
    parsed = childShapes(container);
    builtA = childShapes(build(input.wireA));
  } else container = build(input.wireA);
  // Off-document nodes would not exercise moveBefore's connected-node path: attach.
  document.body.append(container);
  const before = input.keep.map(([path]) => nodeAt(container, path));
  let error: string | undefined;
  try {
    applyPatch(container, input.ops, writer);
  } catch (e) {
    error = String(e);
  }
  const recreated: number[] = [];
  input.keep.forEach(([, path], i) => {
    if (before[i] === undefined || nodeAt(container, path) !== before[i]) recreated.push(i);
  });
  const out: PairOutput = {
    ...(parsed && builtA ? { parsed, builtA } : {}),
    patched: childShapes(container),
    fresh: childShapes(build(input.wireB)),
    live: childShapes(referenceBuild(document.createElement("div"), input.wireLive)),
    namespaceErrors: namespaceErrors(container),
    recreated,
    ...(error ? { error } : {}),
  };
  container.remove();
  return out;
}
