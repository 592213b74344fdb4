import { Op, type PatchToken } from "@lucent/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { view } from "../../test/arbitraries.ts";
import { applyOps, fromWire, type ModelElement, toPlain } from "../../test/wire-model.ts";
import { h } from "../view/h.ts";
import type { Node } from "../view/node.ts";
import { createRoot, mountView } from "./diff.ts";
import { createHandlerRegistry } from "./handlers.ts";
import { emitInsert } from "./insert.ts";
import { type LiveElement, type LiveNode, toWire } from "./live.ts";

/** The live children of the element `view` renders. */
function liveChildren(view: Node<unknown>): LiveNode[] {
  const root = createRoot();
  mountView(root, view, createHandlerRegistry(), 0);
  return (root.children[0] as LiveElement).children;
}

function inserted(nodes: readonly LiveNode[]): { ops: PatchToken[]; model: ModelElement } {
  const ops: PatchToken[] = [];
  emitInsert(ops, 0, nodes);
  const model: ModelElement = { tag: "div", attributes: {}, children: [], uid: -1 };
  applyOps(model, ops);
  return { ops, model };
}

// Rows of a few shapes, so that runs of one shape (and shapes that almost match) are common.
const row = fc.oneof(
  fc
    .tuple(fc.nat(3), fc.constantFrom("a", "b"))
    .map(([id, label]) =>
      h("tr", { class: `r${id}` }, h("td", null, String(id)), h("td", null, h("a", null, label))),
    ),
  fc.constantFrom("x", "y").map((label) => h("tr", null, h("td", null, label))),
  fc.constantFrom("1", "2").map((id) => h("tr", { id, class: "c" })),
  fc.constantFrom("1", "2").map((id) => h("tr", { class: "c", id })),
  view,
);

describe("emitInsert", () => {
  it("inserts exactly what op 3 with every node would insert", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (rows) => {
        const nodes = liveChildren(h("tbody", null, rows));
        const expected = nodes.map((node) => toPlain(fromWire(toWire(node))));
        expect(inserted(nodes).model.children.map(toPlain)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("sends rows of one shape as a template with holes where they differ", () => {
    const nodes = liveChildren(
      h(
        "tbody",
        null,
        [1, 2, 3].map((id) =>
          h("tr", { class: "row" }, h("td", null, String(id)), h("td", null, "same")),
        ),
      ),
    );
    const { ops } = inserted(nodes);
    expect(ops).toEqual([
      Op.InsertTemplate,
      0,
      ["tr", { class: "row" }, ["td", 0, null], ["td", 0, "same"]],
      [["1"], ["2"], ["3"]],
    ]);
  });

  it("keeps a lone node, and nodes whose attributes come in another order, as op 3", () => {
    const nodes = liveChildren(
      h("ul", null, h("li", { id: "1", class: "c" }), h("li", { class: "c", id: "2" }), "tail"),
    );
    const { ops } = inserted(nodes);
    expect(ops).toEqual([
      Op.Insert,
      0,
      [["li", { id: "1", class: "c" }], ["li", { class: "c", id: "2" }], "tail"],
    ]);
  });
});
