import { describe, expect, it, vi } from "vitest";
import { h } from "../view/h.ts";
import type { Node } from "../view/node.ts";
import { createRoot, diffView, mountView } from "./diff.ts";
import { createHandlerRegistry } from "./handlers.ts";
import type { LiveElement } from "./live.ts";

type Msg = { readonly type: string; readonly id?: number };

function page(rows: readonly number[], footer = false): Node<Msg> {
  return h("div", {}, [
    h("button", { onClick: { type: "add" } }, "Add"),
    h("button", { onClick: { type: "clear" } }, "Clear"),
    h("ul", {}, [
      ...rows.map((id) =>
        h("li", { key: String(id) }, [
          h("a", { onClick: { type: "select", id } }, `row ${id}`),
          h("a", { onClick: { type: "remove", id } }, "x"),
        ]),
      ),
      footer ? h("li", { key: "footer" }, "the end") : null,
    ]),
  ]);
}

function references(node: LiveElement): string[] {
  const own = (node.handlers ?? []).map((entry) => entry.id);
  return own.concat(...node.children.map((child) => (child.kind === 0 ? references(child) : [])));
}

function rendered(rows: readonly number[], footer = false) {
  const root = createRoot();
  const registry = createHandlerRegistry();
  mountView(root, page(rows, footer), registry, 0);
  registry.commit(true, 0);
  return { root, registry, before: references(root) };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("retiring the references of removed nodes", () => {
  // Ways to the same end: most of a list left (retired after the render, against the live
  // tree), a little of it did (retired at once), or a footer without handlers left last (the
  // estimate skips it).
  it.each([
    ["most of the tree left", ids(1000), [7], false],
    ["one row of many left", ids(1000), ids(1000).filter((id) => id !== 500), false],
    ["every row left", ids(300), [], false],
    ["every row and a footer without handlers left", ids(300), [], true],
  ])("%s: the registry keeps exactly what stayed", (_, from, to, footer) => {
    const { root, registry, before } = rendered(from, footer);
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

  // The choice is about speed alone (every way ends the same, as above): clearing a table of
  // 1,000 rows took a tenth of the time once it stopped deleting each row's references.
  it.each([
    ["a cleared list", ids(1000), [], false, 1],
    ["a cleared list whose footer, without handlers, left last", ids(1000), [], true, 1],
    ["a list that lost one row", ids(1000), ids(999), false, 0],
    ["a list that lost half its rows", ids(1000), ids(500), false, 0],
  ])(
    "%s keeps the live references rather than retiring each removed one",
    (_, from, to, footer, times) => {
      const { root, registry } = rendered(from, footer);
      const retainOnly = vi.spyOn(registry, "retainOnly");
      diffView(root, page(to), registry, 1);
      expect(retainOnly).toHaveBeenCalledTimes(times);
    },
  );

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
