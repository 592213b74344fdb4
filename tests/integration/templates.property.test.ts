// @vitest-environment happy-dom
/**
 * Invariant 1 for `html` templates, with the real client: chains of views made of templates whose
 * values repeat often (so that the diff keeps many of them without rendering), diffed and applied,
 * must equal the DOM built fresh from each view; and a template renders as its `h` twin does.
 */
import {
  type Child,
  type ClassValue,
  createHandlerRegistry,
  createRoot,
  diffView,
  h,
  html,
  type MemoNode,
  type MemoTemplate,
  mountView,
  on,
  renderChildren,
  type Node as View,
} from "@lucent/server";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { view as anyView } from "../support/arbitraries.ts";
import { built, renderAndCheck } from "../support/check-render.ts";
import { mount } from "../support/live.ts";

const label = fc.constantFrom("a", "b", "<&>", "");
/** Class values, lists and records made afresh for every view (records in both key orders). */
const className = fc
  .constantFrom<ClassValue>(
    "",
    "on",
    "x y",
    ["a", false, "b"],
    { a: true, b: true },
    { b: true, a: true },
  )
  .map((value) => (typeof value === "object" ? structuredClone(value) : value));
const shared = (payload: unknown) => ({ shared: payload });

/** A message as data, so that every view makes it afresh: an object, a shared function, a closure. */
type MessageSpec = number | "shared" | "closure" | "debounced" | "throttled";
const messageSpec = fc.constantFrom<MessageSpec>(
  0,
  1,
  2,
  "shared",
  "closure",
  "debounced",
  "throttled",
);
const messageOf = (spec: MessageSpec): unknown => {
  if (spec === "shared") return shared;
  if (spec === "closure") return (payload: unknown) => ({ payload });
  if (spec === "debounced") return on({ n: 0 }, { debounce: 50 });
  if (spec === "throttled") return on({ n: 0 }, { throttle: 50 });
  return { n: spec };
};

type RowSpec = readonly [key: number, text: string, cls: ClassValue, message: MessageSpec];
/** One part of a page; a chain of pages changes a few parts of the last and keeps the rest. */
type Part =
  | { readonly kind: "row"; readonly row: RowSpec }
  | { readonly kind: "card"; readonly text: string; readonly row: RowSpec }
  | { readonly kind: "pair"; readonly row: RowSpec; readonly text: string }
  | { readonly kind: "list"; readonly rows: readonly RowSpec[]; readonly cls: ClassValue }
  | { readonly kind: "view"; readonly view: View<unknown> }
  | {
      readonly kind: "deep";
      readonly text: string;
      readonly cls: ClassValue;
      readonly message: MessageSpec;
      readonly n: number;
      /** What stands in its content hole, before two more placed elements. */
      readonly inner: RowSpec | string | null;
    };

const rowSpec: fc.Arbitrary<RowSpec> = fc.tuple(
  fc.integer({ min: 0, max: 9 }),
  label,
  className,
  messageSpec,
);

const part: fc.Arbitrary<Part> = fc.oneof(
  rowSpec.map((row) => ({ kind: "row" as const, row })),
  fc.tuple(label, rowSpec).map(([text, row]) => ({ kind: "card" as const, text, row })),
  fc.tuple(rowSpec, label).map(([row, text]) => ({ kind: "pair" as const, row, text })),
  fc
    .tuple(fc.uniqueArray(rowSpec, { maxLength: 8, selector: ([key]) => key }), className)
    .map(([rows, cls]) => ({ kind: "list" as const, rows, cls })),
  anyView.map((view) => ({ kind: "view" as const, view })),
  fc
    .tuple(
      label,
      className,
      messageSpec,
      fc.integer({ min: 0, max: 2 }),
      fc.oneof(rowSpec, label, fc.constant(null)),
    )
    .map(([text, cls, message, n, inner]) => ({
      kind: "deep" as const,
      text,
      cls,
      message,
      n,
      inner,
    })),
);

/**
 * A chain of pages: each gives a part of the last new values of the same template, replaces,
 * drops or inserts a part, or swaps two.
 */
