// A prototype of the static/dynamic split (LiveView's compiled templates, lit-html's parts), to size
// what it would save before the engine takes it on. A view written as tagged templates keeps its
// static markup in a shape parsed once per template (the strings' identity), and a render is the
// shape plus its values; a diff compares the previous values with the next, and only a changed
// value costs an operation, at a path the shape knows. Nothing is built for static markup, and
// nothing of it is read.
//
// Not part of Lucent, and deliberately narrow: one root element per template; a text or list hole
// must be the only child of its element; text values are never empty; a list's items are keyed
// renders (`keyed`), its keys unique; a changed shape is not handled. Bindings are kept as Lucent
// keeps them: each event hole holds a reference in a registry for as long as its element lives, a
// changed message is written behind the same reference (Lucent keeps the previous one too, for
// events sent from an older DOM), and rows that leave release theirs. New rows of one template go
// as op 8, the template's static markup being op 8's template. It serialises Lucent's wire format;
// a test applies its frames with the client's applier.
import { VOID_ELEMENTS } from "@lucent/server";
import { planReorder } from "../../../../packages/server/src/diff/reorder.ts";
import { retainedMatch, sameMessage } from "./lean-diff.ts";

/** A template's values where its holes are, and its static shape. */
export interface Rendered {
  readonly shape: Shape;
  readonly values: readonly unknown[];
  readonly key: string | undefined;
  /** The binding references of its event holes, by hole; set once it is on the page. */
  refs: number[] | null;
}

/** The references of a session's bindings, each to the message its event now means. */
export interface Bindings {
  next: number;
  messages: Map<number, unknown>;
}

export function createBindings(): Bindings {
  return { next: 0, messages: new Map() };
}

function bind(bindings: Bindings, message: unknown): number {
  const ref = bindings.next++;
  bindings.messages.set(ref, message);
  return ref;
}

type Hole =
  | { readonly kind: "attribute"; readonly path: readonly number[]; readonly name: string }
  | { readonly kind: "event"; readonly path: readonly number[]; readonly type: string }
  /** A text or a list of renders: the only child of the element at `path`. */
  | { readonly kind: "child"; readonly path: readonly number[] };

/** An element of the static markup; numbers stand for holes (their index in the values). */
interface StaticElement {
  readonly tag: string;
  readonly attributes: readonly (readonly [name: string, value: string | number])[];
  readonly children: readonly (StaticElement | string | number)[];
}

export interface Shape {
  readonly root: StaticElement;
  readonly holes: readonly Hole[];
  /** Op 8 templates of this shape, by which attribute holes the rows leave out (see `insert`). */
  readonly templates: Map<string, unknown>;
}

const shapes = new WeakMap<TemplateStringsArray, Shape>();
// The rows of a list come from one template in turn: one remembered shape spares the map lookup.
let lastStrings: TemplateStringsArray | null = null;
let lastShape: Shape | null = null;

/** A render of a template: `tpl\`<td class=${cls}>${text}</td>\``. */
export function tpl(strings: TemplateStringsArray, ...values: unknown[]): Rendered {
  return { shape: shapeOf(strings), values, key: undefined, refs: null };
}

/** A render with a key, as the items of a list hole must be. */
export function keyed(key: string, rendered: Rendered): Rendered {
  if (typeof key !== "string") throw new Error("split diff: a list item's key must be a string");
  return { shape: rendered.shape, values: rendered.values, key, refs: null };
}

function shapeOf(strings: TemplateStringsArray): Shape {
  if (strings === lastStrings) return lastShape as Shape;
  let shape = shapes.get(strings);
  if (shape === undefined) {
    shape = parse(strings);
    shapes.set(strings, shape);
  }
  lastStrings = strings;
  lastShape = shape;
  return shape;
}

const HOLE = /^\uE000(\d+)\uE000$/;
const TOKEN =
  /<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*"|=\uE000\d+\uE000)?)*)\s*\/?>|([^<]+)/g;
const ATTRIBUTE = /([^\s=>/]+)(?:="([^"]*)"|=(\uE000\d+\uE000))?/g;

