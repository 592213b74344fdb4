import { fragment, h, map, memo, type Node, raw, text } from "@lucent/server";
import fc from "fast-check";
import { view as serverView } from "../../packages/server/test/arbitraries.ts";

/**
 * Views for the cross-package properties. The server package's arbitrary is the base; this file
 * adds shapes that matter once a real DOM is involved (MathML, SVG integration points, form
 * control properties, keyed lists nested in keyed rows, long shuffled keyed lists), and a
 * generator of views whose server-rendered HTML the HTML parser reads back unchanged.
 */
export type View = Node<unknown>;

const words = fc.constantFrom("", "a", "b", "hello", "x y", "<&>", "0");
const handler = fc.oneof(
  fc.record({ n: fc.integer({ min: 0, max: 3 }) }),
  fc.integer({ min: 0, max: 3 }).map((n) => (payload: unknown) => ({ fn: n, payload })),
);

// --- extra shapes around the server's arbitrary ---

const formControl: fc.Arbitrary<View> = fc
  .record(
    {
      type: fc.constantFrom("text", "checkbox"),
      value: fc.constantFrom("", "v", "w"),
      checked: fc.boolean(),
      onInput: handler,
    },
    { requiredKeys: [] },
  )
  .map((props) => h<unknown>("input", props));

const mathml: fc.Arbitrary<View> = fc
  .tuple(words, words, fc.boolean())
  .map(([a, b, withHtml]) =>
    h(
      "math",
      null,
      h("mi", null, a),
      h("mo", null, "+"),
      h("mi", null, withHtml ? h("span", { class: "x" }, b) : b),
    ),
  );

const svgIntegration: fc.Arbitrary<View> = fc
  .tuple(words, fc.boolean(), serverView)
  .map(([label, titled, inner]) =>
    h(
      "svg",
      { viewBox: "0 0 10 10" },
      titled ? h("title", null, label, h("b", null, "t")) : h("desc", null, h("p", null, label)),
      h("g", null, h("circle", { r: "1" }), h("text", null, label)),
      h("foreignObject", null, h("div", null, inner)),
    ),
  );

/** Keyed rows, each holding a keyed list of its own: subtrees that move with their children. */
const nestedKeyed: fc.Arbitrary<View> = fc
  .uniqueArray(
    fc.tuple(
      fc.integer({ min: 0, max: 9 }),
      fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 5 }),
    ),
    { maxLength: 6, selector: ([key]) => key },
  )
  .map((rows) =>
    h(
      "ul",
      null,
      rows.map(([key, sub]) =>
        h(
          "li",
          { key: `r${key}`, onClick: { row: key } },
          h(
            "ol",
            null,
            sub.map((k) =>
              h<unknown>("li", { key: String(k), onClick: (p: unknown) => ({ k, p }) }, k),
            ),
          ),
        ),
      ),
    ),
  );

/** The server package's views, plus the shapes above, nested among them. */
export const view: fc.Arbitrary<View> = fc.oneof(
  { arbitrary: serverView, weight: 5 },
  {
    arbitrary: fc
      .array(fc.oneof(formControl, mathml, serverView), { maxLength: 3 })
      .map((c) => h("form", null, c)),
    weight: 1,
  },
  { arbitrary: svgIntegration, weight: 1 },
  { arbitrary: nestedKeyed, weight: 1 },
  {
    arbitrary: fc.tuple(serverView, nestedKeyed, mathml).map((c) => h("section", null, c)),
    weight: 1,
  },
);

// --- long keyed lists: moves, inserts and removals ---

export interface Rows {
  readonly keys: readonly number[];
  /** Label of each key's row; a change of label is an update in place. */
  readonly labels: ReadonlyMap<number, string>;
}

/** How a key's row is written; fixed per key, so a key never changes shape between views. */
export function rowKind(key: number): "element" | "fragment" | "memo" {
  return key % 7 === 3 ? "fragment" : key % 5 === 1 ? "memo" : "element";
}

