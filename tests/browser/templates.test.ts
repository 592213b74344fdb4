/**
 * Invariant 2 for `html` templates in Chromium: markup the template parser accepts is parsed by
 * the browser into the tree the template describes (so the first page, adopted, is the DOM the
 * client would build); markup the browser would rebuild (a row straight in a table, a block in a
 * paragraph, a link in a link) is refused when the template is first called.
 */
import { h, html, type Node as View } from "@lucent/server";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { checkPair, preparePair, runInPage, useHarnessPage } from "../support/browser-harness.ts";

const harness = useHarnessPage();

/** A template from markup alone, parsed afresh (its strings are a new array each time). */
const template = (markup: string): View<unknown> =>
  html(Object.assign([markup], { raw: [markup] }) as unknown as TemplateStringsArray);

const TAGS = ["table", "caption", "colgroup", "thead", "tbody", "tr", "td", "th"] as const;
const FLOW = [
  "div",
  "p",
  "span",
  "a",
  "b",
  "i",
  "form",
  "button",
  "section",
  "ul",
  "li",
  "h1",
  "h2",
  "dl",
  "dd",
  "dt",
];
const markup: fc.Arbitrary<string> = fc
  .letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom("x", " ", "<br>", "<hr>", "<col>"),
      fc
        .tuple(fc.constantFrom(...TAGS, ...FLOW), fc.array(tie("node"), { maxLength: 3 }))
        .map(([tag, children]) => `<${tag}>${children.join("")}</${tag}>`),
    ),
  }))
  .node.map((inner) => `<div>${inner}</div>`);

describe("html templates in Chromium", () => {
  test("markup the parser accepts parses back to the template's tree; the rest is refused", async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(markup, async (source) => {
        let view: View<unknown>;
        try {
          view = template(source);
          preparePair(view, view, true);
        } catch (error) {
          expect(String(error)).toMatch(/^Error: html template: /);
          refused++;
          return;
        }
        accepted++;
        const prepared = preparePair(view, view, true);
        checkPair(prepared, await runInPage(harness.page, prepared));
      }),
      { numRuns: 400 },
    );
    // Not vacuous: both kinds came up often.
    expect(accepted).toBeGreaterThan(80);
    expect(refused).toBeGreaterThan(80);
  });

  test.each([
    ["<table><tr><td>x</td></tr></table>", "gets a <tbody> around it"],
    ["<p>a<div>x</div></p>", "<div> inside <p> closes the <p>"],
    ["<p><span><ul></ul></span></p>", "<ul> inside <p> closes the <p>"],
    ["<a>1<b><a>2</a></b></a>", "<a> inside <a> is not nested"],
    ["<form><div><form></form></div></form>", "<form> inside <form> is not nested"],
    ["<h1><h2>x</h2></h1>", "<h2> inside <h1> closes the <h1>"],
    ["<ul><li><li>x</li></li></ul>", "<li> inside <li> closes the <li>"],
    ["<ul><li><span><li>x</li></span></li></ul>", "<li> inside <li> closes the <li>"],
    ["<dl><dd><div><dt>x</dt></div></dd></dl>", "<dt> inside <dd> closes the <dd>"],
    ["<button><div><button>x</button></div></button>", "<button> inside <button> closes"],
    ["<tr>x</tr>", "text directly inside <tr>"],
    ["<div><td>x</td></div>", "<td> belongs in a <tr>"],
    ["<div><col></div>", "<col> belongs in a <colgroup>"],
    ["<DIV></DIV>", "HTML tag names are lowercase"],
    ["<template><p>x</p></template>", "<template> content is not part of the page"],
    ["<ul><li><dialog><li>x</li></dialog></li></ul>", "<li> inside <li> closes the <li>"],
    ["<table><tbody><tr>&nbsp;<td>x</td></tr></tbody></table>", "text directly inside <tr>"],
    ["<table><svg></svg></table>", "<svg> directly inside <table> is moved out"],
    ["<div><noscript><p>x</p></noscript></div>", "<noscript> content is not markup"],
  ])("refuses %s", (source, message) => {
    expect(() => template(source)).toThrow(message);
  });

  test("a row or cell template stands where the view puts it", async () => {
    const view = h(
      "table",
      null,
      h(
        "tbody",
        null,
        template("<tr><td>x</td><th>y</th></tr>"),
        h("tr", null, template("<td>z</td>")),
      ),
    );
    const prepared = preparePair(view, view, true);
    checkPair(prepared, await runInPage(harness.page, prepared));
  });

  test.each([
    "<table><tbody><tr><td>x</td></tr></tbody></table>",
    "<table><colgroup><col></colgroup><tbody><tr> <td>x</td> </tr></tbody></table>",
    "<p><button><div>x</div></button></p>",
    "<a><table><tbody><tr><td><a>x</a></td></tr></tbody></table></a>",
    "<ul><li><ul><li>x</li></ul></li></ul>",
    '<table><tbody><tr><input type="hidden" name="id" value="1"><td>x</td></tr></tbody></table>',
    "<table><caption>c</caption><thead><tr><th>h</th></tr></thead><tfoot><tr><td>f</td></tr></tfoot></table>",
    "<button><table><tbody><tr><td><button>x</button></td></tr></tbody></table></button>",
    '<svg viewBox="0 0 1 1"><foreignObject><p>x</p></foreignObject><linearGradient/></svg>',
  ])("accepts %s, which Chromium parses as written", async (source) => {
    const view = template(source);
    const prepared = preparePair(view, view, true);
    checkPair(prepared, await runInPage(harness.page, prepared));
  });
});
