import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseTemplate } from "./parse.ts";

const parse = (strings: TemplateStringsArray, ..._holes: unknown[]) => parseTemplate(strings);

describe("parseTemplate reads HTML with holes", () => {
  test("elements, static and dynamic attributes, and the kind of every hole", () => {
    const parsed = parse`<tr key=${1} class="row ${2} x" title='${3}' hidden>
      <td class=col-md-1>${4}</td>
    </tr>`;
    expect(parsed.roots).toEqual([
      {
        tag: "tr",
        attributes: [
          { name: "key", value: [0] },
          { name: "class", value: ["row ", 1, " x"] },
          { name: "title", value: [2] },
          { name: "hidden", value: null },
        ],
        children: [
          { tag: "td", attributes: [{ name: "class", value: ["col-md-1"] }], children: [3] },
        ],
      },
    ]);
    expect(parsed.holes).toEqual([
      { attribute: "key" },
      { part: "class" },
      { attribute: "title" },
      "child",
    ]);
  });

  test("void elements need no end tag, any element may close itself, comments vanish", () => {
    const parsed = parse`<p>a<br>b<img src="x.png"/><span /><!-- note -->c</p>`;
    expect(parsed.roots).toEqual([
      {
        tag: "p",
        attributes: [],
        children: [
          "a",
          { tag: "br", attributes: [], children: [] },
          "b",
          { tag: "img", attributes: [{ name: "src", value: ["x.png"] }], children: [] },
          { tag: "span", attributes: [], children: [] },
          "c",
        ],
      },
    ]);
  });

  test("whitespace follows JSX: indentation between tags vanishes, text on one line stays", () => {
    const parsed = parse`
      <ul>
        <li>  two  spaces  </li>
        <li>
          first line
          second line
        </li>
        <li>Row ${1} of ${2}</li>
      </ul>
    `;
    const [ul] = parsed.roots as unknown as [{ children: { children: unknown[] }[] }];
    expect(ul.children.map((li) => li.children)).toEqual([
      ["  two  spaces  "],
      ["first line second line"],
      ["Row ", 0, " of ", 1],
    ]);
  });

  test("character references in text and attribute values are decoded", () => {
    const parsed = parse`<a title="&quot;x&quot; &amp; y">&lt;b&gt; &#65;&#x42; &nbsp;&apos; & alone</a>`;
    expect(parsed.roots).toEqual([
      {
        tag: "a",
        attributes: [{ name: "title", value: ['"x" & y'] }],
        children: ["<b> AB \u00a0' & alone"],
      },
    ]);
  });

  test("several roots, text roots and hole roots", () => {
    expect(parse`${1}<b>x</b> tail`.roots).toEqual([
      0,
      { tag: "b", attributes: [], children: ["x"] },
      " tail",
    ]);
  });

  test.each([
    ["<p>", "<p> is not closed"],
    ["<p></b>", "</b> closes <p>"],
    ["</p>", "</p> closes nothing"],
    ["<p>a < b</p>", '"<" must start a tag'],
    ['<p class="x>', "the value of class is not closed"],
    ['<p class="a" class="b"></p>', "has the attribute class twice"],
    ["<p>&copy;</p>", "&copy; is not a reference the template knows"],
    ["<p>&#0;</p>", "&#0; is not a character"],
    ["<!-- open", "a comment is not closed"],
    ["<p", "<p> is not closed"],
    ["<p =x></p>", "expected an attribute name"],
  ])("refuses %j: %s", (source, message) => {
    expect(() => parseTemplate([source])).toThrow(message);
  });

  test("text in <pre>, <textarea> and <title> is kept as written, less one opening line break", () => {
    const parsed = parse`<div>
      <pre>
  a  b
</pre>
      <textarea>  ${1}  </textarea>
    </div>`;
    const [div] = parsed.roots as unknown as [{ children: { children: unknown[] }[] }];
    expect(div.children.map((child) => child.children)).toEqual([["  a  b\n"], ["  ", 0, "  "]]);
  });

  test("whitespace around the roots is dropped, whatever it holds; comments may end at once", () => {
    expect(parse` <b>x</b>  `.roots).toEqual([{ tag: "b", attributes: [], children: ["x"] }]);
    expect(parse`<p><!-->x<!--->y</p>`.roots).toEqual([
      { tag: "p", attributes: [], children: ["xy"] },
    ]);
  });

  test.each([
    ['<p class="a" CLASS="b"></p>', "has the attribute CLASS twice"],
    ["<p onClick=x on:click=y></p>", "has the attribute on:click twice"],
    ["<p innerHTML=x></p>", "innerHTML is not text"],
    ["<script>if (a<b) go()</script>", "<script> content is not markup"],
    ["<style>p { color: red }</style>", "<style> content is not markup"],
    ["<textarea><b>x</b></textarea>", "<textarea> holds text only"],
    ["<p>&lt 3</p>", 'a character reference must end with ";"'],
    ["<p>&#150;</p>", "&#150; is not a character"],
    ["<p a\u0001b=1></p>", "expected"],
    ["<div><br></br></div>", "<br> is a void element: it has no end tag"],
    ["<div><INPUT></div>", "<INPUT>: HTML tag names are lowercase (<input>)"],
  ])("refuses what a browser would read otherwise: %j", (source, message) => {
    expect(() => parseTemplate([source])).toThrow(message);
  });

  test("an escape JavaScript cannot read leaves no string: refused", () => {
    expect(() => parseTemplate(["<p>", undefined])).toThrow(
      "html template: an escape sequence is not valid",
    );
  });

  test.each([
    [["<", "></p>"], "a value cannot stand"],
    [["<p", "></p>"], "a value cannot stand in a tag name"],
    [["<p ", "></p>"], "a value cannot stand for an attribute"],
    [["<p class=a", "></p>"], "must be quoted"],
    [["<p class=", "a></p>"], "must be quoted"],
    [["<p><!-- ", " --></p>"], "a value cannot stand in a comment"],
    [["<button onClick=inc></button>"], "onClick takes a message or a handler as its value"],
    [["<button on:click></button>"], "on:click takes a message or a handler as its value"],
    [['<button onClick="go ', '"></button>'], "onClick takes a message or a handler"],
    [["<button onclick=", "></button>"], "a value in onclick would run as script"],
    [['<img ONERROR="x', '">'], "a value in ONERROR would run as script"],
    [["<p>\u0000</p>"], "NUL characters are not allowed"],
  ])("refuses holes where values cannot stand: %j", (strings, message) => {
    expect(() => parseTemplate(strings)).toThrow(message);
  });

  test("garbage in: any strings either parse or throw an html template error, never hang", () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        "<",
        ">",
        "</",
        "/>",
        "=",
        '"',
        "'",
        "<p",
        "</p>",
        "<br>",
        "&",
        "&amp;",
        "<!--",
        "-->",
        " ",
        "\n",
      ),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(piece, { maxLength: 8 }).map((p) => p.join("")),
          { minLength: 1, maxLength: 4 },
        ),
        (strings) => {
          try {
            const parsed = parseTemplate(strings);
            expect(parsed.holes.length).toBe(strings.length - 1);
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
            expect((error as Error).message).toMatch(/^html template: /);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
