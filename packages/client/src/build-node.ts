import type { WireNode } from "@lucent/protocol";
import { type DomWriter, HTML_NAMESPACE } from "./dom-writer.ts";
import { type PatchMismatch, patchMismatch } from "./patch-mismatch.ts";

const SVG_NAMESPACE = "http://www.w3.org/2000/svg";
const MATHML_NAMESPACE = "http://www.w3.org/1998/Math/MathML";

// The HTML parser's integration points: children of these foreign elements are HTML again.
const HTML_INSIDE = /^(foreignObject|desc|title|mi|mo|mn|ms|mtext)$/;

/**
 * The namespace of the children of an element, derived as the HTML parser does.
 *
 * @example childNamespace(svgElement) // "http://www.w3.org/2000/svg"
 */
export function childNamespace(element: Element): string {
  const ns = element.namespaceURI;
  // An HTML element whose name the pattern knows (`title`) holds HTML too, so no test of the
  // namespace comes first: one pattern test per element built, for the client's bytes.
  return !ns || HTML_INSIDE.test(element.localName) ? HTML_NAMESPACE : ns;
}

/**
 * Builds the DOM node for a wire node (SPEC §5) inside a parent whose children are in
 * `namespace`: `svg` opens SVG, `math` opens MathML, and `{h}` children become `innerHTML`.
 * With `holes`, the node is op 8's template and its holes (`null`) are built empty.
 * A value that is not a node throws a {@link PatchMismatch}.
 *
 * @example view.append(buildNode(["p", { class: "hi" }, "Hello"], HTML_NAMESPACE, writer))
 */
export function buildNode(
  node: WireNode,
  namespace: string,
  writer: DomWriter,
  holes?: boolean,
): Node {
  if (typeof node === "string" || (holes && node === null)) return writer.createText(node ?? "");
  const tag = node?.[0];
  if (typeof tag !== "string" || !Array.isArray(node)) throw bad("a node", node);
  const ns = tag === "svg" ? SVG_NAMESPACE : tag === "math" ? MATHML_NAMESPACE : namespace;
  const element = writer.createElement(tag, ns);
  const attributes = node[1];
  if (node.length > 1 && attributes !== 0) {
    if (!isRecord(attributes)) throw bad("attributes", node);
    for (const name in attributes) {
      const value = attributes[name] ?? (holes ? "" : null);
      if (typeof value !== "string") throw bad(`attribute ${name}`, node);
      writer.setAttribute(element, name, value, true);
    }
  }
  const inner = childNamespace(element);
  for (let i = 2; i < node.length; i++) {
    const child = node[i];
    if (isRecord(child)) {
      if (typeof child.h !== "string" || node.length !== 3) throw bad("raw HTML", node);
      writer.setInnerHtml(element, child.h);
    } else writer.insertBefore(element, buildNode(child as WireNode, inner, writer, holes), null);
  }
  return element;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

function bad(what: string, node: unknown): PatchMismatch {
  return patchMismatch(`expected ${what} in ${JSON.stringify(node)}`);
}
