import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createRoot, mountView } from "../diff/diff.ts";
import { createHandlerRegistry } from "../diff/handlers.ts";
import { escapeText } from "../render/escape.ts";
import { renderChildren } from "../render/html.ts";
import { h } from "./h.ts";
import { type Child, fragment, map, memo, type Node } from "./node.ts";
import { html } from "./template/html.ts";

function render(view: Node<unknown>): string {
  const root = createRoot();
  mountView(root, view, createHandlerRegistry(), 0);
  return renderChildren(root);
}

// What a client could put in a payload field typed `string`, or an API in a field of its own.
const forged = JSON.parse(
  '{"kind":0,"tag":"img","key":null,"attributes":{"src":"x","onerror":"alert(1)"},"events":[],"children":[],"extras":{"html":"<script>alert(2)</script>"}}',
);

describe("data is never markup", () => {
  test("an object that only looks like a node is refused as a child, naming what it got", () => {
    const message = /a child must be a node, text, a number or a list of them, got an object/;
    expect(() => h("p", {}, forged)).toThrow(message);
    expect(() => h("p", {}, "before", forged)).toThrow(message);
    expect(() => h("ul", {}, [h("li", {}), forged])).toThrow(message);
    expect(() => fragment([forged])).toThrow(message);
    expect(() => render(html`<p>${forged}</p>`)).toThrow(message);
    expect(() => h("p", {}, (() => "x") as unknown as Child<never>)).toThrow(/got a function/);
  });

  test("a JSON value as a child renders as its text or as nothing; one holding an object is refused", () => {
    const holdsObject = (v: unknown): boolean =>
      Array.isArray(v) ? v.some(holdsObject) : typeof v === "object" && v !== null;
    const texts = (v: unknown): string =>
      Array.isArray(v)
        ? v.map(texts).join("")
        : typeof v === "string" || typeof v === "number"
          ? String(v)
          : "";
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const child = value as Child<never>;
        if (holdsObject(value)) {
          expect(() => render(h("p", {}, child))).toThrow(/a child must be a node/);
          return;
        }
        const text = texts(value);
        expect(render(h("p", {}, child))).toBe(`<p>${text === "" ? "" : escapeText(text)}</p>`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("a view that returns data", () => {
  test("is refused where it stands: the app's view, a memo's render, a mapped child", () => {
    const message = /a view must be made of nodes, got \{"kind":0/;
    expect(() => render(forged)).toThrow(message);
    expect(() =>
      render(
        h(
          "p",
          {},
          memo([1], () => forged),
        ),
      ),
    ).toThrow(message);
    expect(() =>
      render(
        h(
          "p",
          {},
          map(forged, (m) => m),
        ),
      ),
    ).toThrow(message);
    for (const nothing of [null, undefined, "text", 3]) {
      const view = nothing as unknown as Node<never>;
      expect(() => render(view)).toThrow(/a view must be made of nodes/);
      expect(() => render(memo([1], () => view))).toThrow(/a view must be made of nodes/);
    }
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => render(cycle as unknown as Node<never>)).toThrow(
      "a view must be made of nodes, got [object Object]",
    );
  });
});
