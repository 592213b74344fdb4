// @vitest-environment happy-dom
// The diff area's reference diff is only a fair reference if its patches are right: for every
// benchmark case, the client's applier turns the DOM of the previous view into that of the next.
import { applyPatch, createDomWriter } from "@lucent/client";
import { h, type Node } from "@lucent/server";
import { describe, expect, test } from "vitest";
import { view as jfbView, OPERATIONS, states } from "./jfb.ts";
import { leanDiff } from "./lean-diff.ts";
import { renderHtml } from "./lucent.ts";
import { lucentTable, shapeName, TABLE_KINDS, tableIds } from "./lustre-table.ts";

// Binding references are the server's to number (the reference writes "0" for every one), so
// only which bindings an element has is compared.
const unbound = (html: string) => html.replace(/ (on:[a-z]+)="[^"]*"/g, ' $1=""');

function expectPatches(before: Node<unknown>, after: Node<unknown>): void {
  const root = document.createElement("lucent-view");
  root.innerHTML = renderHtml(before);
  applyPatch(root, JSON.parse(leanDiff(before, after)), createDomWriter(document));
  expect(unbound(root.innerHTML)).toBe(unbound(renderHtml(after)));
}

describe("the lean reference diff", () => {
  test("bindings added, removed and changed in type", () => {
    const pick = { type: "pick" };
    const views = [
      h("p", {}, h("a", { onClick: pick }, "a"), h("b", {}, "b")),
      h("p", {}, h("a", {}, "a"), h("b", { onInput: pick }, "b")),
      h("p", {}, h("a", { onKeydown: pick }, "a"), h("b", { onInput: pick, onClick: pick }, "b")),
    ];
    for (const before of views) for (const after of views) expectPatches(before, after);
  });

  const shapes = [10, 100, 1000].flatMap((rows) => TABLE_KINDS.map((kind) => ({ rows, ...kind })));
  test.each(shapes.map((shape) => [shapeName(shape), shape] as const))("%s", (_, shape) => {
    expectPatches(
      lucentTable(shape, tableIds(shape, 0)),
      lucentTable(shape, tableIds(shape, shape.rows / 2)),
    );
  });

  test.each(OPERATIONS.filter((op) => op.name !== "create10k").map((op) => [op.name, op] as const))(
    "%s",
    (_, op) => {
      const { before, after } = states(op);
      expectPatches(jfbView(before), jfbView(after));
      expectPatches(jfbView(after), jfbView(before));
    },
  );
});
