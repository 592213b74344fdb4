// @vitest-environment happy-dom
import { describe, expect, test } from "vitest";
import { buildNode, childNamespace } from "./build-node.ts";
import { createDomWriter, type DomWriter, HTML_NAMESPACE } from "./dom-writer.ts";
import { isPatchMismatch } from "./patch-mismatch.ts";

const SVG = "http://www.w3.org/2000/svg";
const MATHML = "http://www.w3.org/1998/Math/MathML";
const writer = createDomWriter(document);
const build = (node: unknown, namespace = HTML_NAMESPACE) =>
  buildNode(node as never, namespace, writer);

describe("buildNode", () => {
  test("a string is a text node", () => {
    const node = build("a <b> & c");
    expect(node.nodeType).toBe(3);
    expect(node.textContent).toBe("a <b> & c");
  });

  test("attributes, including event bindings, are plain attributes", () => {
    const node = build(["button", { class: "x", "on:click": "2 p" }, "+"]) as Element;
    expect(node.outerHTML).toBe('<button class="x" on:click="2 p">+</button>');
    expect(node.getAttribute("on:click")).toBe("2 p");
  });

  test("attributes 0 with children, and a bare element", () => {
    const node = build(["p", 0, "hi ", ["b", 0, "there"], ["br"]]) as Element;
    expect(node.outerHTML).toBe("<p>hi <b>there</b><br></p>");
    expect(node.childNodes).toHaveLength(3);
  });

  test("HTML elements are made with createElement, so their interfaces are right", () => {
    const node = build(["input", { type: "checkbox", checked: "" }]) as HTMLInputElement;
    expect(node.namespaceURI).toBe(HTML_NAMESPACE);
    expect(node.checked).toBe(true);
  });

  test("svg opens the SVG namespace for itself and its descendants", () => {
    const svg = build(["svg", { viewBox: "0 0 10 10" }, ["g", 0, ["circle", { r: "5" }]]]);
    const circle = (svg as Element).querySelector("circle") as Element;
    expect((svg as Element).namespaceURI).toBe(SVG);
    expect(circle.namespaceURI).toBe(SVG);
    expect(circle.parentElement?.namespaceURI).toBe(SVG);
  });

  test("children of foreignObject, desc and title are HTML again", () => {
    const svg = build([
      "svg",
      0,
      ["foreignObject", 0, ["p", 0, "x"]],
      ["title", 0, ["b", 0, "t"]],
    ]) as Element;
    const foreign = svg.childNodes[0] as Element;
    expect(foreign.namespaceURI).toBe(SVG);
    expect(foreign.localName).toBe("foreignObject");
    expect((foreign.firstChild as Element).namespaceURI).toBe(HTML_NAMESPACE);
    expect((svg.childNodes[1] as Element).firstElementChild?.namespaceURI).toBe(HTML_NAMESPACE);
  });

  test("svg inside foreignObject opens SVG again", () => {
    const svg = build(["svg", 0, ["foreignObject", 0, ["div", 0, ["svg", 0, ["path"]]]]]);
    const inner = (svg as Element).querySelector("div > svg > path") as Element;
    expect(inner.namespaceURI).toBe(SVG);
  });

  test("math opens MathML; children of mi are HTML", () => {
    const math = build(["math", 0, ["mrow", 0, ["mi", 0, ["b", 0, "x"]]]]) as Element;
    const mi = math.querySelector("mi") as Element;
    expect(math.namespaceURI).toBe(MATHML);
    expect(mi.namespaceURI).toBe(MATHML);
    expect((mi.firstChild as Element).namespaceURI).toBe(HTML_NAMESPACE);
  });

  test("the namespace of the parent carries into the node", () => {
    expect((build(["circle"], SVG) as Element).namespaceURI).toBe(SVG);
  });

  test("raw HTML becomes innerHTML", () => {
    const node = build(["div", { class: "md" }, { h: "<p>Hi <b>there</b></p>" }]) as Element;
    expect(node.outerHTML).toBe('<div class="md"><p>Hi <b>there</b></p></div>');
  });

  test("an attribute named h is an attribute", () => {
    expect((build(["div", { h: "<b>" }]) as Element).getAttribute("h")).toBe("<b>");
  });

  test.each([
    ["a number", 1],
    ["null", null],
    ["an empty element", []],
    ["a tag that is not a string", [1]],
    ["attributes as a list", ["div", []]],
    ["attributes null", ["div", null, "x"]],
    ["an attribute value that is not a string", ["div", { id: 1 }]],
    ["a bad node deep in the tree", ["div", 0, ["p", 0, ["b", 0, false]]]],
    ["raw HTML followed by a sibling", ["div", 0, { h: "a" }, "b"]],
    ["raw HTML that is not a string", ["div", 0, { h: 1 }]],
    ["raw HTML as a node", { h: "a" }],
  ])("%s is a PatchMismatch", (_, node) => {
    let error: unknown;
    try {
      build(node);
    } catch (caught) {
      error = caught;
    }
    expect(isPatchMismatch(error)).toBe(true);
    expect((error as Error).message).toMatch(/^expected /);
  });

  test("writes only through the writer", () => {
    const calls: string[] = [];
    const recording = Object.fromEntries(
      Object.entries(writer).map(([name, method]) => [
        name,
        (...args: unknown[]) => {
          calls.push(name);
          return (method as (...a: unknown[]) => unknown)(...args);
        },
      ]),
    ) as unknown as DomWriter;
    buildNode(
      ["ul", { id: "l" }, ["li", 0, "a"], ["li", 0, { h: "<i>b</i>" }]],
      HTML_NAMESPACE,
      recording,
    );
    expect(calls).toEqual([
      "createElement",
      "setAttribute",
      "createElement",
      "createText",
      "insertBefore",
      "insertBefore",
      "createElement",
      "setInnerHtml",
      "insertBefore",
    ]);
  });
});

describe("childNamespace", () => {
  test("follows the parent, except at integration points", () => {
    expect(childNamespace(document.createElement("div"))).toBe(HTML_NAMESPACE);
    expect(childNamespace(document.createElementNS(SVG, "g"))).toBe(SVG);
    expect(childNamespace(document.createElementNS(SVG, "foreignObject"))).toBe(HTML_NAMESPACE);
    expect(childNamespace(document.createElementNS(MATHML, "mrow"))).toBe(MATHML);
    expect(childNamespace(document.createElementNS(MATHML, "mtext"))).toBe(HTML_NAMESPACE);
  });
});
