import {
  type DirtyElement,
  type ElementNode,
  type MemoNode,
  type MemoTemplate,
  type Node,
  NodeKind,
  notAView,
  type TextNode,
  text,
} from "../view/node.ts";
import type { Unreusable } from "./forcing.ts";
import { type Mapper, probeMapper, sameProbe } from "./handlers.ts";
import type { LiveNode, MemoRecord } from "./live.ts";

/** One DOM child-to-be: a node to diff or create, or an unchanged memo's old node. */
export interface Item {
  node: ElementNode<unknown> | TextNode | null;
  reused: LiveNode | null;
  readonly key: string | undefined;
  readonly mapper: Mapper | null;
  /** The live node this item became; set by the diff. */
  live: LiveNode | null;
  /** Set when adjacent text was merged into this item, which breaks memo reuse across it. */
  merged: boolean;
}

/** The parts of a template's old element to bring up to date, and the values to take. */
export interface TemplatePatch {
  readonly dirty: readonly DirtyElement[];
  readonly values: readonly unknown[];
  /** The item's index in the flattened list: its place among the new children. */
  readonly index: number;
}

/** {@link reuseOf}: the old nodes serve as they are. */
const REUSE = 1;

/**
 * Whether a memo's old nodes serve the new render: as they are (same deps), updated in place (a
 * template whose changed values it can apply: the elements to update), or not at all (null).
 * Reused nodes keep the mappers they were rendered under, so the mapper must behave alike. A node
 * is reused once per list: a second memo with the same identity renders, and so does one whose
 * record is also inside another memo's, reused whole before it.
 */
function reuseOf(
  old: MemoRecord,
  node: MemoNode<unknown>,
  mapper: Mapper | null,
  claim: number,
): typeof REUSE | readonly DirtyElement[] | null {
  const template = node.template;
  if (old.template !== template) return null;
  const alike =
    template === undefined ? sameDeps(old.deps, node.deps) : template.same(old.deps, node.deps);
  if (!alike && (template === undefined || !oneElement(old.nodes))) return null;
  if (!sameProbe(old.mapper, probeMapper(mapper)) || !unclaimed(old.nodes, claim)) return null;
  return alike ? REUSE : (template as MemoTemplate).dirty(old.deps, node.deps);
}

function holdsAny(nodes: readonly LiveNode[], holding: ReadonlySet<LiveNode>): boolean {
  for (const node of nodes) if (holding.has(node)) return true;
  return false;
}

function oneElement(nodes: readonly LiveNode[]): boolean {
  return nodes.length === 1 && (nodes[0] as LiveNode).kind === 0;
}

interface MemoSpan {
  readonly id: string;
  readonly deps: readonly unknown[];
  readonly template: MemoRecord["template"];
  readonly mapper: Mapper | null;
  readonly start: number;
  end: number;
  spoiled: boolean;
  /** The old record whose nodes this memo reused; null when it rendered. */
  readonly record: MemoRecord | null;
}

type State = Flattened & {
  keyed: boolean;
  reuses: boolean;
  patches: Map<Item, TemplatePatch> | null;
};

/** A child list flattened: fragments, maps and memos dissolved into one item per DOM node. */
export interface Flattened {
  readonly items: Item[];
  /** Whether identity (not just position) matters: a key, or a reused memo node. */
  readonly keyed: boolean;
  readonly memos: MemoSpan[];
  /**
   * This flattening's number. The old nodes unchanged memos reuse carry it in `claim`: they are
   * reserved for those memos, and no other item may take them.
   */
  readonly claim: number;
  /** Whether any memo reused old nodes. */
  readonly reuses: boolean;
  /** The items of templates whose old element is updated in place (`reused` is it), if any. */
  readonly patches: Map<Item, TemplatePatch> | null;
}

// Keys of children inside a keyed fragment or memo are the group's key, a separator, and the
// child's key or position. Separators, and the names memos are recorded under, are made of
// characters below U+0004; a user key holding one is encoded (`keyPart`), so that no key reads as
// a separator and two different paths never join into the same key.
const KEYED = "\u0001";
const POSITIONAL = "\u0002";
const ENCODED = "\u0003";

/** How many child lists were flattened: each gets its own number to claim the nodes it reuses. */
let flattenings = 0;

/**
 * Flattens a child list. Empty text disappears and adjacent text merges, so the DOM built from
 * the items equals the DOM a browser parses from the rendered HTML. Unchanged memos (same deps as
 * the record in `oldMemos`) contribute their old live nodes instead of being rendered.
 */
export function flatten(
  children: readonly Node<unknown>[],
  mapper: Mapper | null,
  oldMemos: Map<string, MemoRecord> | null,
  holding: Unreusable,
): Flattened {
  const state: State = {
    items: [],
    keyed: false,
    memos: [],
    claim: ++flattenings,
    reuses: false,
    patches: null,
  };
  const open: MemoSpan[] = [];
  walk(state, open, children, mapper, undefined, "", oldMemos, holding);
  return state;
}

