/**
 * Invariant 1 in real Chromium: a sample of the diff/apply property. Views are generated and
 * diffed in Node; the page builds A with the client's own code (bundled from source), applies the
 * ops, and reports the DOM it ends with, which Node compares with B and with the server's tree.
 */
import { h } from "@lucent/server";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { rowsView, shuffledRows, view } from "../support/arbitraries.ts";
import { checkPair, preparePair, runInPage, useHarnessPage } from "../support/browser-harness.ts";

const harness = useHarnessPage();

describe("diff then apply in Chromium equals a fresh build", () => {
  test("random pairs of views", async () => {
    await fc.assert(
      fc.asyncProperty(view, view, async (a, b) => {
        const prepared = preparePair(a, b, false);
        checkPair(prepared, await runInPage(harness.page, prepared));
      }),
      { numRuns: 200 },
    );
  });

  test("long keyed lists: moves, inserts and removals keep row identity", async () => {
    let kept = 0;
    await fc.assert(
      fc.asyncProperty(shuffledRows, async ({ a, b }) => {
        const prepared = preparePair(rowsView(a), rowsView(b), false);
        kept += prepared.input.keep.length;
        checkPair(prepared, await runInPage(harness.page, prepared));
      }),
      { numRuns: 40 },
    );
    expect(kept).toBeGreaterThan(40 * 50);
  });

  test("removing value from a checkbox leaves no value attribute", async () => {
    const prepared = preparePair(
      h("input", { type: "checkbox", value: "x" }),
      h("input", { type: "checkbox" }),
      false,
    );
    const out = await runInPage(harness.page, prepared);
    expect(out.patched).toEqual([
      {
        tag: "input",
        ns: "http://www.w3.org/1999/xhtml",
        attributes: { type: "checkbox" },
        props: { value: "on", checked: false },
        children: [],
      },
    ]);
    checkPair(prepared, out);
  });
});
