import type { WireNode, WireRows, WireTemplate } from "./vnode.ts";

/**
 * Patch operation codes. A patch is a flat list of tokens: a path (an array of child indices from
 * the `<lucent-view>` element) selects a node, and each operation code that follows applies to the
 * selected node with a fixed number of arguments. Operations apply in list order; every index is
 * read against the DOM as the preceding operations left it.
 */
export const Op = {
  /** `0, data`: set the selected text node's data. */
  Text: 0,
  /** `1, name, value`: set an attribute on the selected element. */
  SetAttribute: 1,
  /** `2, name`: remove an attribute from the selected element. */
  RemoveAttribute: 2,
  /** `3, index, nodes`: insert nodes before child `index` (`index` = child count appends). */
  Insert: 3,
  /** `4, index, count`: remove `count` children starting at `index`. */
  Remove: 4,
  /** `5, from, to`: move child `from` so that it ends at index `to`; the node keeps its identity. */
  Move: 5,
  /** `6, index, node`: replace child `index` with a new node. */
  Replace: 6,
  /** `7, html`: set the selected element's inner HTML. */
  Html: 7,
  /**
   * `8, index, template, rows`: insert one node per row before child `index`, each the template
   * with its holes filled from the row. Siblings of one shape (the rows of a table) travel as one
   * template and their differing values only.
   */
  InsertTemplate: 8,
} as const;

/** One of the {@link Op} codes. */
export type OpCode = (typeof Op)[keyof typeof Op];

/** Number of arguments that follow each operation code, indexed by code. */
export const OP_ARITY: readonly number[] = [1, 2, 1, 2, 2, 2, 2, 1, 3];

/** A path selecting a node: child indices from the root element. */
export type Path = readonly number[];

/** One token of a patch: a path, an operation code, or an operation's argument. */
export type PatchToken =
  | Path
  | OpCode
  | number
  | string
  | readonly WireNode[]
  | WireNode
  | WireTemplate
  | WireRows;

/** A patch: see {@link Op}. */
export type Patch = readonly PatchToken[];
