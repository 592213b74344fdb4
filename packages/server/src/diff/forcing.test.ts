import { describe, expect, test } from "vitest";
import { h } from "../view/h.ts";
import { memo } from "../view/node.ts";
import { createRoot, diffView, mountView } from "./diff.ts";
import { createHandlerRegistry } from "./handlers.ts";
import type { LiveElement } from "./live.ts";

describe("touched controls", () => {
  let renders = 0;
  const rows = (names: readonly string[]) =>
    h(
      "main",
      null,
      memo([names.join()], () => {
        renders++;
        return h(
          "ul",
          null,
          names.map((name) =>
            h("li", { key: name }, h("input", { value: name, onInput: { name } })),
          ),
        );
      }),
    );
  const mounted = (names: readonly string[]) => {
    const root = createRoot();
    const registry = createHandlerRegistry();
    mountView(root, rows(names), registry, 0);
    registry.commit(true, 0);
    const list = (root.children[0] as LiveElement).children[0] as LiveElement;
    return { root, registry, list };
  };

  test("a memo around a touched control is diffed, and re-sends the control's value", () => {
    const { root, registry, list } = mounted(["a", "b"]);
    const li = list.children[1] as LiveElement;
    renders = 0;
    const ops = diffView(root, rows(["a", "b"]), registry, 1, new Set([li]));
    expect(renders).toBe(1);
    expect(ops).toEqual([[0, 0, 1, 0], 1, "value", "b"]);
  });

  test("a touched element that a render removed forces nothing: memos around its place are kept", () => {
    const { root, registry, list } = mounted(["a", "b"]);
    const gone = list.children[1] as LiveElement;
    diffView(root, rows(["a"]), registry, 1);
    registry.commit(true, 1);
    renders = 0;
    expect(diffView(root, rows(["a"]), registry, 2, new Set([gone]))).toEqual([]);
    expect(renders).toBe(0);
  });
});