/** Parses the static markup, holes marked by U+E000 (private use), their index and U+E000. */
function parse(strings: TemplateStringsArray): Shape {
  if (strings.some((part) => part.includes("\uE000")))
    throw new Error("template: U+E000 marks holes and cannot be markup");
  let source = strings[0] as string;
  for (let i = 1; i < strings.length; i++) source += `\uE000${i - 1}\uE000${strings[i]}`;
  const holes: Hole[] = [];
  const top: {
    tag: string;
    attributes: StaticElement["attributes"];
    children: StaticElement["children"][number][];
  } = { tag: "", attributes: [], children: [] };
  const stack = [top];
  const paths: number[][] = [[]];
  for (const [, close, open, attributeText, text] of source.matchAll(TOKEN)) {
    const parent = stack[stack.length - 1] as (typeof stack)[number];
    const parentPath = paths[paths.length - 1] as number[];
    if (close !== undefined) {
      if (close !== parent.tag) throw new Error(`template: </${close}> closes <${parent.tag}>`);
      stack.pop();
      paths.pop();
    } else if (open !== undefined) {
      const path = stack.length === 1 ? [] : [...parentPath, parent.children.length];
      const attributes: [string, string | number][] = [];
      for (const [, name, quoted, marker] of (attributeText as string).matchAll(ATTRIBUTE)) {
        const hole = marker === undefined ? undefined : Number(HOLE.exec(marker)?.[1]);
        if (quoted?.includes("\uE000")) throw new Error("template: a hole must be a whole value");
        if (hole === undefined) {
          attributes.push([name as string, quoted ?? ""]);
          continue;
        }
        holes[hole] = (name as string).startsWith("on:")
          ? { kind: "event", path, type: (name as string).slice(3) }
          : { kind: "attribute", path, name: name as string };
        attributes.push([name as string, hole]);
      }
      const element = {
        tag: open,
        attributes,
        children: [] as (StaticElement | string | number)[],
      };
      if (stack.length === 1 && top.children.length > 0) throw new Error("template: one root");
      parent.children.push(element);
      if (!VOID_ELEMENTS.has(open)) {
        stack.push(element);
        paths.push(path);
      }
    } else if (text !== undefined) {
      const hole = HOLE.exec(text);
      if (hole) {
        holes[Number(hole[1])] = { kind: "child", path: parentPath };
        parent.children.push(Number(hole[1]));
      } else if (text.includes("\uE000")) throw new Error("template: a text hole stands alone");
      else if (text.includes("&")) throw new Error("template: character references are not read");
      else parent.children.push(text);
    }
  }
  if (stack.length !== 1) throw new Error("template: unclosed element");
  if (top.children.length !== 1 || typeof top.children[0] !== "object")
    throw new Error("template: one root element");
  for (const element of walk(top.children[0] as StaticElement)) {
    if (element.children.length > 1 && element.children.some((c) => typeof c === "number"))
      throw new Error("template: a child hole must be its element's only child");
  }
  return { root: top.children[0] as StaticElement, holes, templates: new Map() };
}

function* walk(element: StaticElement): Generator<StaticElement> {
  yield element;
  for (const child of element.children) if (typeof child === "object") yield* walk(child);
}

// --- diffing ---

interface Diff {
  readonly ops: unknown[];
  readonly bindings: Bindings;
  readonly path: number[];
  /** Renders that left the page, whose references are released once the diff is done. */
  readonly removed: Rendered[];
  /** The path last emitted, so that a run of operations on one node names it once. */
  selected: string;
}

/** Puts a render on the page: its bindings get references (what mounting does, untimed). */
export function mountSplit(rendered: Rendered, bindings: Bindings): void {
  toWire(rendered, bindings);
}

/**
 * Diffs two renders of a page's template, `before` being on the page (mounted or diffed into),
 * its root the first child of `<lucent-view>`. The page holds every binding of `bindings`, which
 * lets a diff that removes most of them keep the live ones instead. Returns the frame's
 * operations as JSON.
 */