const chain: fc.Arbitrary<Part[][]> = fc
  .tuple(
    fc.array(part, { minLength: 1, maxLength: 5 }),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat(),
        part,
        fc.constantFrom("retouch", "retouch", "replace", "drop", "insert", "swap"),
      ),
      {
        minLength: 1,
        maxLength: 6,
      },
    ),
  )
  .map(([first, steps]) => {
    const pages = [first];
    for (const [i, j, next, how] of steps) {
      const page = [...(pages[pages.length - 1] as Part[])];
      const at = i % (page.length + 1);
      if (how === "insert" || page.length === 0) page.splice(at, 0, next);
      else if (how === "drop") page.splice(at % page.length, 1);
      else if (how === "replace") page[at % page.length] = next;
      else if (how === "retouch") {
        // The same template with some values changed: the first part of the new part's kind
        // takes some of its values (the bits of `j` choose which).
        const same = page.findIndex((p) => p.kind === next.kind);
        if (same >= 0) page[same] = retouch(page[same] as Part, next, j);
        else page.splice(at, 0, next);
      } else {
        const other = j % page.length;
        [page[at % page.length], page[other]] = [
          page[other] as Part,
          page[at % page.length] as Part,
        ];
      }
      pages.push(page);
    }
    return pages;
  });

/** `old` with some of the values of `next`, a part of the same kind; each bit of `mix` picks one. */
function retouch(old: Part, next: Part, mix: number): Part {
  const pick = <T>(bit: number, a: T, b: T): T => ((mix >> bit) & 1 ? b : a);
  const row = (a: RowSpec, b: RowSpec): RowSpec => [
    a[0],
    pick(0, a[1], b[1]),
    pick(1, a[2], b[2]),
    pick(2, a[3], b[3]),
  ];
  if (old.kind === "row" && next.kind === "row")
    return { kind: "row", row: row(old.row, next.row) };
  if (old.kind === "card" && next.kind === "card")
    return { kind: "card", text: pick(3, old.text, next.text), row: row(old.row, next.row) };
  if (old.kind === "pair" && next.kind === "pair")
    return { kind: "pair", text: pick(3, old.text, next.text), row: row(old.row, next.row) };
  if (old.kind === "deep" && next.kind === "deep") {
    // One value at a time, so that each placed element below the root is patched alone.
    const field = mix % 5;
    return {
      ...old,
      ...(field === 0 ? { text: next.text } : {}),
      ...(field === 1 ? { cls: next.cls } : {}),
      ...(field === 2 ? { message: next.message } : {}),
      ...(field === 3 ? { n: next.n } : {}),
      ...(field === 4 ? { inner: next.inner } : {}),
    };
  }
  if (old.kind === "list" && next.kind === "list") {
    const rows = old.rows.map((r, i) =>
      (mix >> (4 + (i % 8))) & 1 ? row(r, next.rows[i] ?? r) : r,
    );
    return { kind: "list", rows, cls: pick(3, old.cls, next.cls) };
  }
  return next;
}

