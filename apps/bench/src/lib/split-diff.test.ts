// @vitest-environment happy-dom
// The static/dynamic split prototype is only worth its figures if its frames are right: the
// client's applier turns the DOM Lucent renders for one model into the DOM it renders for the next.
import { applyPatch, createDomWriter } from "@lucent/client";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EMPTY, type JfbModel, view as jfbView, OPERATIONS, splitView, states } from "./jfb.ts";
import { renderHtml } from "./lucent.ts";
import { createBindings, keyed, mountSplit, splitDiff, tpl } from "./split-diff.ts";

// Binding references are each server's to number: the DOM is compared without them, and the
// prototype's are checked against its own registry.
const unbound = (html: string) => html.replace(/ (on:[a-z]+)="[^"]*"/g, ' $1=""');

// happy-dom's `getAttribute("on:click")` keeps answering the first value after `setAttribute`
// changed it (capricorn86/happy-dom#2229: names with a colon); the attribute list has it right.
const binding = (element: Element) =>
  [...element.attributes].find((attribute) => attribute.name === "on:click")?.value;

function expectPatches(before: JfbModel, after: JfbModel): void {
  const root = document.createElement("lucent-view");
  root.innerHTML = renderHtml(jfbView(before));
  const bindings = createBindings();
  const previous = splitView(before);
  mountSplit(previous, bindings);
  // The page's references are the prototype's from here on, as after a mount of its own.
  const refs = [...root.querySelectorAll("[on\\:click]")];
  const mounted = [...bindings.messages.keys()];
  refs.forEach((element, i) => {
    element.setAttribute("on:click", String(mounted[i]));
  });
  const frame = splitDiff(previous, splitView(after), bindings);
  applyPatch(root, JSON.parse(frame), createDomWriter(document));
  expect(unbound(root.innerHTML)).toBe(unbound(renderHtml(jfbView(after))));
  // Every link means its row's message, and rows that left hold no reference any more.
  const links = [...root.querySelectorAll("tbody a")];
  expect(links.map((a) => bindings.messages.get(Number(binding(a))))).toEqual(
    after.rows.flatMap((r) => [
      { type: "select", id: r.id },
      { type: "remove", id: r.id },
    ]),
  );
  expect(bindings.messages.size).toBe(6 + 2 * after.rows.length);
}

describe("the static/dynamic split prototype", () => {
  test.each(OPERATIONS.filter((op) => op.name !== "create10k").map((op) => [op.name, op] as const))(
    "%s, both ways",
    (_, op) => {
      const { before, after } = states(op);
      expectPatches(before, after);
      expectPatches(after, before);
    },
  );

  test("any table becomes any other: rows kept, moved, added, removed, relabelled, selected", () => {
    const label = fc.constantFrom("a", "b", "c <&>", "d");
    const model = fc
      .record({
        ids: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 25 }),
        labels: fc.array(label, { minLength: 25, maxLength: 25 }),
        selected: fc.integer({ min: 0, max: 40 }),
      })
      .map(
        ({ ids, labels, selected }): JfbModel => ({
          ...EMPTY,
          rows: ids.map((id, i) => ({ id, label: labels[i] as string })),
          selected,
        }),
      );
    fc.assert(
      fc.property(model, model, (before, after) => expectPatches(before, after)),
      { numRuns: 300 },
    );
  });

  test("templates it cannot read are refused, not misread", () => {
    const hole = "x";
    expect(() => tpl`<p>a ${hole}</p>`).toThrow(/only child|stands alone/);
    expect(() => tpl`<p class="a ${hole}"></p>`).toThrow(/whole value/);
    expect(() => tpl`<p></p><p></p>`).toThrow(/one root/);
    expect(() => tpl`just text`).toThrow(/one root/);
    expect(() => tpl`<p><b></p>`).toThrow(/closes/);
    expect(() => tpl`<p>&amp;</p>`).toThrow(/character references/);
    expect(() => tpl`<p>\uE000</p>`).toThrow(/marks holes/);
  });

  test("rows of one template go as op 8, unless some fill an attribute others leave out", () => {
    const rows = (selected: number) => ({
      ...EMPTY,
      rows: [1, 2, 3].map((id) => ({ id, label: `row ${id}` })),
      selected,
    });
    const frame = (after: JfbModel) => {
      const bindings = createBindings();
      const before = splitView(EMPTY);
      mountSplit(before, bindings);
      return JSON.parse(splitDiff(before, splitView(after), bindings)) as unknown[];
    };
    expect(frame(rows(0)).slice(0, 2)).toEqual([[0, 1, 0], 8]);
    expect(frame(rows(2)).slice(0, 2)).toEqual([[0, 1, 0], 3]);
    expectPatches(EMPTY, rows(0));
    expectPatches(EMPTY, rows(2));
  });

  test("a changed message stays behind its reference, which now means the new message", () => {
    const button = (n: number) => tpl`<button on:click=${{ type: "add", n }}>+</button>`;
    const bindings = createBindings();
    const before = button(1);
    mountSplit(before, bindings);
    expect(splitDiff(before, button(2), bindings)).toBe("[]");
    expect([...bindings.messages]).toEqual([[0, { type: "add", n: 2 }]]);
  });

  test("values it cannot place are refused: a list turned text, an object as text, a render twice", () => {
    const item = (key: string) => keyed(key, tpl`<li>${key}</li>`);
    const page = (content: unknown) => tpl`<ul>${content}</ul>`;
    const bindings = createBindings();
    const list = page([item("a")]);
    mountSplit(list, bindings);
    expect(() => splitDiff(list, page("text"), bindings)).toThrow(/list to a text/);
    expect(() => mountSplit(page({}), createBindings())).toThrow(/string or number/);
    expect(() => mountSplit(tpl`<p class=${{}}></p>`, createBindings())).toThrow(
      /string or number/,
    );
    const shared = item("b");
    const twice = page([shared]);
    mountSplit(twice, createBindings());
    expect(() => mountSplit(page([shared]), createBindings())).toThrow(/once/);
  });

  test("a list whose keys repeat is refused where keys are looked up", () => {
    const list = (keys: string[]) =>
      tpl`<ul>${keys.map((key) => keyed(key, tpl`<li>${key}</li>`))}</ul>`;
    const bindings = createBindings();
    const before = list(["a", "c", "a"]);
    mountSplit(before, bindings);
    expect(() => splitDiff(before, list(["c", "c"]), bindings)).toThrow(/repeated/);
  });
});
