// The small apps the wire, round-trip, memory and broadcast benchmarks serve. Their markup matches
// the LiveViewJS views in src/peers/liveview-server.mjs, so both frameworks send the same page.
import { app, h, on, type SubmitPayload } from "@lucent/server";

export type CounterMsg = { type: "increment" } | { type: "decrement" };

/** `<div><h1>Counter</h1><button>-</button><output>N</output><button>+</button></div>` */
export const counterApp = app({
  init: () => 0,
  update: (count: number, msg: CounterMsg) => (msg.type === "increment" ? count + 1 : count - 1),
  view: (count) =>
    h(
      "div",
      {},
      h("h1", {}, "Counter"),
      h("button", { onClick: { type: "decrement" } }, "-"),
      h("output", {}, String(count)),
      h("button", { onClick: { type: "increment" } }, "+"),
    ),
});

export interface ListRow {
  readonly id: number;
  readonly count: number;
}

/** The row that `bump` changes in the 100-row list. */
export const BUMPED = 42;

/** 100 keyed rows `<li>Item N: <b>count</b></li>`; `bump` increments one row's count. */
export const listApp = app({
  init: (): ListRow[] => Array.from({ length: 100 }, (_, i) => ({ id: i + 1, count: 0 })),
  update: (rows: ListRow[], _msg: { type: "bump" }): ListRow[] =>
    rows.map((row) => (row.id === BUMPED ? { ...row, count: row.count + 1 } : row)),
  view: (rows) =>
    h(
      "div",
      {},
      h(
        "ul",
        {},
        rows.map((row) =>
          h("li", { key: row.id }, `Item ${row.id}: `, h("b", {}, String(row.count))),
        ),
      ),
      h("button", { onClick: { type: "bump" } }, "bump"),
    ),
});

export interface Post {
  readonly id: number;
  readonly name: string;
  readonly text: string;
}

export interface ChatModel {
  readonly posts: readonly Post[];
  readonly nextId: number;
}

type ChatMsg = { type: "post"; name: string; text: string };

/**
 * The demo's chat room without its online counter: that counter re-renders for every join, which
 * would make joining 10,000 clients cost 50 million frames before the first post.
 */
export const chatApp = app({
  init: (): ChatModel => ({ posts: [], nextId: 1 }),
  update(model: ChatModel, msg: ChatMsg): ChatModel {
    const text = msg.text.trim().slice(0, 500);
    if (text === "") return model;
    const post = { id: model.nextId, name: msg.name.trim().slice(0, 40) || "anonymous", text };
    return { posts: [...model.posts, post].slice(-100), nextId: model.nextId + 1 };
  },
  view: (model) =>
    h(
      "main",
      { class: "chat" },
      h("h1", {}, "Chat"),
      h(
        "ul",
        { class: "posts" },
        model.posts.map((post) =>
          h("li", { key: post.id }, h("b", {}, post.name), ` ${post.text}`),
        ),
      ),
      h(
        "form",
        { onSubmit: on(toPost, { clear: ["text"] }) },
        h("input", { name: "name", placeholder: "name" }),
        h("input", { name: "text", placeholder: "say something", autocomplete: "off" }),
        h("button", { type: "submit" }, "send"),
      ),
    ),
});

function toPost(payload: SubmitPayload): ChatMsg {
  const field = (name: string) => payload.formData.find(([key]) => key === name)?.[1] ?? "";
  return { type: "post", name: field("name"), text: field("text") };
}
