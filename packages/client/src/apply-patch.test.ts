// @vitest-environment happy-dom
import { fillTemplate, type Patch, type WireNode, type WireTemplate } from "@lucent/protocol";
import { withHoles } from "@lucent/protocol/test/arbitraries";
import fc from "fast-check";
import { describe, expect, test, vi } from "vitest";
import { applyPatch } from "./apply-patch.ts";
import { buildNode } from "./build-node.ts";
import { createDomWriter, type DomWriter, HTML_NAMESPACE } from "./dom-writer.ts";
import { isPatchMismatch } from "./patch-mismatch.ts";

const SVG = "http://www.w3.org/2000/svg";
const writer = createDomWriter(document);

function view(...nodes: WireNode[]): Element {
  const root = document.createElement("lucent-view");
  for (const node of nodes) root.append(buildNode(node, HTML_NAMESPACE, writer));
  return root;
}

function patch(root: Element, ops: unknown[]): void {
  applyPatch(root, ops as Patch, writer);
}

function mismatch(root: Element, ops: unknown[]): string {
  try {
    patch(root, ops);
  } catch (error) {
    expect(isPatchMismatch(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected a PatchMismatch");
}

const list = () => view(["ul", 0, ["li", 0, "a"], ["li", 0, "b"], ["li", 0, "c"], ["li", 0, "d"]]);
const items = (root: Element) => [...root.querySelectorAll("li")].map((li) => li.textContent);

describe("applyPatch: operations", () => {
  test("0 text sets the data of the selected text node", () => {
    const root = view(["p", 0, "Count: ", "3"]);
    const text = root.firstChild?.childNodes[1];
    patch(root, [[0, 1], 0, "4"]);
    expect(root.innerHTML).toBe("<p>Count: 4</p>");
    expect(root.firstChild?.childNodes[1]).toBe(text);
  });

  test("1 and 2 set and remove attributes, event bindings included", () => {
    const root = view(["button", { disabled: "" }, "+"]);
    patch(root, [[0], 1, "class", "on", 1, "on:click", "12 p s", 2, "disabled"]);
    expect(root.innerHTML).toBe('<button class="on" on:click="12 p s">+</button>');
  });

  test("3 inserts before a child, or appends at the child count", () => {
    const root = list();
    patch(root, [[0], 3, 1, [["li", 0, "x"], "t"], 3, 6, [["li", 0, "z"]]]);
    expect(root.firstChild?.textContent).toBe("axtbcdz");
  });

  test("3 into an svg element creates SVG children; into foreignObject, HTML ones", () => {
    const root = view(["svg", 0, ["foreignObject"]]);
    patch(root, [[0], 3, 0, [["circle", { r: "1" }]], [0, 1], 3, 0, [["p", 0, "x"]]]);
    const svg = root.firstChild as Element;
    expect((svg.firstChild as Element).namespaceURI).toBe(SVG);
    expect((svg.childNodes[1] as Element).namespaceURI).toBe(SVG);
    expect((svg.childNodes[1] as Element).firstElementChild?.namespaceURI).toBe(HTML_NAMESPACE);
  });

  test("4 removes count children from index", () => {
    const root = list();
    patch(root, [[0], 4, 1, 2]);
    expect(items(root)).toEqual(["a", "d"]);
    patch(root, [[0], 4, 0, 0]);
    expect(items(root)).toEqual(["a", "d"]);
  });

  test.each([
    [0, 2, ["b", "c", "a", "d"]],
    [0, 3, ["b", "c", "d", "a"]],
    [3, 0, ["d", "a", "b", "c"]],
    [2, 1, ["a", "c", "b", "d"]],
    [1, 1, ["a", "b", "c", "d"]],
  ])("5 moves child %i so that it ends at %i, keeping its identity", (from, to, expected) => {
    const root = list();
    const moved = root.querySelectorAll("li")[from];
    patch(root, [[0], 5, from, to]);
    expect(items(root)).toEqual(expected);
    expect(root.querySelectorAll("li")[to]).toBe(moved);
  });

  test("5 uses moveBefore where the browser has it", () => {
    const root = list();
    const ul = root.firstChild as Element & { moveBefore?: unknown };
    const moveBefore = vi.fn((node: Node, before: Node | null) => ul.insertBefore(node, before));
    ul.moveBefore = moveBefore;
    const moved = ul.childNodes[0];
    patch(root, [[0], 5, 0, 3]);
    expect(moveBefore).toHaveBeenCalledWith(moved, null);
    expect(items(root)).toEqual(["b", "c", "d", "a"]);
  });

  test("5 falls back to insertBefore when moveBefore refuses", () => {
    const root = list();
    const ul = root.firstChild as Element & { moveBefore?: unknown };
    ul.moveBefore = () => {
      throw new DOMException("refused", "HierarchyRequestError");
    };
    patch(root, [[0], 5, 3, 0]);
    expect(items(root)).toEqual(["d", "a", "b", "c"]);
  });

  test("6 replaces a child with an element or a text node", () => {
    const root = list();
    patch(root, [[0], 6, 1, ["li", { class: "x" }, "new"], 6, 0, "just text"]);
    expect(root.innerHTML).toBe('<ul>just text<li class="x">new</li><li>c</li><li>d</li></ul>');
  });

  test("7 sets inner HTML", () => {
    const root = list();
    patch(root, [[0, 2], 7, "<em>hi</em>"]);
    expect(root.querySelectorAll("li")[2]?.innerHTML).toBe("<em>hi</em>");
  });

  test("the empty path selects the root", () => {
    const root = view("a");
    patch(root, [[], 3, 1, [["b"]], [], 6, 0, "c"]);
    expect(root.innerHTML).toBe("c<b></b>");
  });
});

describe("applyPatch: order", () => {
  test("each index is read against the DOM the operations before it left", () => {
    const root = list();
    // [a b c d] -> move d to 0: [d a b c] -> remove 1..2: [d c] -> insert x at 1: [d x c]
    patch(root, [[0], 5, 3, 0, 4, 1, 2, 3, 1, [["li", 0, "x"]], [0, 2, 0], 0, "C"]);
    expect(items(root)).toEqual(["d", "x", "C"]);
  });

  test("a path after structural operations uses the final indices", () => {
    const root = view(["div", 0, ["p", 0, "one"], ["p", 0, "two"]]);
    patch(root, [[0], 4, 0, 1, [0, 0, 0], 0, "TWO"]);
    expect(root.innerHTML).toBe("<div><p>TWO</p></div>");
  });

  test("the selection stays on its node across operations", () => {
    const root = view(["div", 0, "x"]);
    patch(root, [[0], 1, "class", "on", 2, "hidden", 4, 0, 1, 3, 0, [["i"]]]);
    expect(root.innerHTML).toBe('<div class="on"><i></i></div>');
  });
});

describe("applyPatch: long lists", () => {
  // The writer walks siblings near the start of a list and indexes `childNodes` further in.
  const long = () =>
    view(["ol", 0, ...Array.from({ length: 40 }, (_, i): WireNode => ["li", 0, `${i}`])]);

  test("paths, inserts, moves and removals address the same children on both sides of 16", () => {
    const root = long();
    const expected = Array.from({ length: 40 }, (_, i) => `${i}`);
    patch(root, [[0, 3, 0], 0, "three", [0, 16, 0], 0, "sixteen", [0, 17, 0], 0, "seventeen"]);
    patch(root, [[0, 30, 0], 0, "thirty"]);
    expected[3] = "three";
    expected[30] = "thirty";
    expected[16] = "sixteen";
    expected[17] = "seventeen";
    patch(root, [[0], 5, 35, 2, 5, 1, 20, 4, 17, 2, 3, 40 - 2, [["li", 0, "end"]]]);
    const [moved] = expected.splice(35, 1);
    expected.splice(2, 0, moved as string);
    const [back] = expected.splice(1, 1);
    expected.splice(20, 0, back as string);
    expected.splice(17, 2);
    expected.push("end");
    expect(items(root)).toEqual(expected);
  });

  test("an index one past a long list appends; two past it is refused", () => {
    const root = long();
    expect(mismatch(root, [[0], 3, 41, []])).toMatch(/expected an index in range, got 41/);
    expect(mismatch(root, [[0], 4, 39, 2])).toMatch(/expected an index in range, got 40/);
    patch(root, [[0], 4, 40, 0, 3, 40, [["li", 0, "x"]], 4, 0, 41]);
    expect(root.firstChild?.childNodes.length).toBe(0);
  });
});

describe("applyPatch: mismatches", () => {
  test.each([
    ["a path past the children", [[0, 9], 0, "x"], /expected an index in range, got 9/],
    ["a path through a text node", [[0, 0, 0], 0, "x"], /expected an index in range, got 0/],
    // Path steps are indices like any other: none of these may stand for a child.
    ["a path step that is null", [[0, null], 1, "k", "v"], /expected an index, got null/],
    ["a path step that is true", [[0, true], 1, "k", "v"], /expected an index, got true/],
    ["a path step that is a string", [[0, "1"], 1, "k", "v"], /expected an index, got "1"/],
    ["a path step with a zero in front", [[0, "01"], 1, "k", "v"], /got "01"/],
    ["a negative path step", [[0, -1], 1, "k", "v"], /expected an index, got -1/],
    ["a path step that is a list", [[0, []], 1, "k", "v"], /expected an index, got \[\]/],
    ["text on an element", [[0], 0, "x"], /op 0 needs a text node/],
    ["an attribute on a text node", [[0, 0], 1, "a", "b"], /op 1 needs an element/],
    ["an insert past the end", [[0], 3, 3, []], /expected an index in range, got 3/],
    ["a remove past the end", [[0], 4, 1, 2], /expected an index in range, got 2/],
    // Named by the last child it would remove.
    ["a remove of more than there are", [[0], 4, 0, 5], /expected an index in range, got 4/],
    ["a remove starting past the end", [[0], 4, 3, 0], /expected an index in range, got 3/],
    ["a remove of a fractional count", [[0], 4, 0, 1.5], /expected an index, got 1.5/],
    ["a move from past the end", [[0], 5, 2, 0], /expected an index in range, got 2/],
    ["a move to past the end", [[0], 5, 0, 2], /expected an index in range, got 2/],
    ["a replace past the end", [[0], 6, 2, "x"], /expected an index in range, got 2/],
    ["a fractional index", [[0], 5, 0, 0.5], /expected an index, got 0.5/],
    ["an index as a string", [[0], 3, "0", []], /expected an index, got "0"/],
    ["an unknown op", [[0], 8, "x"], /expected a path or an op, got 8/],
    ["an op code as a string", [[0], "0", "x"], /got "0"/],
    // JSON can shadow `toString`; the op must not be converted to find its arity.
    ["an op that cannot be a key", [[0], { toString: false }], /got {"toString":false}/],
    ["a missing argument", [[0], 1, "class"], /got 1/],
    ["a value that is not a string", [[0], 1, "class", null], /expected a string, got null/],
    ["nodes that are not a list", [[0], 3, 0, "x"], /bad nodes/],
    ["a bad node", [[0], 3, 0, [["div", { a: null }]]], /expected attribute a/],
  ])("%s", (_, ops, message) => {
    const root = view(["p", 0, "a", ["b"]]);
    const before = root.innerHTML;
    expect(mismatch(root, ops)).toMatch(message);
    expect(root.innerHTML).toBe(before);
  });

  test("names the token that failed, and stops there", () => {
    const root = view(["p", 0, "a"]);
    expect(mismatch(root, [[0, 0], 0, "b", [1], 0, "c", [0, 0], 0, "d"])).toMatch(
      /^patch token 3:/,
    );
    expect(root.innerHTML).toBe("<p>b</p>");
  });
});

describe("applyPatch: form properties", () => {
  test("value follows the attribute even after the user edited the control", () => {
    const root = view(["input", { value: "a" }]);
    const input = root.firstChild as HTMLInputElement;
    input.value = "typed";
    patch(root, [[0], 1, "value", "server"]);
    expect(input.value).toBe("server");
    patch(root, [[0], 2, "value"]);
    expect(input.value).toBe("");
  });

  test("checked and selected follow their attribute's presence", () => {
    const root = view(
      ["input", { type: "checkbox" }],
      ["select", 0, ["option", { value: "a" }, "A"], ["option", { value: "b" }, "B"]],
    );
    const box = root.firstChild as HTMLInputElement;
    patch(root, [[0], 1, "checked", ""]);
    expect(box.checked).toBe(true);
    box.checked = false;
    patch(root, [[0], 1, "checked", ""]);
    expect(box.checked).toBe(true);
    patch(root, [[0], 2, "checked"]);
    expect(box.checked).toBe(false);
    patch(root, [[1, 1], 1, "selected", ""]);
    expect((root.childNodes[1] as HTMLSelectElement).value).toBe("b");
  });

  test("an unchanged value is not written, so the caret stays", () => {
    const root = view(["input", { value: "abc" }]);
    const input = root.firstChild as HTMLInputElement;
    const set = vi.fn();
    Object.defineProperty(input, "value", { get: () => "abc", set, configurable: true });
    patch(root, [[0], 1, "value", "abc"]);
    expect(set).not.toHaveBeenCalled();
  });

  test("a changed value keeps the caret of the focused control where it was", () => {
    const root = view(["input", { value: "" }]);
    document.body.append(root);
    const input = root.firstChild as HTMLInputElement;
    input.focus();
    input.value = "hello world";
    input.setSelectionRange(2, 4);
    // Browsers put the caret at the end when the value is set: mimic that.
    const select = vi.spyOn(input, "setSelectionRange");
    patch(root, [[0], 1, "value", "HELLO WORLD!"]);
    expect(input.value).toBe("HELLO WORLD!");
    expect(select).toHaveBeenCalledWith(2, 4);
    root.remove();
  });

  test("the caret of a control without focus, or without a selection, is not touched", () => {
    const root = view(["input", { value: "a" }], ["input", { type: "checkbox" }]);
    document.body.append(root);
    const [text, box] = [...root.childNodes] as HTMLInputElement[];
    const select = vi.spyOn(text!, "setSelectionRange");
    patch(root, [[0], 1, "value", "b"]);
    box!.focus();
    patch(root, [[1], 1, "checked", ""]);
    expect(select).not.toHaveBeenCalled();
    expect(box!.checked).toBe(true);
    root.remove();
  });
});

describe("applyPatch: focus", () => {
  test("a focused element moved without moveBefore gets the focus back", () => {
    const root = view(["ul", 0, ["li", 0, ["input"]], ["li", 0, "b"], ["li", 0, "c"]]);
    document.body.append(root);
    const input = root.querySelector("input") as HTMLInputElement;
    input.focus();
    patch(root, [[0], 5, 0, 2]);
    expect(items(root)).toEqual(["b", "c", ""]);
    expect(document.activeElement).toBe(input);
    root.remove();
  });

  test("a move that does not involve the focused element leaves the focus alone", () => {
    const root = view(["input"], ["ul", 0, ["li", 0, "a"], ["li", 0, "b"]]);
    document.body.append(root);
    const input = root.querySelector("input") as HTMLInputElement;
    input.focus();
    const focus = vi.spyOn(input, "focus");
    patch(root, [[1], 5, 0, 1]);
    expect(focus).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(input);
    root.remove();
  });
});

describe("applyPatch: visit", () => {
  test("sees every node each path passes through, the selected one included", () => {
    const root = view(["div", 0, ["p", 0, "a"], ["p", 0, "b"]], "t");
    const seen: string[] = [];
    const name = (node: Node) =>
      node.nodeType === 1 ? (node as Element).localName : node.textContent;
    applyPatch(
      root,
      [[0, 1, 0], 0, "B", [], 3, 0, [["i"]], [1], 1, "x", "y"] as Patch,
      writer,
      (node) => seen.push(name(node) as string),
    );
    expect(seen).toEqual(["div", "p", "b", "div"]);
  });
});

describe("applyPatch: op 8", () => {
  test("inserts one copy of the template per row, holes filled in document order", () => {
    const root = list();
    const template = ["li", { class: "row", "on:click": null }, null, ["b", 0, null]];
    patch(root, [
      [0],
      8,
      1,
      template,
      [
        ["1", "x", "y"],
        ["2", "<&>", "z"],
      ],
    ]);
    expect(root.firstChild?.childNodes[1]).toBeInstanceOf(HTMLLIElement);
    expect((root.firstChild as Element).innerHTML).toBe(
      '<li>a</li><li class="row" on:click="1">x<b>y</b></li>' +
        '<li class="row" on:click="2">&lt;&amp;&gt;<b>z</b></li><li>b</li><li>c</li><li>d</li>',
    );
  });

  test("rows whose template holds raw HTML, even empty", () => {
    for (const html of ["", "<i>x</i>y"]) {
      const root = view(["div"]);
      patch(root, [[0], 8, 0, ["p", { id: null }, { h: html }], [["a"], ["b"]]]);
      expect((root.firstChild as Element).innerHTML).toBe(
        `<p id="a">${html}</p><p id="b">${html}</p>`,
      );
    }
  });

  test("rows of form controls come out as op 3 builds them, and as the HTML parser does", () => {
    const select = (value: string | null) => [
      "select",
      { value },
      ["option", { value: "a" }, "A"],
      ["option", { value: "b" }, "B"],
    ];
    const range = (value: string | null) => ["input", { type: "range", value, max: "500" }];
    const byTemplate = view(["div"], ["div"]);
    patch(byTemplate, [[0], 8, 0, select(null), [["b"], ["a"]], [1], 8, 0, range(null), [["300"]]]);
    const byNodes = view(["div"], ["div"]);
    patch(byNodes, [[0], 3, 0, [select("b"), select("a")], [1], 3, 0, [range("300")]]);
    const parsed = document.createElement("div");
    parsed.innerHTML =
      '<div><select value="b"><option value="a">A</option><option value="b">B</option></select>' +
      '<select value="a"><option value="a">A</option><option value="b">B</option></select></div>' +
      '<div><input type="range" value="300" max="500"></div>';
    const values = (root: Element) =>
      [...root.querySelectorAll("select, input")].map((c) => (c as HTMLInputElement).value);
    expect(values(byTemplate)).toEqual(values(parsed));
    expect(values(byNodes)).toEqual(values(parsed));
  });

  test("builds SVG rows inside an svg element", () => {
    const root = view(["svg"]);
    patch(root, [[0], 8, 0, ["circle", { r: null }], [["1"], ["2"]]]);
    const circles = root.querySelectorAll("circle");
    expect([...circles].map((c) => [c.namespaceURI, c.getAttribute("r")])).toEqual([
      [SVG, "1"],
      [SVG, "2"],
    ]);
  });

  test("a row that does not fit the template changes nothing", () => {
    for (const rows of [[["1"], ["2", "3"]], [["1"], []], [["1"], [2]], [], [["1"], "2"]]) {
      const root = list();
      const before = root.innerHTML;
      expect(mismatch(root, [[0], 8, 0, ["li", 0, null], rows])).toMatch(/patch token 1/);
      expect(root.innerHTML).toBe(before);
    }
    expect(mismatch(list(), [[0], 8, 0, "text", [[]]])).toMatch(/bad template/);
  });
});

describe("applyPatch: writer", () => {
  test("every read and write goes through the writer", () => {
    const root = list();
    const calls: string[] = [];
    const recording = new Proxy(writer, {
      get:
        (target, name: keyof DomWriter) =>
        (...args: never[]) => {
          calls.push(name);
          return (target[name] as (...a: never[]) => unknown)(...args);
        },
    });
    applyPatch(root, [[0, 0, 0], 0, "A", [0], 5, 0, 1, 6, 0, "x"] as Patch, recording);
    expect(calls).toEqual([
      "childAt",
      "childAt",
      "childAt",
      "setText",
      "childAt",
      "childAt",
      "childAt",
      "childAt",
      "moveBefore",
      "childAt",
      "createText",
      "insertBefore",
      "remove",
    ]);
  });
});

// --- property test: the DOM against an independent model of the tree ---

type ModelText = { text: string };
type ModelElement = { tag: string; attributes: Map<string, string>; children: ModelNode[] };
type ModelNode = ModelText | ModelElement;

const isElement = (node: ModelNode): node is ModelElement => "tag" in node;

function toModel(node: WireNode): ModelNode {
  if (typeof node === "string") return { text: node };
  const [tag, attributes, ...children] = node as [
    string,
    Record<string, string> | 0,
    ...WireNode[],
  ];
  return {
    tag,
    attributes: new Map(Object.entries(attributes || {})),
    children: children.map(toModel),
  };
}

const NAMESPACE: Record<string, string> = {
  html: HTML_NAMESPACE,
  svg: SVG,
  math: "http://www.w3.org/1998/Math/MathML",
};

const INTEGRATION_POINTS = ["foreignObject", "desc", "title", "mi", "mo", "mn", "ms", "mtext"];

/** A plain description of a model tree, namespaces derived by the rules of SPEC §5. */
function describeModel(node: ModelNode, namespace: string): unknown {
  if (!isElement(node)) return node.text;
  const ns = node.tag === "svg" ? "svg" : node.tag === "math" ? "math" : namespace;
  const inner = INTEGRATION_POINTS.includes(node.tag) ? "html" : ns;
  return {
    // createElement lowercases, as the HTML parser does: HTML has no foreignObject.
    tag: `${ns}:${ns === "html" ? node.tag.toLowerCase() : node.tag}`,
    attributes: [...node.attributes],
    children: node.children.map((child) => describeModel(child, inner)),
  };
}

function describeDom(node: Node): unknown {
  if (node.nodeType === 3) return (node as Text).data;
  const element = node as Element;
  const ns = Object.keys(NAMESPACE).find((key) => NAMESPACE[key] === element.namespaceURI);
  return {
    tag: `${ns}:${element.localName}`,
    attributes: [...element.attributes].map((a) => [a.name, a.value]),
    children: [...element.childNodes].map(describeDom),
  };
}

/** Pairs every model node with the DOM node it stands for. */
function pair(model: ModelElement, dom: Node, into: Map<ModelNode, Node>): void {
  model.children.forEach((child, i) => {
    const node = dom.childNodes[i] as Node;
    into.set(child, node);
    if (isElement(child)) pair(child, node, into);
  });
}

/** Inner HTML snippets and the model of what they parse to. */
const SNIPPETS: [string, () => ModelNode[]][] = [
  ["", () => []],
  ["t", () => [{ text: "t" }]],
  [
    "<b>x</b>y",
    () => [{ tag: "b", attributes: new Map(), children: [{ text: "x" }] }, { text: "y" }],
  ],
];

const TAGS = ["div", "span", "svg", "g", "foreignObject", "math", "mi", "p"];
const word = fc.stringMatching(/^[a-z]{1,3}$/);
const wireNode: fc.Arbitrary<WireNode> = fc.letrec<{ node: WireNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    word,
    fc
      .tuple(
        fc.constantFrom(...TAGS),
        fc.dictionary(fc.constantFrom("a", "b", "c"), word, { maxKeys: 2 }),
        fc.array(tie("node"), { maxLength: 3 }),
      )
      .map(([tag, attributes, children]) => [tag, attributes, ...children] as unknown as WireNode),
  ),
})).node;