/** The view of a list of rows; element rows carry `data-k`, so a test can find them in the DOM. */
export function rowsView(rows: Rows): View {
  return h(
    "ul",
    { class: "rows" },
    rows.keys.map((key) => {
      const label = rows.labels.get(key) ?? "";
      const k = String(key);
      switch (rowKind(key)) {
        case "fragment":
          return fragment([h("li", { "data-k": k, onClick: { remove: key } }, label), `~${k}`], {
            key: k,
          });
        case "memo":
          return memo(
            [key, label],
            () => h("li", { "data-k": k, onClick: { remove: key } }, label),
            { key: k },
          );
        default:
          return h("li", { key: k, "data-k": k, onClick: { remove: key } }, label);
      }
    }),
  );
}

const label = fc.constantFrom("a", "b", "c", "d");

/**
 * Two lists of up to ~200 keyed rows, the second made from the first by dropping rows, shuffling
 * the rest, inserting new keys at random places and relabelling some rows.
 */
export const shuffledRows: fc.Arbitrary<{ a: Rows; b: Rows }> = fc
  .uniqueArray(fc.integer({ min: 0, max: 399 }), { maxLength: 200, size: "max" })
  .chain((keys) =>
    fc.tuple(
      fc.constant(keys),
      fc.array(label, { minLength: keys.length, maxLength: keys.length }),
      fc.oneof(
        // Most cases keep most rows: a reorder with a few edits, the shape that stresses moves.
        fc.shuffledSubarray(keys, { minLength: Math.floor(keys.length * 0.8) }),
        fc.shuffledSubarray(keys),
        // Rows kept in order but for a few dropped or moved (a swap, a drag): the diff matches
        // these by position before it looks keys up.
        fewMoved(keys),
      ),
      fc.uniqueArray(fc.integer({ min: 400, max: 599 }), { maxLength: 30, size: "max" }),
      fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
      fc.array(fc.tuple(fc.nat(), label), { maxLength: 20, size: "max" }),
    ),
  )
  .map(([keys, labels, kept, added, places, relabel]) => {
    const a: Rows = { keys, labels: new Map(keys.map((k, i) => [k, labels[i] as string])) };
    const order = [...kept];
    added.forEach((key, i) => {
      order.splice((places[i] ?? 0) % (order.length + 1), 0, key);
    });
    const bLabels = new Map(a.labels);
    for (const key of added) bLabels.set(key, "new");
    for (const [i, l] of relabel) if (order.length > 0) bLabels.set(order[i % order.length]!, l);
    return { a, b: { keys: order, labels: bLabels } };
  });

/** `keys` in their order, but for up to three dropped and up to four moved elsewhere. */
function fewMoved(keys: readonly number[]): fc.Arbitrary<number[]> {
  const nat = fc.nat({ max: 1000 });
  return fc
    .tuple(fc.array(nat, { maxLength: 3 }), fc.array(fc.tuple(nat, nat), { maxLength: 4 }))
    .map(([drops, moves]) => {
      const order = [...keys];
      for (const at of drops) if (order.length > 0) order.splice(at % order.length, 1);
      for (const [from, to] of moves) {
        if (order.length === 0) break;
        const [key] = order.splice(from % order.length, 1) as [number];
        order.splice(to % (order.length + 1), 0, key);
      }
      return order;
    });
}

// --- views whose HTML parses back to the DOM the client builds ---

/**
 * Where a node is generated, and so which elements the HTML parser lets stand there unchanged:
 * `flow` (any HTML), `phrasing` (inside a `<p>`, where block elements would close it), `list`
 * (the children of a `<ul>`: `<li>` only), `svg` (SVG content; HTML tags there break out).
 */
type Place = "flow" | "phrasing" | "list" | "svg";

export interface ParseSafeOptions {
  /**
   * Also generate what happy-dom's parser gets wrong but browsers parse as specified:
   * `foreignObject` and SVG `title` content, MathML, leading newlines in `<pre>`/`<textarea>`,
   * carriage returns, and the raw text elements.
   */
  readonly browserOnly: boolean;
}

