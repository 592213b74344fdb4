import { describe, expectTypeOf, test } from "vitest";
import type { InputPayload } from "../events.ts";
import { on } from "../events.ts";
import { h } from "../h.ts";
import type { Node } from "../node.ts";
import { html } from "./html.ts";

type Msg = { type: "select"; id: number } | { type: "search"; query: string };

describe("message types flow through html", () => {
  test("holes are checked against the message type given", () => {
    const row = (id: number, label: string): Node<Msg> =>
      html<Msg>`<tr key=${id} class=${id > 2 ? "x" : null} hidden=${false}>
        <td><a onClick=${{ type: "select", id }}>${label}</a></td>
        <td>${h("b", null, id)}${[html<Msg>`<i>${id}</i>`, "text", null]}</td>
        <td><input onInput=${on((e: InputPayload) => ({ type: "search" as const, query: e.value }), { debounce: 100 })}></td>
      </tr>`;
    expectTypeOf(row).returns.toEqualTypeOf<Node<Msg>>();
  });

  test("a message the app does not have is a type error", () => {
    // @ts-expect-error: "selct" is not a message of this app
    const typo: Node<Msg> = html<Msg>`<a onClick=${{ type: "selct", id: 1 }}>x</a>`;
    // @ts-expect-error: a select message needs an id
    const missing: Node<Msg> = html<Msg>`<a onClick=${{ type: "select" }}>x</a>`;
    // @ts-expect-error: a handler's message is checked too
    const handler: Node<Msg> = html<Msg>`<a onClick=${() => ({ type: "dec" })}>x</a>`;
    expectTypeOf([typo, missing, handler]).not.toBeAny();
  });

  test("the message type is never guessed from the values", () => {
    expectTypeOf(html`<p title=${"t"}>${1}</p>`).toEqualTypeOf<Node<never>>();
    const inView: Node<Msg> = h(
      "div",
      null,
      html`<p>${1}</p>`,
      html<Msg>`<a onClick=${{ type: "select", id: 1 }}>x</a>`,
    );
    expectTypeOf(inView).not.toBeAny();
    // @ts-expect-error: a template with events must name its message type
    const unnamed = html`<a onClick=${{ type: "select", id: 1 }}>x</a>`;
    expectTypeOf(unnamed).not.toBeAny();
  });

  test("a view with other messages does not fit in a hole", () => {
    const other: Node<{ type: "other" }> = h("b", { onClick: { type: "other" } });
    // @ts-expect-error: the child sends messages this view does not handle
    const wrong: Node<Msg> = html<Msg>`<div>${other}</div>`;
    expectTypeOf(wrong).not.toBeAny();
  });
});
