import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { js } from "./commands.ts";
import { on } from "./events.ts";
import { h, raw } from "./h.ts";
import { NodeKind, text } from "./node.ts";

describe("h", () => {
  test("props become attributes, events and a key", () => {
    const node = h("input", {
      key: 3,
      class: ["a", false, "b"],
      style: { fontSize: "2px", "--x": 1, color: null },
      disabled: true,
      hidden: false,
      value: 5,
      onInput: (e) => e.value,
      "on:my-event": "custom",
    });
    expect(node.key).toBe("3");
    expect(node.attributes).toEqual({
      class: "a b",
      style: "font-size:2px;--x:1",
      disabled: "",
      value: "5",
    });
    expect(node.events.map((e) => e.type)).toEqual(["input", "my-event"]);
  });

  test("a list given as the only child is normalised into a list of the element's own", () => {
    const rows = [h("li", {}, "a"), h("li", {}, "b")];
    const list = h("ul", {}, rows);
    const reversed = h("ol", {}, rows.reverse());
    // An app may reuse or reorder its list after passing it: each element keeps what it was given.
    expect(list.children.map((c) => c.kind === NodeKind.Element && c.children[0])).toEqual([
      text("a"),
      text("b"),
    ]);
    expect(reversed.children).toEqual(rows);
    rows.length = 0;
    expect(reversed.children).toHaveLength(2);
    const mixed: (ReturnType<typeof h> | string | null)[] = [h("li", {}), "tail", null];
    const normalised = h("ul", {}, mixed);
    expect(normalised.children.map((c) => c.kind)).toEqual([NodeKind.Element, NodeKind.Text]);
    expect(mixed).toEqual([h("li", {}), "tail", null]);
    expect(h("ul", {}, [[h("li", {})], "x"]).children.map((c) => c.kind)).toEqual([
      NodeKind.Element,
      NodeKind.Text,
    ]);
  });

  test("submit prevents the default unless told otherwise; options are validated", () => {
    expect(h("form", { onSubmit: "go" }).events[0]!.options.preventDefault).toBe(true);
    expect(
      h("form", { onSubmit: on("go", { preventDefault: false }) }).events[0]!.options
        .preventDefault,
    ).toBe(false);
    expect(() => h("a", { onClick: on("x", { include: ["target..id"] }) })).toThrow(/dot path/);
    expect(() => h("form", { onSubmit: on("x", { clear: ["a b"] }) })).toThrow(/field name/);
  });

  test("names the browser would refuse fail when the view is built", () => {
    expect(() => h("div x")).toThrow(/not a valid name/);
    expect(() => h("div", { 'a"b': "1" })).toThrow(/not a valid name/);
    expect(() => h("div", { "": "1" })).toThrow(/not a valid name/);
    expect(h("my-element", { "aria-label": "ok", "xlink:href": "#a" }).tag).toBe("my-element");
    // Each kind of name is remembered apart: a valid attribute name can be an invalid tag.
    h("div", { "1x": "a" });
    expect(() => h("1x")).toThrow(/not a valid name/);
  });

  test("void elements take no children, and raw HTML excludes children", () => {
    expect(() => h("br", null, "x")).toThrow(/void element/);
    expect(() => h("div", { innerHTML: "<b>x</b>" }, "child")).toThrow(
      /both innerHTML and children/,
    );
    expect(raw("div", null, "<b>x</b>").extras?.html).toBe("<b>x</b>");
  });

  // Props of plain strings serve as the attribute record as given; any other props are copied and
  // converted. Either way the element must be what the props say, as this slow model reads them.
  test("attributes, events, key and extras are what the props say, whichever path made them", () => {
    const names = ["id", "title", "data-x", "class", "style", "key", "onClick", "on:my-event"];
    const rare = ["lucent-ignore", "innerHTML", "children", "checked", 'a"b'];
    const value = fc.oneof(
      fc.constantFrom("", "x", "col-md-1", "0"),
      fc.integer({ min: -2, max: 2 }),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    const props = fc.dictionary(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, fc.constantFrom(...rare)),
      value,
      { maxKeys: 5 },
    );
    fc.assert(
      fc.property(props, (given) => {
        const expected = expectedElement(given);
        let node: ReturnType<typeof h>;
        try {
          node = h("div", given as Record<string, string>);
        } catch (error) {
          expect(expected).toBe("throws");
          expect(String(error)).toMatch(/not a valid name/);
          return;
        }
        expect(expected).not.toBe("throws");
        if (expected === "throws") return;
        expect({ ...node.attributes }).toEqual(expected.attributes);
        expect(node.events.map((e) => e.type)).toEqual(expected.events);
        expect(node.key).toBe(expected.key);
        expect(node.extras?.html).toBe(expected.html);
        expect(node.extras?.controlled).toEqual(expected.controlled);
        expect(node.extras?.ignore ?? false).toBe("lucent-ignore" in expected.attributes);
      }),
      { numRuns: 2000 },
    );
  });
});

interface Expected {
  attributes: Record<string, string>;
  events: string[];
  key: string | undefined;
  html: string | undefined;
  controlled: string[] | undefined;
}

/** What `h` makes of props, read the slow way (strings, numbers and booleans; no class lists). */
function expectedElement(props: Record<string, unknown>): Expected | "throws" {
  const out: Expected = {
    attributes: {},
    events: [],
    key: undefined,
    html: undefined,
    controlled: undefined,
  };
  for (const [name, value] of Object.entries(props)) {
    if (value === false && (name === "checked" || name === "selected"))
      (out.controlled ??= []).push(name);
    if (value === undefined || value === null || value === false) continue;
    if (name === "onClick") out.events.push("click");
    else if (name === "on:my-event") out.events.push("my-event");
    else if (name === "key") out.key = String(value);
    else if (name === "innerHTML") out.html = String(value);
    else if (name === "children") continue;
    else if (name === 'a"b') return "throws";
    else if (name === "class" || name === "style") {
      // Other values are lists and records, which this model does not generate.
      if (typeof value === "string" && value !== "") out.attributes[name] = value;
    } else out.attributes[name] = value === true ? "" : String(value);
  }
  return out;
}

describe("client-side commands from data", () => {
  const evil = '[["set-attribute","","onclick","alert(1)"],["dispatch","","click"]]';

  test("a js: prop takes a chain made with js, never text, in any case of its name", () => {
    expect(() => h("button", { "js:click": evil })).toThrow(
      "<button>: js:click takes a command chain made with js, got string",
    );
    expect(() => h("button", { "JS:Click": evil })).toThrow("takes a command chain made with js");
    expect(h("button", { "js:click": js.toggle("#menu") }).attributes).toEqual({
      "js:click": '[["toggle","#menu"]]',
    });
  });

  test("commands cannot write an attribute the browser runs as script", () => {
    expect(() => js.setAttribute("onclick", "alert(1)")).toThrow(
      "js.setAttribute: onclick would run its value as script",
    );
    expect(() => js.toggleAttribute("ONFOCUS")).toThrow("would run its value as script");
    expect(js.setAttribute("aria-expanded", "true")).toBeDefined();
  });
});