const step = fc.record({
  pick: fc.nat(),
  kind: fc.nat(),
  x: fc.nat(),
  y: fc.nat(),
  name: fc.constantFrom("a", "b", "c"),
  value: word,
  nodes: fc.array(wireNode, { maxLength: 3 }),
});

/** Every node of the model with its path, the root first; `html`: an element in HTML. */
function walk(root: ModelElement) {
  const out: { node: ModelNode; path: number[]; html: boolean }[] = [];
  const visit = (node: ModelNode, path: number[], namespace: string) => {
    if (!isElement(node)) {
      out.push({ node, path, html: false });
      return;
    }
    const ns = node.tag === "svg" ? "svg" : node.tag === "math" ? "math" : namespace;
    out.push({ node, path, html: ns === "html" });
    const inner = INTEGRATION_POINTS.includes(node.tag) ? "html" : ns;
    node.children.forEach((child, i) => {
      visit(child, [...path, i], inner);
    });
  };
  visit(root, [], "html");
  return out;
}

/** Op 8's template from a wire element: values become holes where the bits of `bits` say. */
function knockHoles(node: WireNode, bits: number): { template: WireTemplate; values: string[] } {
  const values: string[] = [];
  let bit = 0;
  const flip = () => ((bits >> (bit++ % 16)) & 1) === 1;
  return { template: withHoles(node, flip, values) as WireTemplate, values };
}