/**
 * Random views whose server-rendered HTML parses back to exactly the DOM the client builds from
 * their wire form: the contract of adoption (SPEC §5, §7). Same ingredients as {@link view}
 * (keys, keyed fragments, adjacent and empty text, memo, map, raw HTML, SVG, handlers), but
 * every element respects the parser's nesting rules.
 */
export function parseSafeView(options: ParseSafeOptions): fc.Arbitrary<View> {
  const cache = new Map<string, fc.Arbitrary<View[]>>();
  const texts = options.browserOnly
    ? fc.constantFrom("", "a", "b", "hello", "x y", "<&>", "0", "a\r\nb", "c\rd", "'\"")
    : words;
  const attrs = fc.dictionary(
    fc.constantFrom("id", "class", "title", "data-x", "hidden"),
    options.browserOnly
      ? fc.constantFrom("", "1", "two", "a b", '<&">', "x\ry")
      : fc.constantFrom("", "1", "two", "a b", '<&">'),
    { maxKeys: 3 },
  );
  const events = fc.dictionary(fc.constantFrom("onClick", "onInput", "on:custom"), handler, {
    maxKeys: 2,
  });
  const memoViews: Record<Place, (() => View)[]> = {
    flow: [
      () => h("div", { class: "memo" }, "zero"),
      () => fragment(["one", h("em", null, "1")]),
      () => h("span", { onClick: { memo: 2 } }, "two"),
      () => text("three"),
    ],
    phrasing: [
      () => h("b", null, "zero"),
      () => fragment(["one", h("em", null, "1")]),
      () => h("span", { onClick: { memo: 2 } }, "two"),
      () => text("three"),
    ],
    list: [
      () => h("li", null, "zero"),
      () => fragment([h("li", null, "one"), h("li", null, "1")]),
      () => h("li", { onClick: { memo: 2 } }, "two"),
      () => h("li", null, h("div", null, "three")),
    ],
    svg: [
      () => h("circle", { r: "1" }),
      () => fragment([h("rect", { width: "1" }), "one"]),
      () => h("g", { onClick: { memo: 2 } }, h("text", null, "two")),
      () => text("three"),
    ],
  };

  const withHandlers = (tag: string, children: View[]) =>
    fc.tuple(attrs, events).map(([a, e]) => h(tag, { ...a, ...e }, children));

  /** Element tags allowed at a place, with the place their children are generated in. */
  const elementsAt = (place: Place, inButton: boolean): [string, Place, boolean][] => {
    const button: [string, Place, boolean][] = inButton ? [] : [["button", "phrasing", true]];
    switch (place) {
      case "flow":
        return [
          ["div", "flow", inButton],
          ["section", "flow", inButton],
          ["span", "flow", inButton],
          ["p", "phrasing", inButton],
          ["ul", "list", inButton],
          ...button,
        ];
      case "phrasing":
        return [
          ["span", "phrasing", inButton],
          ["em", "phrasing", inButton],
          ["b", "phrasing", inButton],
          ...button,
        ];
      case "list":
        return [["li", "flow", inButton]];
      case "svg":
        return [
          ["g", "svg", inButton],
          ["text", "svg", inButton],
        ];
    }
  };

  const leaves = (place: Place): fc.Arbitrary<View>[] => {
    const out: fc.Arbitrary<View>[] = [];
    if (place !== "list") out.push(texts.map((w) => text(w)));
    if (place === "list") out.push(texts.map((w) => h("li", null, w)));
    out.push(
      fc
        .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
        .map(([i, key]) =>
          memo([place, i], memoViews[place][i] as () => View, key === 0 ? {} : { key: `m${key}` }),
        ),
    );
    const rawTag: Record<Place, string> = { flow: "div", phrasing: "span", list: "li", svg: "g" };
    const rawHtml: Record<Place, fc.Arbitrary<string>> = {
      flow: fc.constantFrom("", "a", "<&>", "<i>x</i>y", "<p>p</p>"),
      phrasing: fc.constantFrom("", "a", "<&>", "<i>x</i>y"),
      list: fc.constantFrom("", "a", "<b>x</b>"),
      svg: fc.constantFrom("", "<circle r='2'></circle>"),
    };
    out.push(rawHtml[place].map((html) => raw(rawTag[place], null, html)));
    if (place === "flow" || place === "phrasing") {
      out.push(
        fc
          .record({ value: fc.constantFrom("", "v"), onInput: handler }, { requiredKeys: [] })
          .map((props) => h<unknown>("input", props)),
      );
      out.push(fc.constant(h("br")));
    }
    if (place === "svg") out.push(fc.constant(h("circle", { r: "1", onClick: { dot: 1 } })));
    if (options.browserOnly && place === "flow") {
      out.push(
        fc
          .tuple(fc.constantFrom("pre", "textarea"), fc.constantFrom("\nx", "\n\ny", "z\n"))
          .map(([tag, body]) => h(tag, null, body)),
        fc
          .tuple(
            fc.constantFrom("xmp", "iframe", "noembed", "noframes", "noscript", "style"),
            fc.constantFrom("a&b", "<i>x</i>", "&amp;", "1 < 2"),
          )
          // A page without scripts reads <noscript> as markup: the server refuses "<" there.
          .map(([tag, body]) => h(tag, null, tag === "noscript" ? body.replace(/</g, "") : body)),
      );
    }
    if (options.browserOnly && place === "phrasing") {
      out.push(
        texts.map((w) =>
          h(
            "math",
            null,
            h("mi", null, w),
            h("mo", null, "="),
            h("mi", null, h("b", null, "x"), h("br")),
          ),
        ),
      );
    }
    return out;
  };

  const listAt = (place: Place, inButton: boolean, depth: number): fc.Arbitrary<View[]> => {
    const id = `${place}/${inButton}/${depth}`;
    const cached = cache.get(id);
    if (cached) return cached;
    const node = nodeAt(place, inButton, depth);
    // A row of a list is an <li>: what it holds is flow content.
    const rowContent = place === "list" ? nodeAt("flow", inButton, depth) : node;
    const keyedRow = (key: string, child: View): fc.Arbitrary<View> => {
      if (place === "list") {
        return fc.constantFrom(
          h("li", { key, onClick: { row: key } }, child),
          fragment([h("li", null, child), h("li", null, `k${key}`)], { key }),
        );
      }
      const tag = place === "svg" ? "g" : place === "phrasing" ? "span" : "div";
      return fc.constantFrom(
        h(tag, { key, onClick: { row: key } }, child),
        fragment([child, `k${key}`], { key }),
      );
    };
    const list = fc.oneof(
      fc.array(node, { maxLength: 4 }),
      fc
        .uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 6 })
        .chain((keys) =>
          fc.tuple(...keys.map((k) => rowContent.chain((child) => keyedRow(String(k), child)))),
        ),
    );
    cache.set(id, list);
    return list;
  };

  function nodeAt(place: Place, inButton: boolean, depth: number): fc.Arbitrary<View> {
    const choices: fc.Arbitrary<View>[] = [...leaves(place)];
    if (depth > 0) {
      const inner = (p: Place, b: boolean) => listAt(p, b, depth - 1);
      for (const [tag, childPlace, childButton] of elementsAt(place, inButton)) {
        choices.push(
          inner(childPlace, childButton).chain((children) => withHandlers(tag, children)),
        );
      }
      choices.push(inner(place, inButton).map((children) => fragment(children)));
      choices.push(
        inner(place, inButton).map((children) =>
          map(fragment(children), (msg: unknown) => ({ wrapped: msg })),
        ),
      );
      if (place === "flow" || place === "phrasing") {
        choices.push(
          fc
            .tuple(inner("svg", inButton), inner("flow", inButton), fc.boolean())
            .map(([shapes, html, foreign]) =>
              h(
                "svg",
                { viewBox: "0 0 10 10" },
                h("g", null, shapes),
                foreign && options.browserOnly
                  ? [h("foreignObject", null, h("div", null, html)), h("title", null, "t", h("br"))]
                  : null,
              ),
            ),
        );
      }
    }
    return fc.oneof({ depthSize: "small" }, ...choices);
  }

  return nodeAt("flow", false, 3);
}
