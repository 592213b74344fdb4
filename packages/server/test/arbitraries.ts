import fc from "fast-check";
import { fragment, h, map, memo, type Node, raw, text } from "../src/index.ts";

/**
 * Random views for property tests: keyed and unkeyed lists, fragments (keyed too), adjacent and
 * empty text (lists of text alone too), SVG with foreignObject, memo, map, raw HTML, and event
 * handlers given as messages and as functions.
 */
type View = Node<unknown>;

const tags = fc.constantFrom("div", "span", "p", "ul", "li", "button");
const words = fc.constantFrom("", "a", "b", "hello", "x y", "<&>", "0");
const attrs = fc.dictionary(
  // `constructor`: a name every object inherits, which a lookup in an attribute record finds.
  fc.constantFrom("id", "class", "title", "data-x", "hidden", "constructor"),
  fc.constantFrom("", "1", "two", "a b"),
  { maxKeys: 3 },
);
const handler = fc.oneof(
  fc.record({ n: fc.integer({ min: 0, max: 3 }) }),
  fc.integer({ min: 0, max: 3 }).map((n) => (payload: unknown) => ({ fn: n, payload })),
);
const events = fc.dictionary(fc.constantFrom("onClick", "onInput", "on:custom"), handler, {
  maxKeys: 2,
});

/**
 * A fixed set of subtrees that memo nodes render, so that equal deps mean equal output; the last
 * two render memos themselves, keyed like their siblings may be.
 */
const MEMO_VIEWS: (() => View)[] = [
  () => h("b", { class: "memo" }, "zero"),
  () => fragment(["one", h("i", null, "1")]),
  () => h("span", { onClick: { memo: 2 } }, "two"),
  () => text("three"),
  () => memo([0], MEMO_VIEWS[0] as () => View, { key: "m1" }),
  () => fragment([memo([2], MEMO_VIEWS[2] as () => View, { key: "m2" }), "five"]),
];

/**
 * Memo keys: none, plain ones (also those the memos in MEMO_VIEWS use), and keys made of the
 * characters the diff joins keys and names records with, which must not meet another path's.
 */
const MEMO_KEYS = [undefined, "m1", "m2", "m3", "", "\u0000p.0", "\u0000k\u0001m1", "\u0001m1"];

export const view: fc.Arbitrary<View> = fc.letrec<{ node: View; element: View; list: View[] }>(
  (tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      words.map((w) => text(w)),
      tie("element"),
      tie("list").map((children) => fragment(children)),
      fc
        .tuple(fc.integer({ min: 0, max: MEMO_VIEWS.length - 1 }), fc.constantFrom(...MEMO_KEYS))
        .map(([i, key]) =>
          memo([i], MEMO_VIEWS[i] as () => View, key === undefined ? {} : { key }),
        ),
      tie("element").map((child) => map(child, (msg) => ({ wrapped: msg }))),
      fc.tuple(tags, words).map(([tag, html]) => raw(tag, null, html)),
      fc
        .tuple(tie("list"), fc.boolean())
        .map(([children, withKey]) =>
          h(
            "svg",
            { viewBox: "0 0 10 10" },
            h("g", null, children.slice(0, 2)),
            withKey ? h("foreignObject", null, h("div", null, "html")) : null,
          ),
        ),
    ),
    element: fc
      .tuple(tags, attrs, events, tie("list"))
      .map(([tag, attributes, handlers, children]) =>
        h(tag, { ...attributes, ...handlers }, children),
      ),
    list: fc.oneof(
      fc.array(tie("node"), { maxLength: 4 }),
      // Text alone, in pieces (`<td>Row {id}</td>`): one DOM text node, some pieces empty.
      fc.array(
        words.map((w) => text(w)),
        { minLength: 2, maxLength: 4 },
      ),
      // Keyed rows, the shape that moves: unique keys, some rows keyed fragments.
      fc
        .uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 8 })
        .chain((keys) =>
          fc
            .tuple(...keys.map((k) => fc.tuple(fc.constant(String(k)), fc.boolean(), tie("node"))))
            .map((rows) =>
              rows.map(([key, asFragment, child]) =>
                asFragment
                  ? fragment([child, `k${key}`], { key })
                  : h("li", { key, onClick: { row: key } }, child),
              ),
            ),
        ),
    ),
  }),
).node;

/** A keyed list whose rows keep their keys: the shape for checking identity across moves. */
export const keyedRows: fc.Arbitrary<{ keys: string[]; view: View }> = fc
  .uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 20 })
  .chain((ks) =>
    fc.tuple(
      fc.constant(ks.map(String)),
      fc.array(words, { minLength: ks.length, maxLength: ks.length }),
    ),
  )
  .map(([keys, labels]) => ({
    keys,
    view: h(
      "ul",
      null,
      keys.map((key, i) => h("li", { key, onClick: { remove: key } }, labels[i])),
    ),
  }));