function walk(
  state: State,
  open: MemoSpan[],
  children: readonly Node<unknown>[],
  mapper: Mapper | null,
  prefix: string | undefined,
  path: string,
  oldMemos: Map<string, MemoRecord> | null,
  holding: Unreusable,
): void {
  const items = state.items;
  for (let i = 0; i < children.length; i++) {
    const node = children[i] as Node<unknown>;
    if (typeof node !== "object" || node === null) throw notAView(node);
    switch (node.kind) {
      case NodeKind.Element: {
        const key = childKey(prefix, node.key, i);
        if (key !== undefined) state.keyed = true;
        items.push({ node, reused: null, key, mapper, live: null, merged: false });
        break;
      }
      case NodeKind.Text:
        if (node.text !== "") {
          // Text inside a keyed fragment or memo is keyed too: it moves with its group.
          const key = prefix === undefined ? undefined : childKey(prefix, undefined, i);
          if (key !== undefined) state.keyed = true;
          pushText(state, open, node, key, mapper);
        }
        break;
      case NodeKind.Fragment:
        walk(
          state,
          open,
          node.children,
          mapper,
          groupKey(prefix, node.key, i),
          `${path}.${i}`,
          oldMemos,
          holding,
        );
        break;
      case NodeKind.Map: {
        const inner = node.mapper as Mapper;
        const composed: Mapper = mapper ? (m) => mapper(inner(m)) : inner;
        walk(
          state,
          open,
          [node.child],
          composed,
          groupKey(prefix, node.key, i),
          `${path}.${i}`,
          oldMemos,
          holding,
        );
        break;
      }
      case NodeKind.Memo: {
        const id = memoId(node.key, prefix, path, i);
        const old = oldMemos?.get(id);
        // A memo holding a touched form control is diffed: its controls' values are re-sent.
        const found =
          old === undefined ||
          holding === true ||
          (holding !== null && holdsAny(old.nodes, holding))
            ? null
            : reuseOf(old, node, mapper, state.claim);
        const record = found === REUSE ? (old as MemoRecord) : null;
        const span: MemoSpan = {
          id,
          deps: node.deps,
          template: node.template,
          mapper,
          start: items.length,
          end: -1,
          spoiled: false,
          record,
        };
        if (found !== null && found !== REUSE) {
          // Updated in place: the old element stays, and the diff brings the dirty parts up to
          // date; the span counts as rendered, so its record takes the new values.
          const live = (old as MemoRecord).nodes[0] as LiveNode;
          live.claim = state.claim;
          const item = reusedItem(live, mapper);
          const patch = { dirty: found, values: node.deps, index: items.length };
          items.push(item);
          (state.patches ??= new Map()).set(item, patch);
          state.reuses = true;
          state.keyed = true;
        } else if (record !== null) {
          state.reuses = true;
          open.push(span);
          for (const live of record.nodes) {
            live.claim = state.claim;
            if (live.kind === 1)
              pushText(
                state,
                open,
                { kind: NodeKind.Text, text: live.text },
                live.key,
                mapper,
                live,
              );
            else items.push(reusedItem(live, mapper));
          }
          state.keyed = true;
        } else {
          open.push(span);
          const innerPrefix = groupKey(prefix, node.key, i);
          walk(
            state,
            open,
            [node.render()],
            mapper,
            innerPrefix,
            `${path}.${i}`,
            oldMemos,
            holding,
          );
        }
        open.pop();
        span.end = items.length;
        state.memos.push(span);
        break;
      }
      default:
        // A view, a memo's render or a mapped child that returned data: refused, as children
        // that are not nodes are (see `toNodes`), rather than dropped without a word.
        throw notAView(node);
    }
  }
}

/** The item of an old node a memo keeps. */
function reusedItem(live: LiveNode, mapper: Mapper | null): Item {
  return { node: null, reused: live, key: live.key, mapper, live: null, merged: false };
}

function pushText(
  state: Flattened,
  open: MemoSpan[],
  node: TextNode,
  key: string | undefined,
  mapper: Mapper | null,
  reused?: LiveNode,
): void {
  const items = state.items;
  const last = items[items.length - 1];
  const lastText =
    last &&
    (last.node?.kind === NodeKind.Text
      ? last.node.text
      : last.reused?.kind === 1
        ? last.reused.text
        : undefined);
  if (last && lastText !== undefined) {
    // Merge, as the HTML parser would, keyed or not (texts in keyed fragments have keys); the
    // merged text keeps the first one's key. A memo whose output took part cannot be reused.
    last.node = text(lastText + node.text);
    last.reused = null;
    last.merged = true;
    for (const span of open) if (span.start === items.length) span.spoiled = true;
    return;
  }
  items.push({
    node: reused ? null : node,
    reused: reused ?? null,
    key,
    mapper,
    live: null,
    merged: false,
  });
}