export function splitDiff(before: Rendered, after: Rendered, bindings: Bindings): string {
  const diff: Diff = { ops: [], bindings, path: [0], selected: "", removed: [] };
  diffRendered(diff, before, after);
  releaseRemoved(diff, after);
  return JSON.stringify(diff.ops);
}

/**
 * Releases the references of the renders that left, as Lucent's `retireRemoved` does: one by one,
 * unless they hold most of the registry (a table cleared), when keeping the live ones is cheaper.
 */
function releaseRemoved(diff: Diff, after: Rendered): void {
  const { removed, bindings } = diff;
  if (removed.length === 0) return;
  // Estimated from the first, as Lucent does: counting every one would read them all, cold.
  const leaving = eventCount(removed[0] as Rendered) * removed.length;
  if (leaving * 2 < bindings.messages.size) {
    for (const rendered of removed) release(rendered, bindings);
    return;
  }
  const live = new Map<number, unknown>();
  keepLive(after, bindings.messages, live);
  bindings.messages = live;
}

function eventCount(rendered: Rendered): number {
  const holes = rendered.shape.holes;
  let count = 0;
  for (let i = 0; i < holes.length; i++) {
    const hole = holes[i] as Hole;
    if (hole.kind === "event") count++;
    else if (hole.kind === "child" && Array.isArray(rendered.values[i])) {
      for (const item of rendered.values[i] as Rendered[]) count += eventCount(item);
    }
  }
  return count;
}

function keepLive(rendered: Rendered, from: Map<number, unknown>, into: Map<number, unknown>) {
  const refs = rendered.refs as number[];
  const holes = rendered.shape.holes;
  for (let i = 0; i < holes.length; i++) {
    const hole = holes[i] as Hole;
    if (hole.kind === "event") into.set(refs[i] as number, from.get(refs[i] as number));
    else if (hole.kind === "child" && Array.isArray(rendered.values[i])) {
      for (const item of rendered.values[i] as Rendered[]) keepLive(item, from, into);
    }
  }
}

function select(diff: Diff, at: readonly number[]): void {
  const path = [...diff.path, ...at];
  const name = path.join(",");
  if (name !== diff.selected) {
    diff.ops.push(path);
    diff.selected = name;
  }
}

function diffRendered(diff: Diff, before: Rendered, after: Rendered): void {
  if (before.shape !== after.shape) throw new Error("split diff: the template changed");
  const refs = before.refs as number[];
  if (after !== before) claimRefs(after, refs);
  const holes = after.shape.holes;
  const was = before.values;
  const now = after.values;
  for (let i = 0; i < holes.length; i++) {
    const a = was[i];
    const b = now[i];
    if (a === b) continue;
    const hole = holes[i] as Hole;
    if (hole.kind === "attribute") {
      const value = attributeValue(b);
      if (attributeValue(a) === value) continue;
      select(diff, hole.path);
      if (value === undefined) diff.ops.push(2, hole.name);
      else diff.ops.push(1, hole.name, value);
    } else if (hole.kind === "event") {
      // The reference stays: only what it means changes, and nothing goes on the wire.
      if (!sameMessage(a, b)) diff.bindings.messages.set(refs[i] as number, b);
    } else if (Array.isArray(a) !== Array.isArray(b)) {
      throw new Error("split diff: a hole went from a list to a text or back");
    } else if (Array.isArray(b)) {
      for (const step of hole.path) diff.path.push(step);
      diffList(diff, a as readonly Rendered[], b as readonly Rendered[]);
      diff.path.length -= hole.path.length;
    } else if (String(a) !== String(b)) {
      select(diff, [...hole.path, 0]);
      diff.ops.push(0, textValue(b));
    }
  }
}

function textValue(value: unknown): string {
  if (!isPrimitive(value)) throw new Error("split diff: a text hole takes a string or number");
  const text = String(value);
  if (text === "") throw new Error("split diff: an empty text has no DOM node to patch");
  return text;
}

function attributeValue(value: unknown): string | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  if (!isPrimitive(value)) throw new Error("split diff: an attribute takes a string or number");
  return String(value);
}

