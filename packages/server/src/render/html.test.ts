import { describe, expect, test } from "vitest";
import { createRoot, mountView } from "../diff/diff.ts";
import { createHandlerRegistry } from "../diff/handlers.ts";
import { h, raw } from "../view/h.ts";
import { fragment, type Node, text } from "../view/node.ts";
import { escapeAttribute, escapeText } from "./escape.ts";
import { renderChildren } from "./html.ts";
import { renderDocument, viewElement } from "./page.ts";

function render(view: Node<unknown>): string {
  const root = createRoot();
  mountView(root, view, createHandlerRegistry(), 0);
  return renderChildren(root);
}

describe("HTML rendering", () => {
  test("text and attribute values are escaped; raw HTML is not", () => {
    expect(render(h("p", { title: `"a" & <b>` }, "x < y & z > w \"q\" 'a'"))).toBe(
      `<p title="&quot;a&quot; &amp; &lt;b&gt;">x &lt; y &amp; z &gt; w "q" 'a'</p>`,
    );
    expect(render(raw("div", null, "<b>trusted</b>"))).toBe("<div><b>trusted</b></div>");
    expect(escapeText("plain")).toBe("plain");
    expect(escapeAttribute("plain")).toBe("plain");
  });

  test("void elements have no end tag; boolean attributes render bare-valued", () => {
    expect(
      render(h("div", null, h("input", { disabled: true, checked: false, value: "v" }), h("br"))),
    ).toBe('<div><input disabled="" value="v"><br></div>');
  });

  test("event bindings render as on:<type> attributes with their flags", () => {
    expect(render(h("form", { onSubmit: "go" }, h("button", { onClick: "b" }, "ok")))).toBe(
      '<form on:submit="0 p"><button on:click="1">ok</button></form>',
    );
  });

  test("SVG keeps its case and gets end tags; foreignObject content is HTML", () => {
    expect(
      render(
        h(
          "svg",
          { viewBox: "0 0 1 1" },
          h("linearGradient", { id: "g" }),
          h("foreignObject", null, h("br")),
        ),
      ),
    ).toBe(
      '<svg viewBox="0 0 1 1"><linearGradient id="g"></linearGradient><foreignObject><br></foreignObject></svg>',
    );
  });

  test("fragments flatten; adjacent text merges and empty text vanishes, as the parser would see it", () => {
    expect(render(h("p", null, "a", fragment(["", "b", fragment([])]), text(""), "c"))).toBe(
      "<p>abc</p>",
    );
  });

  test("script and style text goes out raw, and cannot close its element early", () => {
    expect(render(h("style", null, "a > b { color: red }"))).toBe(
      "<style>a > b { color: red }</style>",
    );
    expect(() => render(h("script", null, "x = '</script><b>'"))).toThrow(/cannot contain/);
  });

  test("a leading newline in <pre> and <textarea> survives the parser", () => {
    expect(render(h("pre", null, "\nindented"))).toBe("<pre>\n\nindented</pre>");
    expect(render(h("textarea", null, "\nx"))).toBe("<textarea>\n\nx</textarea>");
    expect(render(h("div", null, "\nx"))).toBe("<div>\nx</div>");
  });

  test("a page wraps the view element, escaping what it interpolates", () => {
    const view = viewElement({ token: "t&1", seq: 3, html: "<p>hi</p>" }, "/x/__lucent", {
      "data-room": 'a"b',
    });
    expect(view).toBe(
      '<lucent-view route="/x/__lucent" token="t&amp;1" seq="3" data-room="a&quot;b"><p>hi</p></lucent-view>',
    );
    const page = renderDocument({ title: "<Counter>", view, script: "/_lucent/client.js" });
    expect(page).toContain("<title>&lt;Counter&gt;</title>");
    expect(page).toContain('<script type="module" src="/_lucent/client.js"></script>');
    expect(page.startsWith("<!doctype html>")).toBe(true);
  });
});

describe("noscript", () => {
  test("text inside <noscript> cannot carry markup, which a page without scripts would parse", () => {
    expect(render(h("noscript", null, "Turn on JavaScript & reload"))).toBe(
      "<noscript>Turn on JavaScript & reload</noscript>",
    );
    expect(() =>
      render(h("noscript", null, '<meta http-equiv="refresh" content="0;url=//evil.example">')),
    ).toThrow('text inside <noscript> cannot contain "<"');
  });
});
