import { describe, expectTypeOf, test } from "vitest";
import { h } from "./h.ts";
import type { ElementNode, Node } from "./node.ts";

type Msg = { type: "inc" } | { type: "set"; value: string };

describe("message types flow through h", () => {
  test("attribute values do not decide the message type", () => {
    expectTypeOf(h("p", { id: "x", title: "t", "data-n": 1 })).toEqualTypeOf<ElementNode<never>>();
    // Compiles only because plain attributes leave the message type open.
    const view: Node<Msg> = h(
      "div",
      { id: "root" },
      h("p", { class: "a" }, "text"),
      h("button", { onClick: { type: "inc" } }, "+"),
    );
    expectTypeOf(view).not.toBeAny();
  });

  test("handlers infer the message; a message the app does not have is a type error", () => {
    expectTypeOf(
      h("input", { onInput: (e) => ({ type: "set" as const, value: e.value }) }),
    ).toEqualTypeOf<ElementNode<{ type: "set"; value: string }>>();
    expectTypeOf(h("x-item", { "on:picked": { type: "inc" as const } })).toEqualTypeOf<
      ElementNode<{ type: "inc" }>
    >();
    // @ts-expect-error: "dec" is not a message of this app
    const wrong: Node<Msg> = h("button", { onClick: { type: "dec" } }, "-");
    expectTypeOf(wrong).not.toBeAny();
  });
});
