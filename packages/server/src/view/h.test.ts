import { describe, expect, test } from "vitest";
import { on } from "./events.ts";
import { h, raw } from "./h.ts";

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
  });

  test("void elements take no children, and raw HTML excludes children", () => {
    expect(() => h("br", null, "x")).toThrow(/void element/);
    expect(() => h("div", { innerHTML: "<b>x</b>" }, "child")).toThrow(
      /both innerHTML and children/,
    );
    expect(raw("div", null, "<b>x</b>").html).toBe("<b>x</b>");
  });
});
