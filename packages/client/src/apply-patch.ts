import { OP_ARITY, type Patch, type WireElement, type WireNode } from "@lucent/protocol";
import { buildNode, childNamespace } from "./build-node.ts";
import type { DomWriter } from "./dom-writer.ts";
import { type PatchMismatch, patchMismatch } from "./patch-mismatch.ts";

/**
 * Applies a patch (SPEC §6) to the DOM under `root`, writing only through `writer`. It validates
 * as it goes: a path that does not resolve, or an operation that does not fit the selected node,
 * throws a {@link PatchMismatch} and leaves the rest of the patch unapplied. Tag and attribute
 * names are left to the DOM, which throws its own error for one it refuses (an empty name, say);
 * the session resyncs on either.
 *
 * `visit`, when given, sees every node a path passes through, the selected one included: each is
 * the node an operation changes, or one of its ancestors (hooks learn this way that they changed).
 *
 * @example applyPatch(view, [[0, 1], 0, "1"], createDomWriter(document))
 */
export function applyPatch(
  root: Element,
  ops: Patch,
  writer: DomWriter,
  visit?: (node: Node) => void,
): void {
  // Hot path: runs for every frame the server sends. One pass over the tokens, no allocation
  // beyond the nodes being built, and every check compares values the operation reads anyway.
  // Operation codes are written as numbers: the `Op` object would be a property read per
  // operation, and bytes in the bundle every page loads.
  let node: Node = root;
  let i = 0;
  while (i < ops.length) {
    const at = i;
    const op = ops[i++];
    if (Array.isArray(op)) {
      node = root;
      // Each step is checked like any index: the writer takes indices only (stepping along
      // siblings, it would read `null`, `true` or "01" as a count).
      for (const step of op as readonly unknown[]) {
        node = nth(at, node, step, writer) as Node;
        visit?.(node);
      }
      continue;
    }
    // An unknown code has no arity: the sum is NaN, and the comparison fails. Only a number is
    // used as a key: an object from the wire may have a `toString` that cannot be called.
    let arity: number;
    if (typeof op !== "number" || !(i + (arity = OP_ARITY[op] as number) <= ops.length)) {
      throw fail(at, `expected a path or an op, got ${JSON.stringify(op)}`);
    }
    const a = ops[i] as unknown;
    const b = ops[i + 1] as unknown;
    const c = ops[i + 2] as unknown;
    i += arity;
    // Op 0 needs a text node (type 3), every other an element (type 1).
    if (node.nodeType !== (op ? 1 : 3)) {
      throw fail(at, `op ${op} needs ${op ? "an element" : "a text node"}`);
    }
    const element = node as Element;
    switch (op) {
      case 0 /* Op.Text */:
        writer.setText(node as Text, text(at, a));
        break;
      case 1 /* Op.SetAttribute */:
        writer.setAttribute(element, text(at, a), text(at, b));
        break;
      case 2 /* Op.RemoveAttribute */:
        writer.removeAttribute(element, text(at, a));
        break;
      case 3 /* Op.Insert */:
        {
          const before = nth(at, element, a, writer, true);
          if (!Array.isArray(b)) throw fail(at, "bad nodes");
          const namespace = childNamespace(element);
          for (const wire of b as WireNode[]) {
            writer.insertBefore(element, buildNode(wire, namespace, writer), before);
          }
          break;
        }
      case 4 /* Op.Remove */:
        {
          let next = nth(at, element, a, writer, true);
          // The last child removed must exist; when none is left, one DOM call clears the list.
          if (index(at, b)) nth(at, element, (a as number) + (b as number) - 1, writer);
          if (b && !a && !writer.childAt(element, b as number)) writer.setInnerHtml(element, "");
          else
            for (let left = b as number; left > 0; left--) {
              const removed = next as Node;
              next = removed.nextSibling;
              writer.remove(removed);
            }
          break;
        }
      case 5 /* Op.Move */:
        {
          const moved = nth(at, element, a, writer) as Node;
          // Once the node is out, the child at `to` is the one at `to` before it, `to + 1` after it.
          if (moved !== nth(at, element, b, writer)) {
            const to = b as number;
            writer.moveBefore(
              element,
              moved,
              writer.childAt(element, to < (a as number) ? to : to + 1),
            );
          }
          break;
        }
      case 6 /* Op.Replace */:
        {
          const old = nth(at, element, a, writer) as Node;
          const replacement = buildNode(b as WireNode, childNamespace(element), writer);
          writer.insertBefore(element, replacement, old);
          writer.remove(old);
          break;
        }
      case 7 /* Op.Html */:
        writer.setInnerHtml(element, text(at, a));
        break;
      default: /* Op.InsertTemplate */ {
        const before = nth(at, element, a, writer, true);
        if (!Array.isArray(b) || !Array.isArray(c) || !c.length) throw fail(at, "bad template");
        // Each row is a copy of the template built once (holes empty) with its holes written.
        // All are built before any is inserted: a bad row leaves the DOM as it was.
        const template = buildNode(b as unknown as WireNode, childNamespace(element), writer, true);
        const nodes = c.map((row) => {
          const node = writer.clone(template);
          if (
            !Array.isArray(row) ||
            fill(at, b as unknown as WireElement, node, row, 0, writer) !== row.length
          ) {
            throw fail(at, "bad row");
          }
          return node;
        });
        for (const node of nodes) writer.insertBefore(element, node, before);
      }
    }
  }
}

/**
 * Writes a row's values into the holes of a copy of op 8's template (SPEC §6: attribute values,
 * then children, depth first); returns how many values it used, counting on from `k`.
 */
function fill(
  at: number,
  template: WireElement,
  node: Node,
  row: readonly unknown[],
  k: number,
  writer: DomWriter,
): number {
  const attributes = template[1];
  for (const name in attributes || {}) {
    if ((attributes as Record<string, unknown>)[name] === null) {
      writer.setAttribute(node as Element, name, text(at, row[k++]), true);
    }
  }
  let child = node.firstChild;
  // `child?.`: raw HTML is a template's only child, and may have left no node at all.
  for (let i = 2; i < template.length; i++, child = (child as Node | null)?.nextSibling ?? null) {
    const inner = template[i];
    if (inner === null) writer.setText(child as Text, text(at, row[k++]));
    else if (Array.isArray(inner))
      k = fill(at, inner as WireElement, child as Node, row, k, writer);
  }
  return k;
}

function fail(at: number, problem: string): PatchMismatch {
  return patchMismatch(`patch token ${at}: ${problem}`);
}

// Indices are checked by looking for the child they name rather than against a count of the
// children: counting a long list costs Chromium a walk over all of it (25 µs for 1,000 rows).

/**
 * The child at index `value` of `element`; with `end`, also null one past the last child (where
 * an insert appends).
 */
function nth(
  at: number,
  element: Node,
  value: unknown,
  writer: DomWriter,
  end?: boolean,
): Node | null {
  const k = index(at, value);
  const child = writer.childAt(element, k);
  if (child || (end && (!k || writer.childAt(element, k - 1)))) return child;
  throw fail(at, `expected an index in range, got ${k}`);
}

/** Whether `value` is an index: a whole number, 0 or more (the protocol's integers). */
export const isIndex = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

/** An index argument. */
function index(at: number, value: unknown): number {
  if (isIndex(value)) return value;
  throw fail(at, `expected an index, got ${JSON.stringify(value)}`);
}

function text(at: number, value: unknown): string {
  if (typeof value === "string") return value;
  throw fail(at, `expected a string, got ${JSON.stringify(value)}`);
}
