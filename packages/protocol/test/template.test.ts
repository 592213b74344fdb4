import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillTemplate, type WireTemplate } from "../src/index.ts";
import { holed } from "./arbitraries.ts";

describe("fillTemplate (SPEC §6, op 8)", () => {
  it("gives back the node its holes were knocked out of", () => {
    fc.assert(
      fc.property(holed, ({ node, template, values }) => {
        expect(fillTemplate(template, values)).toEqual(node);
      }),
      { numRuns: 500 },
    );
  });

  it("fills holes in document order: attributes first, then children depth first", () => {
    const template: WireTemplate = [
      "tr",
      { id: null },
      ["td", 0, null],
      ["td", { class: null }, null],
    ];
    expect(fillTemplate(template, ["r", "1", "c", "2"])).toEqual([
      "tr",
      { id: "r" },
      ["td", 0, "1"],
      ["td", { class: "c" }, "2"],
    ]);
  });

  it("keeps an attribute named __proto__, as JSON.parse reads it, as an own attribute", () => {
    const template = JSON.parse('["i", {"__proto__": null, "id": "x"}]') as WireTemplate;
    const filled = fillTemplate(template, ["p"]);
    expect(Object.getPrototypeOf(filled[1])).toBe(Object.prototype);
    expect(Object.entries(filled[1] as object)).toEqual([
      ["__proto__", "p"],
      ["id", "x"],
    ]);
  });

  it("refuses a row that does not match the holes", () => {
    expect(() => fillTemplate(["p", 0, null], [])).toThrow(/too short/);
    expect(() => fillTemplate(["p", 0, null], ["a", "b"])).toThrow(/too long/);
  });
});
