import { describe, expect, it } from "vitest";
import { type InputPayload, on } from "../view/events.ts";
import { h } from "../view/h.ts";
import type { Node } from "../view/node.ts";
import { createRoot, diffView, mountView } from "./diff.ts";
import { createHandlerRegistry } from "./handlers.ts";
import type { LiveElement } from "./live.ts";

function mounted(view: Node<unknown>) {
  const root = createRoot();
  const registry = createHandlerRegistry();
  mountView(root, view, registry, 0);
  registry.commit(true, 0);
  return { root, registry, button: () => root.children[0] as LiveElement };
}

function referenceOf(element: LiveElement, type: string): string {
  return (element.attributes[`on:${type}`] as string).split(" ")[0] as string;
}

describe("event bindings", () => {
  it("binds a repeated event type once, the last handler winning", () => {
    const { registry, button } = mounted(h("button", { onClick: "first", "on:click": "second" }));
    const ref = referenceOf(button(), "click");
    expect(registry.size).toBe(1);
    expect(registry.resolve(ref, 0, {})).toMatchObject({ status: "message", message: "second" });
  });

  it("an event from before a repeated type collapsed gets the message that DOM showed", () => {
    const { root, registry, button } = mounted(h("button", { onClick: "a", "on:click": "b" }));
    const ref = referenceOf(button(), "click");
    diffView(root, h("button", { onClick: "c" }), registry, 1);
    registry.commit(true, 1);
    expect(referenceOf(button(), "click")).toBe(ref);
    expect(registry.resolve(ref, 0, {})).toMatchObject({ message: "b" });
    expect(registry.resolve(ref, 1, {})).toMatchObject({ message: "c" });
  });

  it("keeps references across renders and retires the ones dropped", () => {
    const { root, registry, button } = mounted(h("button", { onClick: "a", onFocus: "f" }));
    const click = referenceOf(button(), "click");
    const focus = referenceOf(button(), "focus");
    diffView(root, h("button", { onFocus: "f", onClick: "b" }), registry, 1);
    registry.commit(true, 1);
    expect(referenceOf(button(), "click")).toBe(click);
    expect(registry.resolve(click, 1, {})).toMatchObject({ message: "b" });
    // The DOM at sequence 0 still showed "a": that event gets the message the user saw.
    expect(registry.resolve(click, 0, {})).toMatchObject({ message: "a" });
    const ops = diffView(root, h("button", { onClick: "b" }), registry, 2);
    registry.commit(ops.length > 0, 2);
    expect(ops).toContain("on:focus");
    expect(registry.resolve(focus, 2, {})).toEqual({ status: "stale" });
    expect(registry.size).toBe(1);
  });

  it("re-sends a binding whose options change, and only then", () => {
    const { root, registry } = mounted(h("input", { onInput: "typed" }));
    const same = diffView(root, h("input", { onInput: "typed" }), registry, 1);
    expect(same).toEqual([]);
    const debounced = diffView(
      root,
      h("input", { onInput: on("typed", { debounce: 200 }) }),
      registry,
      2,
    );
    expect(debounced).toContainEqual(expect.stringMatching(/^0 d200$/));
  });
});

describe("payloads a function handler is given", () => {
  it("runs no handler for a payload whose promised fields have other types", () => {
    const { registry, button } = mounted(
      h<unknown>("input", { onInput: (e: InputPayload) => ({ typed: e.value }), onKeyDown: "key" }),
    );
    const input = referenceOf(button(), "input");
    expect(registry.resolve(input, 0, { value: "a" })).toMatchObject({ message: { typed: "a" } });
    expect(registry.resolve(input, 0, { value: { kind: 0 } })).toEqual({
      status: "refused",
      reason: "input event refused: value must be a string, got object",
    });
    // A message handler reads no payload: nothing to mislead.
    expect(registry.resolve(referenceOf(button(), "keydown"), 0, { key: 1 })).toMatchObject({
      status: "message",
      message: "key",
    });
  });

  it("lets a field an include path writes be what the browser read: false for a modifier", () => {
    const { registry, button } = mounted(
      h("input", {
        onKeyDown: on((e) => ({ shift: e.shiftKey }), { include: ["shiftKey"] }),
      }),
    );
    const ref = referenceOf(button(), "keydown");
    expect(registry.resolve(ref, 0, { key: "a", shiftKey: false })).toMatchObject({
      message: { shift: false },
    });
  });
});