function isPrimitive(value: unknown): boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** References live on a render while it is on the page: one render cannot be there twice. */
function claimRefs(rendered: Rendered, refs: number[]): void {
  if (rendered.refs !== null) throw new Error("split diff: a render can go on the page once");
  rendered.refs = refs;
}

/** A keyed list at the current path: removals, moves and inserts first, then each kept item. */
function diffList(diff: Diff, old: readonly Rendered[], next: readonly Rendered[]): void {
  let start = 0;
  let endOld = old.length;
  let endNew = next.length;
  while (start < endOld && start < endNew && old[start]?.key === next[start]?.key) start++;
  while (endOld > start && endNew > start && old[endOld - 1]?.key === next[endNew - 1]?.key) {
    endOld--;
    endNew--;
  }
  const matchOld = new Int32Array(next.length).fill(-1);
  for (let j = 0; j < start; j++) matchOld[j] = j;
  for (let j = endNew; j < next.length; j++) matchOld[j] = j - endNew + endOld;
  if (start === endOld && start < endNew) {
    select(diff, []);
    insert(diff, start, next.slice(start, endNew));
  } else if (start === endNew && start < endOld) {
    for (let i = start; i < endOld; i++) diff.removed.push(old[i] as Rendered);
    select(diff, []);
    diff.ops.push(4, start, endOld - start);
  } else if (start < endOld || start < endNew) {
    const byKey = new Map<string | undefined, number>();
    for (let i = start; i < endOld; i++) {
      const key = old[i]?.key;
      if (key === undefined || byKey.has(key)) throw new Error(`split diff: key ${key} repeated`);
      byKey.set(key, i);
    }
    const used = new Uint8Array(endOld);
    for (let j = start; j < endNew; j++) {
      const o = byKey.get(next[j]?.key);
      if (o === undefined) continue;
      if (used[o] === 1) throw new Error(`split diff: key ${next[j]?.key} repeated`);
      used[o] = 1;
      matchOld[j] = o;
    }
    // Runs of removed items go as one operation each, from the end, so indices hold.
    for (let i = endOld - 1; i >= start; i--) {
      if (used[i] === 1) continue;
      let from = i;
      while (from > start && used[from - 1] === 0) from--;
      for (let k = from; k <= i; k++) diff.removed.push(old[k] as Rendered);
      select(diff, []);
      diff.ops.push(4, from, i - from + 1);
      i = from;
    }
    const { match, retained } = retainedMatch(used, matchOld, start, endOld, endNew);
    // Inserts at consecutive places go out together, as op 8 where they can.
    let pendingAt = 0;
    let pending: Rendered[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      select(diff, []);
      insert(diff, pendingAt, pending);
      pending = [];
    };
    planReorder(
      match,
      retained,
      (from, to) => {
        flush();
        select(diff, []);
        diff.ops.push(5, from + start, to + start);
      },
      (at, j) => {
        if (pending.length > 0 && at + start !== pendingAt + pending.length) flush();
        if (pending.length === 0) pendingAt = at + start;
        pending.push(next[j + start] as Rendered);
      },
    );
    flush();
  }
  for (let j = 0; j < next.length; j++) {
    const o = matchOld[j] as number;
    if (o < 0) continue;
    diff.path.push(j);
    diffRendered(diff, old[o] as Rendered, next[j] as Rendered);
    diff.path.pop();
  }
}

/**
 * Inserts renders before child `at` of the selected element. Two or more of one template go as
 * op 8: the template's static markup with holes, built once, and per render only its values.
 * Attribute holes every render leaves empty are left out of the template; when some renders fill
 * one and others do not, or the template holds a list, the renders go as op 3.
 */
