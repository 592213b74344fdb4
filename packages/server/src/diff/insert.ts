import {
  Op,
  type PatchToken,
  type WireNode,
  type WireRows,
  type WireTemplate,
} from "@lucent/protocol";
import { type LiveElement, type LiveNode, toWire } from "./live.ts";

/**
 * Emits the operations that insert `nodes` before child `at` of the selected element. Runs of two
 * or more elements of one shape (the rows of a table) go as op 8: one template, and per node only
 * the values that differ, which is a fraction of the bytes and lets the client clone instead of
 * build. Everything else goes as op 3. Hot path for creating lists.
 */
export function emitInsert(ops: PatchToken[], at: number, nodes: readonly LiveNode[]): void {
  let single: WireNode[] | null = null;
  let singleAt = at;
  let i = 0;
  while (i < nodes.length) {
    const first = nodes[i] as LiveNode;
    const run = first.kind === 0 ? matchRun(first, nodes, i) : null;
    if (run === null) {
      if (single === null) {
        single = [];
        singleAt = at + i;
      }
      single.push(toWire(first));
      i++;
      continue;
    }
    if (single !== null) ops.push(Op.Insert, singleAt, single);
    single = null;
    emitTemplate(ops, at + i, first as LiveElement, run);
    i += run.length;
  }
  if (single !== null) ops.push(Op.Insert, singleAt, single);
}

/** The template's shape: tags, attribute names in order, raw HTML, and where the texts are. */
interface Shape {
  readonly tag: string;
  readonly names: readonly string[];
  readonly html: string | undefined;
  /** Child shapes; `null` for a text child. */
  readonly children: readonly (Shape | null)[];
}

function shapeOf(element: LiveElement): Shape {
  return {
    tag: element.tag,
    names: Object.keys(element.attributes),
    html: element.html,
    children: element.children.map((child) => (child.kind === 1 ? null : shapeOf(child))),
  };
}

/**
 * A run of nodes of one shape: all their values (attribute values, then children's, depth
 * first), node after node.
 */
interface Run {
  readonly values: string[];
  /** Values per node. */
  readonly stride: number;
  readonly length: number;
}

/** The run of nodes sharing the shape of `nodes[start]`, or null when fewer than two do. */
function matchRun(first: LiveElement, nodes: readonly LiveNode[], start: number): Run | null {
  const next = nodes[start + 1];
  if (next === undefined || next.kind === 1 || next.tag !== first.tag) return null;
  const shape = shapeOf(first);
  const values: string[] = [];
  collect(shape, first, values);
  const stride = values.length;
  let length = 1;
  for (let i = start + 1; i < nodes.length; i++) {
    if (!collect(shape, nodes[i] as LiveNode, values)) {
      values.length = length * stride;
      break;
    }
    length++;
  }
  return length >= 2 ? { values, stride, length } : null;
}

/** Pushes the values of `node` in hole order; false when it does not have the shape. */
function collect(shape: Shape, node: LiveNode, values: string[]): boolean {
  if (node.kind === 1 || node.tag !== shape.tag || node.html !== shape.html) return false;
  const names = shape.names;
  const attributes = node.attributes;
  let k = 0;
  for (const name in attributes) {
    if (names[k++] !== name) return false;
    values.push(attributes[name] as string);
  }
  if (k !== names.length) return false;
  const children = node.children;
  if (children.length !== shape.children.length) return false;
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as LiveNode;
    const inner = shape.children[i] as Shape | null;
    if (inner === null) {
      if (child.kind !== 1) return false;
      values.push(child.text);
    } else if (!collect(inner, child, values)) return false;
  }
  return true;
}

/** Op 8 for a run: holes where any node's value differs from the first node's. */
function emitTemplate(ops: PatchToken[], at: number, first: LiveElement, run: Run): void {
  const { values, stride, length } = run;
  const hole = new Uint8Array(stride);
  for (let r = 1; r < length; r++) {
    for (let k = 0; k < stride; k++) if (values[r * stride + k] !== values[k]) hole[k] = 1;
  }
  const rows: string[][] = new Array(length);
  for (let r = 0; r < length; r++) {
    const row: string[] = [];
    for (let k = 0; k < stride; k++) if (hole[k] === 1) row.push(values[r * stride + k] as string);
    rows[r] = row;
  }
  const counter = { k: 0 };
  ops.push(Op.InsertTemplate, at, templateOf(first, hole, counter), rows as WireRows);
}

/** The wire form of `node` with `null` in its holes; `counter` walks the values in hole order. */
function templateOf(node: LiveElement, hole: Uint8Array, counter: { k: number }): WireTemplate {
  let attributes: Record<string, string | null> | 0 = 0;
  for (const name in node.attributes) {
    (attributes ||= {})[name] = hole[counter.k++] === 1 ? null : (node.attributes[name] as string);
  }
  const out: unknown[] = [node.tag, attributes];
  if (node.html !== undefined) out.push({ h: node.html });
  for (const child of node.children) {
    if (child.kind === 1) out.push(hole[counter.k++] === 1 ? null : child.text);
    else out.push(templateOf(child, hole, counter));
  }
  if (out.length === 2 && attributes === 0) out.length = 1;
  return out as unknown as WireTemplate;
}
