import { describe, expect, it } from "vitest";
import { h } from "../view/h.ts";
import type { Node } from "../view/node.ts";
import { createRoot, diffView, mountView } from "./diff.ts";
import { createHandlerRegistry } from "./handlers.ts";
import type { LiveElement } from "./live.ts";

type Msg = { readonly type: string; readonly id?: number };

function page(rows: readonly number[]): Node<Msg> {
  return h("div", {}, [
    h("button", { onClick: { type: "add" } }, "Add"),
    h("button", { onClick: { type: "clear" } }, "Clear"),
    h(
      "ul",
      {},
      rows.map((id) =>
        h("li", { key: String(id) }, [
          h("a", { onClick: { type: "select", id } }, `row ${id}`),
          h("a", { onClick: { type: "remove", id } }, "x"),
        ]),
      ),
    ),
  ]);
}

function references(node: LiveElement): string[] {
  const own = (node.handlers ?? []).map((entry) => entry.id);
  return own.concat(...node.children.map((child) => (child.kind === 0 ? references(child) : [])));
}

function rendered(rows: readonly number[]) {
  const root = createRoot();
  const registry = createHandlerRegistry();
  mountView(root, page(rows), registry, 0);
  registry.commit(true, 0);
  return { root, registry, before: references(root) };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("retiring the references of removed nodes", () => {
  // Two ways to the same end: most of the tree left (the live tree is the shorter walk), or
  // little of it did (the removed nodes are).
  it.each([
    ["most of the tree left", ids(1000), [7]],
    ["one row of many left", ids(1000), ids(1000).filter((id) => id !== 500)],
    ["every row left", ids(300), []],
  ])("%s: the registry keeps exactly what stayed", (_, from, to) => {
    const { root, registry, before } = rendered(from);
    const ops = diffView(root, page(to), registry, 1);
    registry.commit(ops.length > 0, 1);
    const after = references(root);
    expect(registry.size).toBe(after.length);
    const kept = new Set(after);
    for (const id of before) {
      const status = registry.resolve(id, 1, {}).status;
      expect(status, `reference ${id}`).toBe(kept.has(id) ? "message" : "stale");
    }
    expect(registry.resolve(after[0] as string, 1, {})).toMatchObject({
      message: { type: "add" },
    });
  });

  it("a reference kept through a mass removal still resolves to what its element shows", () => {
    const { root, registry } = rendered(ids(1000));
    diffView(root, page([42]), registry, 1);
    registry.commit(true, 1);
    const list = (root.children[0] as LiveElement).children[2] as LiveElement;
    const row = list.children[0] as LiveElement;
    const [select] = references(row);
    expect(registry.resolve(select as string, 1, {})).toMatchObject({
      message: { type: "select", id: 42 },
    });
    expect(registry.ownerOf(select as string)).toBe(row.children[0]);
  });
});