/** Builds a page's views: the templates (each passed through `wrap`) and their `h` twins. */
function build(parts: readonly Part[], wrap: (template: View<unknown>) => View<unknown>) {
  const row = ([key, text, cls, spec]: RowSpec) => {
    const msg = messageOf(spec);
    return {
      template: wrap(
        html<unknown>`<li key=${key} class=${cls} onClick=${msg}>${text}<b>!</b></li>`,
      ),
      twin: h("li", { key: String(key), class: cls, onClick: msg }, text, h("b", null, "!")),
    };
  };
  const one = (p: Part): { template: View<unknown>; twin: Child<unknown> } => {
    switch (p.kind) {
      case "row":
        return row(p.row);
      case "card": {
        const inner = row(p.row);
        return {
          template: wrap(html<unknown>`
            <div title="${p.text} t">
              ${inner.template}
              <span data-x=${p.text}>${p.text}</span>
            </div>`),
          twin: h(
            "div",
            { title: `${p.text} t` },
            inner.twin,
            h("span", { "data-x": p.text }, p.text),
          ),
        };
      }
      case "pair": {
        const first = row(p.row);
        return {
          template: wrap(html<unknown>`${first.template}<hr>${p.text}`),
          twin: [first.twin, h("hr"), p.text],
        };
      }
      case "list": {
        const rows = p.rows.map(row);
        return {
          template: wrap(html<unknown>`<ul class=${p.cls}>${rows.map((r) => r.template)}</ul>`),
          twin: h(
            "ul",
            { class: p.cls },
            rows.map((r) => r.twin),
          ),
        };
      }
      case "deep": {
        // Placed elements below the root, a content hole, and placed elements after it.
        const msg = messageOf(p.message);
        const inner =
          p.inner === null || typeof p.inner === "string"
            ? { template: p.inner, twin: p.inner }
            : row(p.inner);
        return {
          template: wrap(html<unknown>`
            <article title=${p.text}>
              <h2 class=${p.cls}>${p.text}</h2>
              <p>static <b>text</b></p>
              <div><a onClick=${msg}>${p.text}</a><i>${p.n}</i></div>
              ${inner.template}
              <footer data-t=${p.text}>after</footer>
            </article>`),
          twin: h(
            "article",
            { title: p.text },
            h("h2", { class: p.cls }, p.text),
            h("p", null, "static ", h("b", null, "text")),
            h("div", null, h("a", { onClick: msg }, p.text), h("i", null, p.n)),
            inner.twin,
            h("footer", { "data-t": p.text }, "after"),
          ),
        };
      }
      default:
        return { template: p.view, twin: p.view };
    }
  };
  const built = parts.map(one);
  return {
    template: h(
      "main",
      null,
      built.map((b) => b.template),
    ),
    twin: h(
      "main",
      null,
      built.map((b) => b.twin),
    ),
  };
}

function render(view: View<unknown>): string {
  const root = createRoot();
  mountView(root, view, createHandlerRegistry(), 0);
  return renderChildren(root);
}

describe("html templates, diffed and applied with the real client", () => {
  test("a template renders as its h twin", () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
        const { template, twin } = build(parts, (t) => t);
        expect(render(template)).toBe(render(twin));
      }),
      { numRuns: 600 },
    );
  });

  test("chains of template views equal a fresh build; kept templates are neither built nor diffed", () => {
    // Outcomes are counted on a second live tree, diffed alone: the checks also mount each view.
    let diffing = false;
    const seen = { templates: 0, renders: 0, updates: 0 };
    // One wrapper per template: calls of one template must still share its identity.
    const wrappers = new Map<MemoTemplate, MemoTemplate>();
    const counted = (template: MemoTemplate): MemoTemplate => {
      let wrapper = wrappers.get(template);
      if (wrapper === undefined) {
        wrapper = {
          same: template.same,
          dirty: (previous, next) => {
            const dirty = template.dirty(previous, next);
            if (diffing && dirty !== null) seen.updates++;
            return dirty;
          },
        };
        wrappers.set(template, wrapper);
      }
      return wrapper;
    };
    // The first view's templates take the wrappers too (they are the templates' identity), but
    // only the diffed views' are counted.
    let first = false;
    const counting = (template: View<unknown>): View<unknown> => {
      if (!first) seen.templates++;
      const node = template as MemoNode<unknown>;
      return {
        ...node,
        render: () => {
          if (diffing) seen.renders++;
          return node.render();
        },
        template: counted(node.template as MemoTemplate),
      } as MemoNode<unknown>;
    };
    fc.assert(
      fc.property(chain, (pages) => {
        first = true;
        const live = mount(build(pages[0] as Part[], counting).template);
        const shadow = mount(build(pages[0] as Part[], counting).template);
        first = false;
        const container = built(live);
        let seq = 0;
        for (const parts of pages.slice(1)) {
          const next = build(parts, counting).template;
          diffing = true;
          diffView(shadow.root, next, shadow.registry, seq + 1);
          diffing = false;
          seq = renderAndCheck(live, container, next, seq);
        }
      }),
      { numRuns: 400 },
    );
    // Not vacuous: many templates were kept as they were, many updated in place, some rendered
    // (new ones, and several roots). Kept: about half; a tenth when messages compare by identity.
    const changed = seen.renders + seen.updates;
    expect(seen.templates - changed).toBeGreaterThan(seen.templates / 4);
    expect(seen.updates).toBeGreaterThan(seen.templates / 10);
    expect(seen.renders).toBeGreaterThan(seen.templates / 10);
  }, 60_000);
});
