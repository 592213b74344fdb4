import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { view as anyView } from "../../../test/arbitraries.ts";
import { createRoot, diffView, mountView } from "../../diff/diff.ts";
import { createHandlerRegistry } from "../../diff/handlers.ts";
import type { LiveElement } from "../../diff/live.ts";
import { renderChildren } from "../../render/html.ts";
import { js } from "../commands.ts";
import { on } from "../events.ts";
import { h } from "../h.ts";
import { type MemoNode, type MemoTemplate, memo, type Node, NodeKind } from "../node.ts";
import { html } from "./html.ts";

type View = Node<unknown>;

function render(view: View): string {
  const root = createRoot();
  mountView(root, view, createHandlerRegistry(), 0);
  return renderChildren(root);
}

/** A live view and a way to render its next version, counting the renders of templates. */
function live(first: View) {
  const root = createRoot();
  const registry = createHandlerRegistry();
  mountView(root, first, registry, 0);
  let seq = 0;
  return {
    root,
    next(view: View) {
      const ops = diffView(root, view, registry, ++seq);
      registry.commit(ops.length > 0, seq);
      return ops;
    },
  };
}

/**
 * Wraps a template node to count how often the diff found its values changed: `renders` when it
 * built the template again, `updates` when it updated the old nodes in place.
 */
function counted(node: View, counter: { renders: number; updates?: number }): View {
  const memo = node as MemoNode<unknown>;
  const template = memo.template as MemoTemplate;
  return {
    ...memo,
    render: () => {
      counter.renders++;
      return memo.render();
    },
    template: counting(template, () => {
      counter.updates = (counter.updates ?? 0) + 1;
    }),
  } as MemoNode<unknown>;
}

/**
 * A template whose in-place updates are counted: one wrapper per template, so that calls of the
 * same template still compare as one (a template's identity is that object).
 */
const wrappers = new WeakMap<MemoTemplate, MemoTemplate>();
const tallies = new WeakMap<MemoTemplate, () => void>();
function counting(template: MemoTemplate, updated: () => void): MemoTemplate {
  tallies.set(template, updated);
  let wrapper = wrappers.get(template);
  if (wrapper === undefined) {
    wrapper = {
      same: template.same,
      dirty: (previous, next) => {
        const dirty = template.dirty(previous, next);
        if (dirty !== null) tallies.get(template)?.();
        return dirty;
      },
    };
    wrappers.set(template, wrapper);
  }
  return wrapper;
}

/** How many times the diff found a counted template's values changed. */
const changes = (counter: { renders: number; updates?: number }) =>
  counter.renders + (counter.updates ?? 0);

const row = (id: number, label: string, selected: boolean, message: unknown = { select: id }) =>
  html<unknown>`
    <tr key=${id} class=${selected ? "danger" : ""}>
      <td class="col-md-1">${id}</td>
      <td class="col-md-4"><a onClick=${message}>${label}</a></td>
      <td class="col-md-6"></td>
    </tr>`;

const rowByHand = (id: number, label: string, selected: boolean) =>
  h(
    "tr",
    { key: String(id), class: selected ? "danger" : "" },
    h("td", { class: "col-md-1" }, id),
    h("td", { class: "col-md-4" }, h("a", { onClick: { select: id } }, label)),
    h("td", { class: "col-md-6" }),
  );

