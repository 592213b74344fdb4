// @vitest-environment happy-dom
/**
 * Invariant 1 for `html` templates, with the real client: chains of views made of templates whose
 * values repeat often (so that the diff keeps many of them without rendering), diffed and applied,
 * must equal the DOM built fresh from each view; and a template renders as its `h` twin does.
 */
import {
  type Child,
  createHandlerRegistry,
  createRoot,
  diffView,
  h,
  html,
  type MemoNode,
  mountView,
  renderChildren,
  type Node as View,
} from "@lucent/server";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { view as anyView } from "../support/arbitraries.ts";
import { built, renderAndCheck } from "../support/check-render.ts";
import { mount } from "../support/live.ts";

const label = fc.constantFrom("a", "b", "<&>", "");
const className = fc.constantFrom("", "on", "x y");
const shared = (payload: unknown) => ({ shared: payload });

/** A message as data, so that every view makes it afresh: an object, a shared function, a closure. */
type MessageSpec = number | "shared" | "closure";
const messageSpec = fc.constantFrom<MessageSpec>(0, 1, 2, "shared", "closure");
const messageOf = (spec: MessageSpec): unknown =>
  spec === "shared"
    ? shared
    : spec === "closure"
      ? (payload: unknown) => ({ payload })
      : { n: spec };

type RowSpec = readonly [key: number, text: string, cls: string, message: MessageSpec];
/** One part of a page; a chain of pages changes a few parts of the last and keeps the rest. */
type Part =
  | { readonly kind: "row"; readonly row: RowSpec }
  | { readonly kind: "card"; readonly text: string; readonly row: RowSpec }
  | { readonly kind: "pair"; readonly row: RowSpec; readonly text: string }
  | { readonly kind: "list"; readonly rows: readonly RowSpec[]; readonly cls: string }
  | { readonly kind: "view"; readonly view: View<unknown> };

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
);

/** A chain of pages: each replaces, drops or inserts a part of the last, or swaps two. */
const chain: fc.Arbitrary<Part[][]> = fc
  .tuple(
    fc.array(part, { minLength: 1, maxLength: 5 }),
    fc.array(
      fc.tuple(fc.nat(), fc.nat(), part, fc.constantFrom("replace", "drop", "insert", "swap")),
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
      else {
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

  test("chains of template views equal a fresh build, and kept templates are not rendered", () => {
    // Renders are counted on a second live tree, diffed alone: the checks also mount each view.
    let diffing = false;
    let renders = 0;
    let templates = 0;
    const counted = (template: View<unknown>): View<unknown> => {
      templates++;
      const node = template as MemoNode<unknown>;
      return {
        ...node,
        render: () => {
          if (diffing) renders++;
          return node.render();
        },
      };
    };
    fc.assert(
      fc.property(chain, (pages) => {
        const live = mount(build(pages[0] as Part[], (t) => t).template);
        const shadow = mount(build(pages[0] as Part[], (t) => t).template);
        const container = built(live);
        let seq = 0;
        for (const parts of pages.slice(1)) {
          const next = build(parts, counted).template;
          diffing = true;
          diffView(shadow.root, next, shadow.registry, seq + 1);
          diffing = false;
          seq = renderAndCheck(live, container, next, seq);
        }
      }),
      { numRuns: 400 },
    );
    // Not vacuous: many templates rendered, and many were kept without rendering (about half;
    // a tenth when messages compare by identity, as a plain memo's dependencies do).
    expect(renders).toBeGreaterThan(templates / 4);
    expect(templates - renders).toBeGreaterThan(templates / 4);
  }, 60_000);
});
