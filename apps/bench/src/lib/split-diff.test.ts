// @vitest-environment happy-dom
// The static/dynamic split prototype is only worth its figures if its frames are right: the
// client's applier turns the DOM Lucent renders for one model into the DOM it renders for the next.
import { applyPatch, createDomWriter } from "@lucent/client";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EMPTY, type JfbModel, view as jfbView, OPERATIONS, splitView, states } from "./jfb.ts";
import { renderHtml } from "./lucent.ts";
import { splitDiff, tpl } from "./split-diff.ts";

// Binding references are the server's to number (the prototype writes "0" for every one).
const unbound = (html: string) => html.replace(/ (on:[a-z]+)="[^"]*"/g, ' $1=""');

function expectPatches(before: JfbModel, after: JfbModel): void {
  const root = document.createElement("lucent-view");
  root.innerHTML = renderHtml(jfbView(before));
  const frame = splitDiff(splitView(before), splitView(after), [0]);
  applyPatch(root, JSON.parse(frame), createDomWriter(document));
  expect(unbound(root.innerHTML)).toBe(unbound(renderHtml(jfbView(after))));
}

describe("the static/dynamic split prototype", () => {
  test.each(OPERATIONS.filter((op) => op.name !== "create10k").map((op) => [op.name, op] as const))(
    "%s, both ways",
    (_, op) => {
      const { before, after } = states(op);
      expectPatches(before, after);
      expectPatches(after, before);
    },
  );

  test("any table becomes any other: rows kept, moved, added, removed, relabelled, selected", () => {
    const label = fc.constantFrom("a", "b", "c <&>", "d");
    const model = fc
      .record({
        ids: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 25 }),
        labels: fc.array(label, { minLength: 25, maxLength: 25 }),
        selected: fc.integer({ min: 0, max: 40 }),
      })
      .map(
        ({ ids, labels, selected }): JfbModel => ({
          ...EMPTY,
          rows: ids.map((id, i) => ({ id, label: labels[i] as string })),
          selected,
        }),
      );
    fc.assert(
      fc.property(model, model, (before, after) => expectPatches(before, after)),
      { numRuns: 300 },
    );
  });

  test("templates it cannot read are refused, not misread", () => {
    const hole = "x";
    expect(() => tpl`<p>a ${hole}</p>`).toThrow(/only child|stands alone/);
    expect(() => tpl`<p class="a ${hole}"></p>`).toThrow(/whole value/);
    expect(() => tpl`<p></p><p></p>`).toThrow(/one root/);
    expect(() => tpl`<p><b></p>`).toThrow(/closes/);
    expect(() => tpl`<p>&amp;</p>`).toThrow(/character references/);
    expect(() => tpl`<p>\uE000</p>`).toThrow(/marks holes/);
  });
});