function insert(diff: Diff, at: number, renders: readonly Rendered[]): void {
  const first = renders[0] as Rendered;
  const shape = first.shape;
  const holes = shape.holes;
  let absent = "";
  let fits = renders.length >= 2 && renders.every((rendered) => rendered.shape === shape);
  for (let i = 0; fits && i < holes.length; i++) {
    const hole = holes[i] as Hole;
    if (hole.kind === "child" && renders.some((rendered) => Array.isArray(rendered.values[i])))
      fits = false;
    const empty = hole.kind === "attribute" && attributeValue(first.values[i]) === undefined;
    absent += empty ? "1" : "0";
    if (hole.kind !== "attribute") continue;
    for (const rendered of renders) {
      if ((attributeValue(rendered.values[i]) === undefined) !== empty) fits = false;
    }
  }
  if (!fits) {
    diff.ops.push(
      3,
      at,
      renders.map((rendered) => toWire(rendered, diff.bindings)),
    );
    return;
  }
  let template = shape.templates.get(absent);
  if (template === undefined) {
    template = templateWire(shape.root, absent);
    shape.templates.set(absent, template);
  }
  const rows: string[][] = new Array(renders.length);
  for (let r = 0; r < renders.length; r++) {
    const rendered = renders[r] as Rendered;
    const refs: number[] = new Array(holes.length);
    const row: string[] = [];
    for (let i = 0; i < holes.length; i++) {
      const hole = holes[i] as Hole;
      const value = rendered.values[i];
      if (hole.kind === "event") {
        refs[i] = bind(diff.bindings, value);
        row.push(String(refs[i]));
      } else if (hole.kind === "child") row.push(textValue(value));
      else if (absent[i] === "0") row.push(attributeValue(value) as string);
    }
    claimRefs(rendered, refs);
    rows[r] = row;
  }
  diff.ops.push(8, at, template, rows);
}

/** A template's static markup as op 8 has it: `null` in each hole, `absent` ones left out. */
function templateWire(element: StaticElement, absent: string): unknown {
  let attributes: Record<string, string | null> | 0 = 0;
  for (const [name, value] of element.attributes) {
    if (typeof value === "string") (attributes ||= {})[name] = value;
    else if (absent[value] === "0") (attributes ||= {})[name] = null;
  }
  const out: unknown[] = [element.tag, attributes];
  for (const child of element.children) {
    if (typeof child === "object") out.push(templateWire(child, absent));
    else out.push(typeof child === "string" ? child : null);
  }
  return out;
}

/** Releases the binding references of a render leaving the page, and of its lists' items. */
function release(rendered: Rendered, bindings: Bindings): void {
  const refs = rendered.refs as number[];
  const holes = rendered.shape.holes;
  for (let i = 0; i < holes.length; i++) {
    const hole = holes[i] as Hole;
    if (hole.kind === "event") bindings.messages.delete(refs[i] as number);
    else if (hole.kind === "child" && Array.isArray(rendered.values[i])) {
      for (const item of rendered.values[i] as Rendered[]) release(item, bindings);
    }
  }
}

/** The wire form of a render arriving on the page (protocol §5): its bindings get references. */
function toWire(rendered: Rendered, bindings: Bindings): unknown {
  const holes = rendered.shape.holes;
  const refs: number[] = new Array(holes.length);
  for (let i = 0; i < holes.length; i++) {
    if ((holes[i] as Hole).kind === "event") refs[i] = bind(bindings, rendered.values[i]);
  }
  claimRefs(rendered, refs);
  return elementWire(rendered.shape.root, rendered, bindings);
}

function elementWire(element: StaticElement, rendered: Rendered, bindings: Bindings): unknown {
  const values = rendered.values;
  let attributes: Record<string, string> | 0 = 0;
  for (const [name, value] of element.attributes) {
    if (typeof value === "string") (attributes ||= {})[name] = value;
    else if (name.startsWith("on:")) (attributes ||= {})[name] = String(rendered.refs?.[value]);
    else {
      const v = attributeValue(values[value]);
      if (v !== undefined) (attributes ||= {})[name] = v;
    }
  }
  const out: unknown[] = [element.tag, attributes];
  for (const child of element.children) {
    if (typeof child === "string") out.push(child);
    else if (typeof child === "object") out.push(elementWire(child, rendered, bindings));
    else {
      const value = values[child];
      if (Array.isArray(value)) for (const item of value) out.push(toWire(item, bindings));
      else out.push(textValue(value));
    }
  }
  return out;
}