/**
 * Memo records for the next render, from spans whose items are now live. The parent's old map is
 * updated in place rather than rebuilt, and a memo that reused its nodes keeps its record: in a
 * list of memos where a few rows changed, most entries stay as they are, and a new map of every
 * row was a fifth of the update. Each record written is stamped with this flattening's number;
 * entries still carrying an older stamp belong to memos that are gone or spoiled, and are deleted.
 */
export function memoRecords(
  flat: Flattened,
  old: Map<string, MemoRecord> | null,
): Map<string, MemoRecord> | null {
  if (flat.memos.length === 0) return null;
  const records = old ?? new Map<string, MemoRecord>();
  const claim = flat.claim;
  // Entries written by this call: when the map holds more, some are stale.
  let written = 0;
  // Records reused whole are in the map already, under the identity they were found by: they are
  // only stamped, sparing a lookup per row (a tenth of a memo'd list's update). Those of memos that
  // rendered are written after them, and never over one this flattening wrote: of two memos with
  // the same identity, one reused keeps its record, so it stays unrendered whatever its place.
  let rendered: MemoSpan[] | null = null;
  for (const span of flat.memos) {
    if (span.spoiled) continue;
    const reused = span.record;
    if (reused === null || !reusedWhole(flat, span, reused)) (rendered ??= []).push(span);
    else if (reused.stamp !== claim) {
      reused.stamp = claim;
      written++;
    }
  }
  if (rendered !== null) {
    for (const span of rendered) {
      const record = recordOf(flat, span);
      if (record === null) continue;
      const before = records.get(span.id);
      if (before !== undefined && before.stamp === claim) continue;
      records.set(span.id, record);
      written++;
      record.stamp = claim;
    }
  }
  if (records.size > written) {
    for (const [id, record] of records) if (record.stamp !== claim) records.delete(id);
  }
  return records.size > 0 ? records : null;
}

/** Whether a span stands for its old record as it is: the same nodes, none merged with others. */
function reusedWhole(flat: Flattened, span: MemoSpan, reused: MemoRecord): boolean {
  return reused.nodes.length === span.end - span.start && !anyMerged(flat, span);
}

function anyMerged(flat: Flattened, span: MemoSpan): boolean {
  const items = flat.items;
  for (let i = span.start; i < span.end; i++) if ((items[i] as Item).merged) return true;
  return false;
}

/** A new record for a span that rendered, or null when its output merged with other text. */
function recordOf(flat: Flattened, span: MemoSpan): MemoRecord | null {
  const items = flat.items;
  if (anyMerged(flat, span)) return null;
  const nodes: LiveNode[] = new Array(span.end - span.start);
  for (let i = span.start; i < span.end; i++) nodes[i - span.start] = (items[i] as Item).live!;
  const { deps, template } = span;
  return { deps, template, nodes, mapper: probeMapper(span.mapper), stamp: 0 };
}

/**
 * A user key as it goes into keys and memo names: as it is, or when it holds a character below
 * U+0004, U+0003 and its JSON (which escapes every such character, so holds none after the first).
 */
function keyPart(key: string): string {
  for (let i = 0; i < key.length; i++) {
    if (key.charCodeAt(i) < 4) return ENCODED + JSON.stringify(key);
  }
  return key;
}

/**
 * A memo's identity among its parent's records. A keyed memo straight in the list is known by its
 * key (as `keyPart` gives it): building a string per row to look it up was a quarter of a memo'd
 * list's update. Every other identity starts with U+0000, which such a key never does. Inside a
 * keyed group (fragment or memo), an unkeyed memo is known by the group's key and its place in
 * it, as its nodes' keys are: by its place in the list alone, it kept the nodes (and keys) of
 * another group that had stood there.
 */
function memoId(key: string | undefined, prefix: string | undefined, path: string, i: number) {
  if (prefix === undefined) return key === undefined ? `\u0000p${path}.${i}` : keyPart(key);
  return `\u0000k${prefix}${key === undefined ? POSITIONAL + i : KEYED + keyPart(key)}`;
}

function childKey(
  prefix: string | undefined,
  key: string | undefined,
  index: number,
): string | undefined {
  if (prefix === undefined) return key === undefined ? undefined : keyPart(key);
  return key === undefined ? `${prefix}${POSITIONAL}${index}` : `${prefix}${KEYED}${keyPart(key)}`;
}

function groupKey(
  prefix: string | undefined,
  key: string | undefined,
  index: number,
): string | undefined {
  if (key === undefined) return prefix === undefined ? undefined : `${prefix}${POSITIONAL}${index}`;
  return prefix === undefined ? keyPart(key) : `${prefix}${KEYED}${keyPart(key)}`;
}

function unclaimed(nodes: readonly LiveNode[], claim: number): boolean {
  for (const node of nodes) if (node.claim === claim) return false;
  return true;
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
