import { afterEach, describe, expect, test } from "vitest";
import { app } from "../runtime/app.ts";
import { pushUrl, replaceUrl } from "../runtime/effect.ts";
import { js } from "../view/commands.ts";
import { on } from "../view/events.ts";
import { h } from "../view/h.ts";
import type { Connection } from "./connection.ts";
import { createEndpoint, type Endpoint } from "./endpoint.ts";

type Msg =
  | { type: "room"; value: string | null }
  | { type: "url"; url: string }
  | { type: "cast"; name: string; detail: unknown }
  | { type: "go"; to: string }
  | { type: "typed"; value: string }
  | { type: "toggled"; checked: boolean };

interface Model {
  log: string[];
  name: string;
  agreed: boolean;
}

const page = app({
  init: (url: string): Model => ({ log: [`init ${url}`], name: "", agreed: false }),
  update(model: Model, msg: Msg): Model | readonly [Model, ReturnType<typeof pushUrl>] {
    switch (msg.type) {
      case "room":
        return { ...model, log: [...model.log, `room=${msg.value}`] };
      case "url":
        return { ...model, log: [...model.log, `url=${msg.url}`] };
      case "cast":
        return { ...model, log: [...model.log, `cast ${msg.name} ${JSON.stringify(msg.detail)}`] };
      case "go":
        return [
          { ...model, log: [...model.log, `go ${msg.to}`] },
          msg.to.startsWith("?") ? replaceUrl(msg.to) : pushUrl(msg.to),
        ];
      case "typed":
        // The app normalises what was typed: lower case, at most 5 characters.
        return { ...model, name: msg.value.toLowerCase().slice(0, 5) };
      case "toggled":
        // The app refuses to be ticked.
        return model;
    }
  },
  view: (model) =>
    h(
      "main",
      null,
      h("p", null, model.log.join("; ")),
      h("input", {
        name: "name",
        value: model.name,
        onInput: (e) => ({ type: "typed", value: e.value }),
      }),
      h("input", {
        type: "checkbox",
        checked: model.agreed,
        onChange: (e) => ({ type: "toggled", checked: e.checked === true }),
      }),
      h("button", { onClick: { type: "go", to: "/next" } }, "next"),
      h("div", { "lucent-ignore": "", id: "chart" }, h("canvas", null, model.log.length)),
      h(
        "button",
        {
          "js:click": js.toggle("#menu").addClass("open"),
          onKeyDown: on(
            { type: "go", to: "?k" },
            { keys: ["Enter", " "], disableWhilePending: true },
          ),
        },
        "menu",
      ),
    ),
  attributes: { room: (value) => ({ type: "room", value }) },
  onUrlChange: (url) => ({ type: "url", url }),
  onMessage: (name, detail) => ({ type: "cast", name, detail }),
  title: (model) => `${model.log.length} entries`,
});

let endpoints: Endpoint[] = [];
afterEach(() => {
  for (const e of endpoints) e.shutdown();
  endpoints = [];
});

function connect(join: string) {
  const endpoint = createEndpoint({ app: page, flags: (info) => new URL(info.url).pathname });
  endpoints.push(endpoint);
  const frames: unknown[][] = [];
  const connection: Connection = { send: (f) => frames.push(JSON.parse(f)), close: () => {} };
  const handler = endpoint.connect(connection, { url: "http://h/socket/__lucent" });
  handler.message(join);
  return { handler, frames };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const text = (frames: unknown[][]) => JSON.stringify(frames);

describe("talking to the page", () => {
  test("a session started by a join begins at the page's URL; observed attributes become messages", async () => {
    const { frames } = connect('[0,1,"",0,{"room":"blue","other":"x"},"http://h/rooms/7"]');
    await tick();
    const log = text(frames);
    expect(log).toContain("init /rooms/7");
    expect(log).toContain("room=blue");
    expect(log).not.toContain("other");
    // The title follows the model: sent after the mount, and again when it changes.
    expect(frames[1]).toEqual([6, "1 entries"]);
    expect(frames.at(-1)).toEqual([6, "2 entries"]);
  });

  test("attribute changes, history navigation and page messages reach update", async () => {
    const { handler, frames } = connect('[0,1,"",0,{},"http://h/"]');
    handler.message('[2,"room","red"]');
    handler.message('[5,"http://h/back"]');
    handler.message('[6,"hello",{"n":1}]');
    handler.message('[3,[[2,"room",null]]]');
    await tick();
    expect(text(frames)).toContain(
      'room=red; url=http://h/back; cast hello {\\"n\\":1}; room=null',
    );
  });

  test("pushUrl and replaceUrl send navigate frames", async () => {
    const { handler, frames } = connect('[0,1,"",0,{},"http://h/"]');
    const tree = JSON.stringify(frames[0]);
    const next = /"on:click":"(\w+)"\},"next"/.exec(tree)![1]!;
    handler.message(`[1,1,"${next}",0]`);
    await tick();
    expect(frames).toContainEqual([5, "/next"]);
    const menu = /"on:keydown":"(\w+) w k(\S+) k%20"/.exec(tree)!;
    expect(menu[2]).toBe("Enter");
    handler.message(`[1,2,"${menu[1]}",1,{"key":"Enter"}]`);
    await tick();
    expect(frames).toContainEqual([5, "?k", 1]);
  });
});

describe("controlled inputs and page-owned regions", () => {
  test("the value of a control whose event was handled is re-sent, normalised or unchanged", async () => {
    const { handler, frames } = connect('[0,1,"",0]');
    const tree = JSON.stringify(frames[0]);
    const input = /"on:input":"(\w+)"/.exec(tree)![1]!;
    handler.message(`[1,1,"${input}",0,{"value":"HELLO world"}]`);
    await tick();
    expect(frames.at(-1)).toEqual([1, [[0, 1], 1, "value", "hello"], 1]);
    // Typing past the limit changes nothing in the model, yet the browser must be told the value.
    handler.message(`[1,2,"${input}",1,{"value":"hello!"}]`);
    await tick();
    expect(frames.at(-1)).toEqual([1, [[0, 1], 1, "value", "hello"], 2]);
  });

  test("a checkbox the app refuses to tick is unticked again", async () => {
    const { handler, frames } = connect('[0,1,"",0]');
    const box = /"on:change":"(\w+)"/.exec(JSON.stringify(frames[0]))![1]!;
    handler.message(`[1,1,"${box}",0,{"value":"on","checked":true}]`);
    await tick();
    expect(frames.at(-1)).toEqual([1, [[0, 2], 2, "checked"], 1]);
  });

  test("children of a lucent-ignore element are rendered once and never patched", async () => {
    const { handler, frames } = connect('[0,1,"",0]');
    expect(JSON.stringify(frames[0])).toContain(
      '["div",{"lucent-ignore":"","id":"chart"},["canvas",0,"1"]]',
    );
    handler.message('[2,"room","x"]');
    await tick();
    expect(text(frames.slice(1))).not.toContain("canvas");
    expect(text(frames.slice(1))).not.toMatch(/\[0,4,0/);
  });

  test("command chains render as a js:<type> attribute", () => {
    expect(
      JSON.stringify(
        h("a", { "js:click": js.hide().focus("#q").setAttribute("aria-expanded", "true", "#m") })
          .attributes,
      ),
    ).toBe(
      '{"js:click":"[[\\"hide\\",\\"\\"],[\\"focus\\",\\"#q\\"],[\\"set-attribute\\",\\"#m\\",\\"aria-expanded\\",\\"true\\"]]"}',
    );
  });
});
