import { describe, expect, test } from "vitest";
import { view as jfbView, memoView, OPERATIONS, states, templateView } from "./jfb.ts";
import { mount, patchJson, renderHtml } from "./lucent.ts";

// The diff area compares the page written three ways; each must be the same work to the client.
describe("the benchmark page written with memo or html templates", () => {
  test.each(OPERATIONS.map((op) => [op.name, op] as const))(
    "%s: the same page and the same frame as the h page",
    (_name, op) => {
      const { before, after } = states(op);
      const plain = mount(jfbView(before));
      const expected = patchJson(plain, jfbView(after));
      const back = patchJson(plain, jfbView(before));
      expect(expected.length).toBeGreaterThan(2);
      for (const written of [memoView, templateView]) {
        expect(renderHtml(written(before))).toBe(renderHtml(jfbView(before)));
        const m = mount(written(before));
        expect(patchJson(m, written(after))).toBe(expected);
        // And back again: the rows kept unbuilt must still be right.
        expect(patchJson(m, written(before))).toBe(back);
      }
    },
  );
});
