import type { LiveElement, LiveNode } from "../diff/live.ts";
import { Namespace } from "../diff/live.ts";
import { escapeAttribute, escapeText } from "./escape.ts";

/** HTML elements that have no end tag and no content. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);

// Raw text elements: the parser does not decode entities inside them, so text goes out as is
// (the list of the HTML serialisation algorithm; noscript because pages run with scripting).
const RAW_TEXT = new Set(["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"]);
// The parser drops one newline right after these start tags, so a leading newline is doubled.
const LEADING_NEWLINE = new Set(["pre", "textarea", "listing"]);

/**
 * Renders the children of a live element as HTML. The browser parses the result into exactly the
 * DOM the client would build from the same nodes, which is what lets it adopt server-rendered
 * content without a second render.
 */
export function renderChildren(parent: LiveElement): string {
  let out = "";
  const children = parent.children;
  for (let i = 0; i < children.length; i++) {
    out += renderNode(children[i] as LiveNode, parent, i === 0);
  }
  return out;
}

function renderNode(node: LiveNode, parent: LiveElement, first: boolean): string {
  if (node.kind === 1) {
    if (parent.ns === Namespace.Html && RAW_TEXT.has(parent.tag))
      return rawText(node.text, parent.tag);
    const text = escapeText(node.text);
    return first &&
      parent.ns === Namespace.Html &&
      LEADING_NEWLINE.has(parent.tag) &&
      text[0] === "\n"
      ? `\n${text}`
      : text;
  }
  let out = `<${node.tag}`;
  const attributes = node.attributes;
  for (const name in attributes) {
    out += ` ${name}="${escapeAttribute(attributes[name] as string)}"`;
  }
  out += ">";
  if (node.ns === Namespace.Html && VOID_ELEMENTS.has(node.tag)) return out;
  if (node.html !== undefined) out += node.html;
  else out += renderChildren(node);
  return `${out}</${node.tag}>`;
}

function rawText(text: string, tag: string): string {
  if (text.toLowerCase().includes(`</${tag}`)) {
    throw new Error(`text inside <${tag}> cannot contain "</${tag}"`);
  }
  // A page read without scripts parses <noscript> content as markup: text from data there could
  // add elements (a refresh to another site, a form).
  if (tag === "noscript" && text.includes("<")) {
    throw new Error('text inside <noscript> cannot contain "<": without scripts it is markup');
  }
  return text;
}
