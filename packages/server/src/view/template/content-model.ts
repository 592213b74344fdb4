import type { StaticChild, StaticElement } from "./parse.ts";

/**
 * Why the browser's HTML parser would build another tree from a template's static markup than
 * the template describes, or undefined. The server sends the markup as HTML for the first page
 * and the client builds the same tree from the wire: where the parser moves, closes or drops an
 * element, the two differ, and later patches miss (invariant 2). These are the rules a template
 * author meets in practice; holes are left alone, since what they hold is known only at render
 * time (the same rules then apply to the view, as with `h`). Inside `<svg>` and `<math>` the
 * parser follows other rules, which are not checked.
 *
 * @example contentProblem([{ tag: "table", attributes: [], children: [tr] }])
 * // "<tr> directly inside <table> gets a <tbody> around it from the browser: write the <tbody>"
 */
export function contentProblem(roots: readonly StaticChild[]): string | undefined {
  for (const root of roots) {
    if (typeof root !== "object") continue;
    const problem = elementProblem(root, []);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

const SECTIONS = new Set(["thead", "tbody", "tfoot"]);
const TABLE_CHILDREN = new Set(["caption", "colgroup", "thead", "tbody", "tfoot"]);
const CELLS = new Set(["td", "th"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
/** Elements whose start tag closes an open `<p>` (HTML's tree construction, "in body"). */
const CLOSES_P = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "center",
  "details",
  "dialog",
  "dir",
  "div",
  "dl",
  "dd",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  ...HEADINGS,
  "header",
  "hgroup",
  "hr",
  "li",
  "listing",
  "main",
  "menu",
  "nav",
  "ol",
  "p",
  "pre",
  "search",
  "section",
  "summary",
  "table",
  "ul",
]);
/** Where the search for an open `<a>` stops: the markers of the active formatting elements. */
const MARKERS = new Set(["applet", "caption", "marquee", "object", "td", "th", "template"]);
/** Where the search for an open `<button>` stops: the parser's default scope. */
const SCOPE = new Set([...MARKERS, "table"]);
/** Where the search for an open `<p>` stops: button scope. */
const BUTTON_SCOPE = new Set([...SCOPE, "button"]);
/** HTML's special elements: an `<li>`, `<dd>` or `<dt>` looks for an open one up to these. */
const SPECIAL = new Set([
  // Every element that closes a <p> is special, but <dialog>.
  ...[...CLOSES_P].filter((tag) => tag !== "dialog"),
  ...SCOPE,
  ...SECTIONS,
  "applet",
  "br",
  "button",
  "col",
  "colgroup",
  "embed",
  "iframe",
  "img",
  "input",
  "noscript",
  "select",
  "textarea",
  "title",
  "tr",
  "wbr",
]);
/** Of the special elements, those an `<li>`, `<dd>` or `<dt>` looks past. */
const LOOKED_PAST = new Set(["address", "div", "p"]);

function elementProblem(element: StaticElement, ancestors: readonly string[]): string | undefined {
  const { tag } = element;
  if (tag !== tag.toLowerCase())
    return `<${tag}>: HTML tag names are lowercase (<${tag.toLowerCase()}>)`;
  const parent = ancestors[ancestors.length - 1];
  const problem = placeProblem(element, parent, ancestors);
  // Inside <svg> and <math> the parser follows other rules: only their own place is checked.
  if (problem !== undefined || tag === "svg" || tag === "math") return problem;
  if (tag === "template") return "<template> content is not part of the page: build it with h";
  const inner = [...ancestors, tag];
  for (const child of element.children) {
    if (typeof child === "number") continue;
    if (typeof child === "string") {
      // Spaces are kept where they stand; other text is moved in front of the table.
      if (
        /[^ \t\n\f\r]/.test(child) &&
        (SECTIONS.has(tag) || tag === "table" || tag === "tr" || tag === "colgroup")
      )
        return `text directly inside <${tag}> is moved out of the table by the browser`;
      continue;
    }
    const found = elementProblem(child, inner);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Whether an element may stand where it is written, given its parent and the ancestors above. */
function placeProblem(
  element: StaticElement,
  parent: string | undefined,
  ancestors: readonly string[],
): string | undefined {
  const { tag } = element;
  // The one element the parser keeps where it stands in a table: a hidden input.
  if (parent !== undefined && TABULAR.has(parent) && hiddenInput(element)) return undefined;
  if (parent === "table" && !TABLE_CHILDREN.has(tag)) {
    return tag === "tr"
      ? "<tr> directly inside <table> gets a <tbody> around it from the browser: write the <tbody>"
      : `<${tag}> directly inside <table> is moved out of the table by the browser`;
  }
  if (parent !== undefined && SECTIONS.has(parent) && tag !== "tr")
    return `<${parent}> holds rows only, not <${tag}>`;
  if (parent === "tr" && !CELLS.has(tag)) return `<tr> holds <td> and <th> only, not <${tag}>`;
  if (parent === "colgroup" && tag !== "col") return `<colgroup> holds <col> only, not <${tag}>`;
  // A root stands wherever the view puts it (a row template goes into a <tbody>); inside another
  // element of the template, the browser drops a table part that is out of place.
  if (parent !== undefined) {
    if (CELLS.has(tag) && parent !== "tr") return `<${tag}> belongs in a <tr>, not in <${parent}>`;
    if (tag === "tr" && !SECTIONS.has(parent))
      return `<tr> belongs in a <tbody>, not in <${parent}>`;
    if ((SECTIONS.has(tag) || TABLE_CHILDREN.has(tag)) && parent !== "table")
      return `<${tag}> belongs in a <table>, not in <${parent}>`;
    if (tag === "col" && parent !== "colgroup")
      return `<col> belongs in a <colgroup>, not in <${parent}>`;
  }
  if (CLOSES_P.has(tag) && openInScope(ancestors, "p", BUTTON_SCOPE))
    return `<${tag}> inside <p> closes the <p> in the browser: use another element than <p>`;
  // A form inside a form is dropped at any depth; an <a> inside an <a> closes the outer one.
  if (
    (tag === "a" && openInScope(ancestors, "a", MARKERS)) ||
    (tag === "form" && ancestors.includes("form"))
  )
    return `<${tag}> inside <${tag}> is not nested by the browser`;
  if (tag === "button" && openInScope(ancestors, "button", SCOPE))
    return "<button> inside <button> closes the outer <button> in the browser";
  if (parent !== undefined && HEADINGS.has(tag) && HEADINGS.has(parent))
    return `<${tag}> inside <${parent}> closes the <${parent}> in the browser`;
  const item = tag === "li" ? ["li"] : tag === "dd" || tag === "dt" ? ["dd", "dt"] : null;
  const open = item && openItem(ancestors, item);
  if (open) return `<${tag}> inside <${open}> closes the <${open}> in the browser`;
  return undefined;
}

/** The list item an `<li>` (or `<dd>`, `<dt>`) start tag would close, if any is open. */
function openItem(ancestors: readonly string[], items: readonly string[]): string | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const above = ancestors[i] as string;
    if (items.includes(above)) return above;
    if (SPECIAL.has(above) && !LOOKED_PAST.has(above)) return undefined;
  }
  return undefined;
}

/** Elements whose content the parser reads in its table modes. */
const TABULAR = new Set(["table", "thead", "tbody", "tfoot", "tr"]);

function hiddenInput(element: StaticElement): boolean {
  if (element.tag !== "input") return false;
  const type = element.attributes.find((attribute) => attribute.name.toLowerCase() === "type");
  const value = type?.value;
  return value?.length === 1 && typeof value[0] === "string" && value[0].toLowerCase() === "hidden";
}

/** Whether an element named `tag` is open above, with no boundary of `scope` in between. */
function openInScope(
  ancestors: readonly string[],
  tag: string,
  scope: ReadonlySet<string>,
): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const above = ancestors[i] as string;
    if (above === tag) return true;
    if (scope.has(above)) return false;
  }
  return false;
}
