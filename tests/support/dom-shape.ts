/**
 * Comparable plain forms of DOM trees, and an independent reading of SPEC §5 (wire nodes → DOM).
 *
 * Self-contained on purpose (no imports, only DOM APIs): the browser tests bundle this file into
 * the page next to the client, so the same walker runs in happy-dom and in Chromium.
 */

export const HTML_NS = "http://www.w3.org/1999/xhtml";
export const SVG_NS = "http://www.w3.org/2000/svg";
export const MATHML_NS = "http://www.w3.org/1998/Math/MathML";

/** A text node is its data; a comment is `{ comment }`; an element is an {@link ElementShape}. */
export type Shape = string | { readonly comment: string } | ElementShape;

export interface ElementShape {
  readonly tag: string;
  readonly ns: string | null;
  /** Sorted by name (patching appends attributes, so DOM order legitimately differs). */
  readonly attributes: Record<string, unknown>;
  /** The live `value` / `checked` properties of form controls, which markup does not show. */
  readonly props?: Record<string, unknown>;
  readonly children: Shape[];
}

/** The shapes of `parent`'s child nodes. */
export function childShapes(parent: Node): Shape[] {
  const out: Shape[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) out.push(shapeOf(child));
  return out;
}

/** The shape of one node. */
export function shapeOf(node: Node): Shape {
  if (node.nodeType === 3) return (node as Text).data;
  if (node.nodeType === 8) return { comment: (node as Comment).data };
  if (node.nodeType !== 1) throw new Error(`unexpected node type ${node.nodeType}`);
  const element = node as Element;
  const names: string[] = [];
  const values: Record<string, string> = {};
  for (const attribute of Array.from(element.attributes)) {
    const name = attribute.namespaceURI
      ? `{${attribute.namespaceURI}}${attribute.name}`
      : attribute.name;
    names.push(name);
    values[name] = attribute.value;
  }
  names.sort();
  const attributes: Record<string, unknown> = {};
  for (const name of names) attributes[name] = values[name];
  const shape: {
    tag: string;
    ns: string | null;
    attributes: Record<string, unknown>;
    props?: Record<string, unknown>;
    children: Shape[];
  } = { tag: element.localName, ns: element.namespaceURI, attributes, children: [] };
  if (element.namespaceURI === HTML_NS) {
    if (element.localName === "input") {
      const input = element as HTMLInputElement;
      shape.props = { value: input.value, checked: input.checked };
    } else if (element.localName === "textarea") {
      shape.props = { value: (element as HTMLTextAreaElement).value };
    }
  }
  // A template's children live in its content fragment; that is where the parser puts them.
  const from = element.localName === "template" ? (element as HTMLTemplateElement).content : node;
  shape.children = childShapes(from);
  return shape;
}

/**
 * The namespace the HTML parser gives an element with `tag` whose parent is in `parentNs` and
 * has `parentTag`: `svg` opens SVG and `math` MathML from HTML; the HTML integration points
 * (SVG `foreignObject`, `desc`, `title`) and MathML text integration points (`mi`, `mo`, `mn`,
 * `ms`, `mtext`) hold HTML again.
 */
export function parserNamespace(parentNs: string | null, parentTag: string, tag: string): string {
  let context = parentNs ?? HTML_NS;
  if (context === SVG_NS && /^(foreignObject|desc|title)$/.test(parentTag)) context = HTML_NS;
  if (
    context === MATHML_NS &&
    /^(mi|mo|mn|ms|mtext)$/.test(parentTag) &&
    tag !== "mglyph" &&
    tag !== "malignmark"
  ) {
    context = HTML_NS;
  }
  if (context === HTML_NS) return tag === "svg" ? SVG_NS : tag === "math" ? MATHML_NS : HTML_NS;
  if (context === MATHML_NS && parentTag === "annotation-xml" && tag === "svg") return SVG_NS;
  return context;
}

/** Every element under `root` whose namespace is not what the HTML parser would give it. */
export function namespaceErrors(root: Element): string[] {
  const errors: string[] = [];
  const walk = (parent: Element, path: string): void => {
    let i = 0;
    for (let child = parent.firstChild; child; child = child.nextSibling, i++) {
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      const expected = parserNamespace(parent.namespaceURI, parent.localName, element.localName);
      if (element.namespaceURI !== expected) {
        errors.push(`${path}/${i} <${element.localName}> is in ${element.namespaceURI}`);
      }
      walk(element, `${path}/${i}`);
    }
  };
  walk(root, "");
  return errors;
}

/** A wire node (SPEC §5), typed loosely: this reader trusts nothing of the protocol package. */
export type LooseWire = string | readonly unknown[];

/**
 * Builds DOM nodes from wire nodes into `parent` without the client's code: the test's own
 * reading of SPEC §5, used as a second opinion on `buildNode`.
 */
export function referenceBuild(parent: Element, nodes: readonly LooseWire[]): Element {
  const document = parent.ownerDocument;
  const add = (into: Element, node: LooseWire): void => {
    if (typeof node === "string") {
      into.appendChild(document.createTextNode(node));
      return;
    }
    const tag = node[0] as string;
    const ns = parserNamespace(into.namespaceURI, into.localName, tag);
    const element =
      ns === HTML_NS ? document.createElement(tag) : document.createElementNS(ns, tag);
    const attributes = node[1];
    if (attributes && typeof attributes === "object") {
      for (const [name, value] of Object.entries(attributes as Record<string, string>)) {
        element.setAttribute(name, value);
        // SPEC §5: value, checked and selected are also written to the DOM property.
        if (name === "value" && "value" in element) (element as HTMLInputElement).value = value;
        if (name === "checked" && "checked" in element) {
          (element as HTMLInputElement).checked = true;
        }
      }
    }
    into.appendChild(element);
    for (let i = 2; i < node.length; i++) {
      const child = node[i] as LooseWire | { h: string };
      if (typeof child === "object" && !Array.isArray(child)) {
        element.innerHTML = (child as { h: string }).h;
      } else add(element, child as LooseWire);
    }
  };
  for (const node of nodes) add(parent, node);
  return parent;
}

/** Replaces every `on:<type>` attribute value in `shapes` by `read(value)`. */
export function mapBindings(shapes: readonly Shape[], read: (value: string) => unknown): Shape[] {
  return shapes.map((shape) => {
    if (typeof shape === "string" || "comment" in shape) return shape;
    const attributes: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(shape.attributes)) {
      attributes[name] = name.startsWith("on:") ? read(value as string) : value;
    }
    return { ...shape, attributes, children: mapBindings(shape.children, read) };
  });
}
