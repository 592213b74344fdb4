/**
 * Invariant 2 with Chromium's HTML parser, the one that counts: the server's HTML for A parses
 * into the DOM the client builds from A's wire tree, and diff(A, B) applied to that parsed DOM
 * yields B. This covers what happy-dom's parser gets wrong (foreign content, the newline after
 * <pre>/<textarea>, raw text elements, carriage returns).
 */
import { h, type Node as View } from "@lucent/server";
import fc from "fast-check";
import { describe, test } from "vitest";
import { parseSafeView } from "../support/arbitraries.ts";
import { checkPair, preparePair, runInPage, useHarnessPage } from "../support/browser-harness.ts";

const harness = useHarnessPage();

const safe = parseSafeView({ browserOnly: true });

describe("server-rendered HTML in Chromium, adopted and patched", () => {
  test("parses back to the built DOM, and diff(A, B) turns it into B", async () => {
    await fc.assert(
      fc.asyncProperty(safe, safe, async (a, b) => {
        const prepared = preparePair(a, b, true);
        checkPair(prepared, await runInPage(harness.page, prepared));
      }),
      { numRuns: 200 },
    );
  });
});

describe("found in Chromium: markup that did not parse back", () => {
  const adopt = async (view: View<unknown>) => {
    const prepared = preparePair(view, view, true);
    checkPair(prepared, await runInPage(harness.page, prepared));
  };

  // The parser turns CR and CRLF into LF; a character reference keeps the CR.
  test("carriage returns in text and attribute values", async () => {
    await adopt(h("p", { title: "a\rb\r\nc" }, "d\re\r\nf"));
  });

  // The HTML serialisation algorithm writes the text of these elements literally. (In
  // <noscript> without "<", which the server refuses there: without scripts it is markup.)
  test.each(["xmp", "iframe", "noembed", "noframes", "noscript"])(
    "text inside <%s> is raw text",
    async (tag) => {
      const body = tag === "noscript" ? "a&b c &amp; >" : "a&b <i>c</i> &amp;";
      await adopt(h("div", null, h(tag, null, body)));
    },
  );

  // Children of these are HTML (SPEC §5): a <br> there is a void element (not <br></br>, which
  // parses as two), <style> holds raw text, and <pre> loses a leading newline.
  test.each([
    ["svg title", h("svg", null, h("title", null, "a", h("br"), "b"))],
    ["svg desc", h("svg", null, h("desc", null, h("style", null, "a > b & c")))],
    ["math mi", h("math", null, h("mi", null, "x", h("br")))],
    ["math mtext", h("math", null, h("mtext", null, h("pre", null, "\nindented")))],
  ])("HTML inside %s", async (_, view) => {
    await adopt(view);
  });
});