describe("applyPatch: property", () => {
  test("random valid operations give the DOM that the model of the tree predicts", () => {
    fc.assert(
      fc.property(
        fc.array(wireNode, { maxLength: 4 }),
        fc.array(step, { maxLength: 12 }),
        (tree, steps) => {
          const root = view(...tree);
          const model: ModelElement = {
            tag: "lucent-view",
            attributes: new Map(),
            children: tree.map(toModel),
          };
          const identity = new Map<ModelNode, Node>();
          pair(model, root, identity);

          const ops: unknown[] = [];
          let selected: ModelNode | undefined;
          for (const s of steps) {
            const all = walk(model);
            const { node, path, html } = all[s.pick % all.length] as (typeof all)[number];
            const select = () => {
              if (selected !== node) ops.push(path);
              selected = node;
            };
            if (!isElement(node)) {
              select();
              ops.push(0, s.value);
              node.text = s.value;
              continue;
            }
            const n = node.children.length;
            const kind = (s.kind % 8) + 1;
            select();
            if (kind === 1 || (kind === 5 && n === 0)) {
              ops.push(1, s.name, s.value);
              node.attributes.set(s.name, s.value);
            } else if (kind === 2) {
              ops.push(2, s.name);
              node.attributes.delete(s.name);
            } else if (kind === 3 || (kind === 6 && n === 0)) {
              const at = s.x % (n + 1);
              ops.push(3, at, s.nodes);
              node.children.splice(at, 0, ...s.nodes.map(toModel));
            } else if (kind === 4) {
              const at = s.x % (n + 1);
              const count = s.y % (n - at + 1);
              ops.push(4, at, count);
              node.children.splice(at, count);
            } else if (kind === 5) {
              const from = s.x % n;
              const to = s.y % n;
              ops.push(5, from, to);
              const [moved] = node.children.splice(from, 1);
              node.children.splice(to, 0, moved as ModelNode);
            } else if (kind === 6) {
              const at = s.x % n;
              const replacement = s.nodes[0] ?? "r";
              ops.push(6, at, replacement);
              node.children[at] = toModel(replacement);
            } else if (kind === 8 && Array.isArray(s.nodes[0])) {
              // Op 8: the element with holes where `x`'s bits say, rows varying the hole values.
              const at = s.x % (n + 1);
              const { template, values } = knockHoles(s.nodes[0], s.y);
              const rows = [0, 1, 2].slice(0, 1 + (s.x % 3)).map((r) => values.map((v) => v + r));
              ops.push(8, at, template, rows);
              node.children.splice(
                at,
                0,
                ...rows.map((row) => toModel(fillTemplate(template, row))),
              );
            } else if (html) {
              const [markup, parsed] = SNIPPETS[s.x % SNIPPETS.length] as (typeof SNIPPETS)[number];
              ops.push(7, markup);
              node.children = parsed();
            } else {
              ops.push(2, s.name);
              node.attributes.delete(s.name);
            }
          }

          patch(root, ops);
          expect([...root.childNodes].map(describeDom)).toEqual(
            model.children.map((child) => describeModel(child, "html")),
          );
          // Every node the model kept is the very DOM node it was before: nothing was recreated.
          const after = new Map<ModelNode, Node>();
          pair(model, root, after);
          for (const [node, dom] of after)
            if (identity.has(node)) expect(dom).toBe(identity.get(node));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("applyPatch: garbage", () => {
  // Tokens near the shapes of real ones: small numbers (op codes and indices), paths whose steps
  // may be anything, strings, lists and JSON of any kind.
  const near = fc.oneof(
    fc.integer({ min: -1, max: 9 }),
    fc.array(fc.oneof(fc.integer({ min: -1, max: 3 }), fc.jsonValue({ maxDepth: 1 })), {
      maxLength: 3,
    }),
    fc.string({ maxLength: 3 }),
    fc.jsonValue({ maxDepth: 3 }),
  );

  // Names (tags, attributes) are left to the DOM to check, as the browser would when parsing:
  // it throws its own errors for ones it refuses, and the session resyncs on any error alike.
  // (happy-dom's DOMException is its own class, and names some refusals differently.)
  const refusedName = (error: unknown) =>
    (error as object | null)?.constructor?.name === "DOMException";

  test("anything a frame may hold applies, or throws a PatchMismatch or the DOM's refusal of a name", () => {
    fc.assert(
      fc.property(
        fc.array(wireNode, { maxLength: 3 }),
        fc.array(near, { maxLength: 10 }),
        (tree, ops) => {
          const root = view(...tree);
          try {
            patch(root, ops);
          } catch (error) {
            if (!isPatchMismatch(error) && !refusedName(error)) throw error;
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  test("a path with a step that is not an index changes nothing", () => {
    const notIndex = fc
      .jsonValue({ maxDepth: 1 })
      .filter((v) => !Number.isSafeInteger(v) || (v as number) < 0);
    fc.assert(
      fc.property(fc.array(wireNode, { minLength: 1, maxLength: 3 }), notIndex, (tree, bad) => {
        const root = view(...tree);
        const before = root.innerHTML;
        expect(mismatch(root, [[0, bad], 1, "k", "v"])).toMatch(/expected an index/);
        expect(root.innerHTML).toBe(before);
      }),
      { numRuns: 200 },
    );
  });
});