describe("html templates", () => {
  test("render as the same view written with h", () => {
    const rows = [
      [1, "one", false],
      [2, "<two> & 'three'", true],
    ] as const;
    expect(
      render(
        h(
          "tbody",
          null,
          rows.map(([id, l, s]) => row(id, l, s)),
        ),
      ),
    ).toBe(
      render(
        h(
          "tbody",
          null,
          rows.map(([id, l, s]) => rowByHand(id, l, s)),
        ),
      ),
    );
  });

  test("any view in a content hole renders as it would in h", () => {
    const wrap = (child: View, title: string) =>
      html<unknown>`<section title=${title}><p>${child}</p>tail</section>`;
    fc.assert(
      fc.property(anyView, fc.constantFrom("", "t", "a b"), (child, title) => {
        expect(render(wrap(child, title))).toBe(
          render(h("section", { title }, h("p", null, child), "tail")),
        );
      }),
      { numRuns: 300 },
    );
  });

  test("several roots make a fragment; attribute text joins its parts", () => {
    const view = html`${"a"}<i class="x ${1} y" data-v=${false}>${2}</i>${null}b`;
    expect(view.kind).toBe(NodeKind.Memo);
    expect(render(h("div", null, view))).toBe('<div>a<i class="x 1 y">2</i>b</div>');
  });

  test("alike values keep the old nodes without rendering; messages compare by value", () => {
    const counter = { renders: 0 };
    const page = (selected: number) =>
      h(
        "tbody",
        null,
        [1, 2, 3].map((id) => counted(row(id, `r${id}`, id === selected), counter)),
      );
    const view = live(page(0));
    expect(counter.renders).toBe(3);
    // Every row's message is a new object equal to the last: nothing renders, nothing is sent.
    expect(view.next(page(0))).toEqual([]);
    expect(changes(counter)).toBe(3);
    // Selecting row 2 updates row 2 alone, in place: nothing is built again.
    expect(view.next(page(2))).toEqual([[0, 1], 1, "class", "danger"]);
    expect(counter).toEqual({ renders: 3, updates: 1 });
  });

  test("a changed message, a new closure or another Date is a change", () => {
    const counter = { renders: 0 };
    const handlerOf = (message: unknown) =>
      h("tbody", null, counted(row(1, "x", false, message), counter));
    const fn = () => ({ select: 1 });
    const view = live(handlerOf({ select: 1 }));
    view.next(handlerOf({ select: 2 }));
    expect(changes(counter)).toBe(2);
    view.next(handlerOf(fn));
    view.next(handlerOf(fn));
    expect(changes(counter)).toBe(3);
    view.next(handlerOf(() => ({ select: 1 })));
    expect(changes(counter)).toBe(4);
    view.next(handlerOf({ at: new Date(1) }));
    view.next(handlerOf({ at: new Date(2) }));
    expect(changes(counter)).toBe(6);
    view.next(handlerOf(on({ select: 1 }, { debounce: 100 })));
    view.next(handlerOf(on({ select: 1 }, { debounce: 100 })));
    expect(changes(counter)).toBe(7);
    view.next(handlerOf(on({ select: 1 }, { debounce: 200 })));
    expect(changes(counter)).toBe(8);
  });

  test("a template holding a template compares it by its values", () => {
    const counter = { renders: 0 };
    const cell = (label: string) => html`<b>${label}</b>`;
    const outer = (label: string) => counted(html`<div>${cell(label)}</div>`, counter);
    const view = live(h("main", null, outer("a")));
    view.next(h("main", null, outer("a")));
    expect(changes(counter)).toBe(1);
    expect(view.next(h("main", null, outer("b")))).toEqual([[0, 0, 0, 0], 0, "b"]);
    expect(changes(counter)).toBe(2);
  });

  test("a change in place touches only the elements whose values changed", () => {
    const counter = { renders: 0 };
    const card = (title: string, body: string, n: number) =>
      counted(
        html<unknown>`<article title=${title}><h2>${title}</h2><p>static</p><p class="n${n}">${body}</p></article>`,
        counter,
      );
    const view = live(h("main", null, card("t", "b", 1)));
    expect(view.next(h("main", null, card("t", "c", 2)))).toEqual([
      [0, 0, 2],
      1,
      "class",
      "n2",
      [0, 0, 2, 0],
      0,
      "c",
    ]);
    expect(view.next(h("main", null, card("u", "c", 2)))).toEqual([
      [0, 0],
      1,
      "title",
      "u",
      [0, 0, 0, 0],
      0,
      "u",
    ]);
    expect(counter).toEqual({ renders: 1, updates: 2 });
    expect(renderChildren(view.root)).toBe(render(h("main", null, card("u", "c", 2))));
  });

  test("a change on an element after a value diffs the children of the nearest placed one", () => {
    const counter = { renders: 0 };
    const after = (lead: unknown, x: string) =>
      counted(html<unknown>`<div><p>${lead}<b title=${x}>x</b></p><i>${x}</i></div>`, counter);
    const view = live(h("main", null, after("a", "1")));
    // <b> follows a value that may stand for any number of nodes: its place is unknown, so the
    // children of <p> are diffed; <i> is updated where it is.
    expect(view.next(h("main", null, after("a", "2")))).toEqual([
      [0, 0, 0, 1],
      1,
      "title",
      "2",
      [0, 0, 1, 0],
      0,
      "2",
    ]);
    view.next(h("main", null, after(["a", h("i", null, "i")], "3")));
    expect(counter).toEqual({ renders: 1, updates: 2 });
    expect(renderChildren(view.root)).toBe(
      render(h("main", null, after(["a", h("i", null, "i")], "3"))),
    );
  });

  test("nothing inside lucent-ignore is patched; turning it off brings the children up to date", () => {
    const view = live(h("main", null, html`<div lucent-ignore><canvas width=${1}></canvas></div>`));
    expect(
      view.next(h("main", null, html`<div lucent-ignore><canvas width=${2}></canvas></div>`)),
    ).toEqual([]);
    const box = (ignore: boolean, text: string) => html`<div lucent-ignore=${ignore}>${text}</div>`;
    const other = live(h("main", null, box(true, "a")));
    other.next(h("main", null, box(true, "b")));
    other.next(h("main", null, box(false, "b")));
    expect(renderChildren(other.root)).toBe("<main><div>b</div></main>");
  });

  test("a key below the root is an identity: a new key recreates its element", () => {
    const list = (key: string, n: number) =>
      html`<ul><li key=${key}><input></li><li>${n}</li></ul>`;
    const view = live(h("main", null, list("a", 1)));
    const ul = (view.root.children[0] as LiveElement).children[0] as LiveElement;
    const first = ul.children[0];
    view.next(h("main", null, list("b", 1)));
    expect(ul.children[0]).not.toBe(first);
    expect((ul.children[0] as LiveElement).key).toBe("b");
    const second = ul.children[0];
    view.next(h("main", null, list("b", 2)));
    expect(ul.children[0]).toBe(second);
  });

  test("memos and templates under a touched element are diffed: their controls are re-sent", () => {
    const row = html<unknown>`<div><input value=${""}></div>`;
    for (const inner of [memo(["x"], () => h("div", null, h("input", { value: "" }))), row]) {
      const view = () => h("main", null, h("form", { "on:input": { typed: true } }, inner));
      const root = createRoot();
      const registry = createHandlerRegistry();
      mountView(root, view(), registry, 0);
      const form = (root.children[0] as LiveElement).children[0] as LiveElement;
      expect(diffView(root, view(), registry, 1, new Set([form]))).toContainEqual("value");
      // And with nothing touched, they are kept as they are.
      expect(diffView(root, view(), registry, 2)).toEqual([]);
    }
  });

  test("a touched form control inside a template or memo gets its value re-sent", () => {
    // The user typed into the input; the app kept its value "": the browser must show "".
    const form = (n: number) =>
      html<unknown>`<form on:input=${{ typed: true }}><input value=${""}><span>${n}</span></form>`;
    for (const [first, next] of [
      [form(1), form(2)],
      [form(1), form(1)],
      [memo([1], () => form(1)), memo([1], () => form(1))],
    ] as const) {
      const root = createRoot();
      const registry = createHandlerRegistry();
      mountView(root, h("main", null, first), registry, 0);
      const formElement = (root.children[0] as LiveElement).children[0] as LiveElement;
      const ops = diffView(root, h("main", null, next), registry, 1, new Set([formElement]));
      expect(ops).toContainEqual("value");
    }
  });

  test("a template of several roots renders again when its values change", () => {
    const counter = { renders: 0 };
    const roots = (x: string) => counted(html`<b>${x}</b><i>${x}</i>`, counter);
    const view = live(h("main", null, roots("a")));
    view.next(h("main", null, roots("b")));
    expect(counter).toEqual({ renders: 2 });
    expect(renderChildren(view.root)).toBe("<main><b>b</b><i>b</i></main>");
  });

  test("two templates in one place never share nodes, even with equal values", () => {
    const bold = (x: string) => html`<b>${x}</b>`;
    const italic = (x: string) => html`<i>${x}</i>`;
    const view = live(h("p", null, bold("same")));
    view.next(h("p", null, italic("same")));
    expect(renderChildren(view.root)).toBe("<p><i>same</i></p>");
    // A memo with the same deps in the same place is no template either.
    view.next(
      h("p", null, {
        kind: NodeKind.Memo,
        key: undefined,
        deps: ["same"],
        render: () => h("u", null, "u"),
      }),
    );
    expect(renderChildren(view.root)).toBe("<p><u>u</u></p>");
  });

  test("key on the root keys the template: rows move, neither rebuilt nor diffed", () => {
    const counter = { renders: 0 };
    const page = (ids: number[]) =>
      h(
        "tbody",
        null,
        ids.map((id) => counted(row(id, `r${id}`, false), counter)),
      );
    const view = live(page([1, 2, 3]));
    const tbody = (view.root.children[0] as LiveElement).children;
    const first = tbody[0];
    view.next(page([3, 2, 1]));
    const after = (view.root.children[0] as LiveElement).children;
    expect(changes(counter)).toBe(3);
    expect(after[2]).toBe(first);
    expect((row(7, "x", false) as MemoNode<unknown>).key).toBe("7");
    expect((html`<p>${1}</p>` as MemoNode<unknown>).key).toBeUndefined();
  });

  test("a value that cannot stand inside attribute text throws", () => {
    expect(() => render(html`<p class="a ${{ b: true }}"></p>`)).toThrow(
      "a value inside an attribute's text must be a string or a number, got object",
    );
  });

  test("a js: attribute takes one chain made with js: no text, no value inside text", () => {
    const evil = '[["set-attribute","","onclick","alert(1)"]]';
    expect(() => render(html`<button js:click=${evil}>x</button>`)).toThrow(
      "html template: js:click takes a command chain made with js, got string",
    );
    expect(() => html`<button js:click='[["add-class","","${"x"}"]]'>x</button>`).toThrow(
      "js:click takes a command chain made with js as its value",
    );
    expect(() => html`<button js:click='[["show",""]]'>x</button>`).toThrow(
      "takes a command chain made with js as its value",
    );
    expect(render(html`<button js:click=${js.show("#m")}>x</button>`)).toBe(
      '<button js:click="[[&quot;show&quot;,&quot;#m&quot;]]">x</button>',
    );
  });

  test("only a tagged template's strings are markup: an array of data is refused", () => {
    const strings = JSON.parse('["<img src=x onerror=alert(1)>"]') as TemplateStringsArray;
    expect(() => html(strings)).toThrow("html is a tag, called as html`...`, not with an array");
  });

  test("a hole inside <textarea> or <title> takes text: a node there is refused", () => {
    expect(render(html`<textarea>${"a"}${1}${null}</textarea>`)).toBe("<textarea>a1</textarea>");
    expect(() => render(html`<textarea>${h("b", null)}</textarea>`)).toThrow(
      "<textarea> and <title> hold text only, got a node or a list",
    );
    expect(() => render(html`<title>${["a"]}</title>`)).toThrow("hold text only");
  });

  test("an object or function given to a plain attribute throws; onclick takes no value at all", () => {
    expect(() => render(html<unknown>`<a onclick=${{ select: 1 }}>x</a>`)).toThrow(
      "html template: a value in onclick would run as script: an event is onClick or on:click",
    );
    expect(() => render(html<unknown>`<a onclick=${"save()"}>x</a>`)).toThrow(
      "a value in onclick would run as script",
    );
    expect(render(html<unknown>`<a onclick="history.back()">x</a>`)).toBe(
      '<a onclick="history.back()">x</a>',
    );
    expect(() => render(html<unknown>`<a title=${() => 1}>x</a>`)).toThrow(
      "html template: title takes text, got function",
    );
    expect(
      render(
        html<unknown>`<a class=${["a", false, "b"]} style=${{ color: "red" }} hidden=${true}>x</a>`,
      ),
    ).toBe('<a class="a b" style="color:red" hidden="">x</a>');
  });

  test("an event hole refuses view nodes and command chains, which no message is", () => {
    expect(() => render(html<unknown>`<a onClick=${h("b", null)}>x</a>`)).toThrow(
      "html template: onClick takes a message or a handler, got a view node or commands",
    );
    expect(() => render(html<unknown>`<a on:click=${html`<b></b>`}>x</a>`)).toThrow(
      "got a view node",
    );
    expect(() => render(html<unknown>`<a onClick=${js.toggle("#m")}>x</a>`)).toThrow("or commands");
    // Messages that look like nodes in part are still messages.
    expect(render(html<unknown>`<a onClick=${{ kind: 0, id: 1 }}>x</a>`)).toBe(
      '<a on:click="0">x</a>',
    );
  });

  test("a key needs a value, on the one root", () => {
    expect(() => html`<li key>x</li>`).toThrow("html template: key needs a value");
    expect(() => html`<li key=${1}>x</li><li>y</li>`).toThrow(
      "html template: key on one of several roots keys nothing",
    );
  });

  test("class lists and records compare by identity: their order decides the text", () => {
    const item = (cls: unknown) => html<unknown>`<p class=${cls}>x</p>`;
    const view = live(h("main", null, item({ a: true, b: true })));
    view.next(h("main", null, item({ b: true, a: true })));
    expect(renderChildren(view.root)).toBe('<main><p class="b a">x</p></main>');
    view.next(h("main", null, item(Object.assign(Object.create({ c: true }), { b: true }))));
    expect(renderChildren(view.root)).toBe('<main><p class="b c">x</p></main>');
  });

  test("a bad template throws when first called, naming the place", () => {
    const bad = () => html`<p><b></p>`;
    expect(bad).toThrow("html template: </p> closes <b>");
    expect(bad).toThrow("html template: </p> closes <b>");
  });
});
