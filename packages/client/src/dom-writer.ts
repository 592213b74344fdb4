/**
 * Every DOM read and write the patch applier and tree builder make, in the manner of snabbdom's
 * `DOMAPI`: the same algorithm then runs against a browser, happy-dom, or a recording fake.
 */
export interface DomWriter {
  /** An element in `namespace` (the HTML, SVG or MathML namespace URI). */
  createElement(tag: string, namespace: string): Element;
  createText(data: string): Text;
  /**
   * Sets an attribute; `value`, `checked` and `selected` also set the DOM property (SPEC §5),
   * unless the element is being `built`: a new node is left to its attributes, as the HTML parser
   * leaves it (no user has edited it, and a property written before the node's children or other
   * attributes exist, a select's options or a range's max, would differ from parsed HTML).
   */
  setAttribute(element: Element, name: string, value: string, built?: boolean): void;
  /** Removes an attribute and resets the matching `value`, `checked` or `selected` property. */
  removeAttribute(element: Element, name: string): void;
  insertBefore(parent: Node, node: Node, before: Node | null): void;
  /** Moves a child within `parent`, keeping its state (focus, iframes) where the browser can. */
  moveBefore(parent: Node, node: Node, before: Node | null): void;
  remove(node: Node): void;
  setText(node: CharacterData, data: string): void;
  setInnerHtml(element: Element, html: string): void;
  /** A deep copy of a node built by the applier (op 8 clones its template for every row). */
  clone(node: Node): Node;
  /** The child at `index` of `childNodes`, or null past the end; `index` is a checked index. */
  childAt(parent: Node, index: number): Node | null;
}

/**
 * Attributes that are also written to the control's DOM property (SPEC §5). A list rather than a
 * regular expression: V8 drops a regular expression's compiled code in a full collection, and
 * compiling it again cost 10 µs of the first patch after one (measured in Chromium 156).
 */
export const CONTROLLED: readonly string[] = ["value", "checked", "selected"];

/** The HTML namespace URI, in which `createElement` is used so that tag names are lowercased. */
export const HTML_NAMESPACE = "http://www.w3.org/1999/xhtml";

/**
 * A {@link DomWriter} for a real (or happy-dom) document.
 *
 * @example applyPatch(view, ops, createDomWriter(document))
 */
export function createDomWriter(document: Document): DomWriter {
  return {
    createElement: (tag, namespace) =>
      namespace === HTML_NAMESPACE
        ? document.createElement(tag)
        : document.createElementNS(namespace, tag),
    createText: (data) => document.createTextNode(data),
    setAttribute(element, name, value, built) {
      element.setAttribute(name, value);
      if (!built) syncProperty(element, name, value);
    },
    removeAttribute(element, name) {
      element.removeAttribute(name);
      syncProperty(element, name, null);
    },
    insertBefore(parent, node, before) {
      parent.insertBefore(node, before);
    },
    moveBefore(parent, node, before) {
      // `moveBefore` (Chrome 133+) keeps focus, iframes and animations; it refuses some moves
      // (across documents, or unsupported node types), and then an ordinary insert does the job.
      if ("moveBefore" in parent) {
        try {
          return (parent as ParentNode).moveBefore(node, before);
        } catch {}
      }
      const focus = document.activeElement;
      parent.insertBefore(node, before);
      // Taking the focused element out of the document blurs it: give the focus back.
      if (focus !== document.activeElement) (focus as HTMLElement | null)?.focus();
    },
    remove(node) {
      (node as ChildNode).remove();
    },
    setText(node, data) {
      node.data = data;
    },
    setInnerHtml(element, html) {
      element.innerHTML = html;
    },
    clone: (node) => node.cloneNode(true),
    // Near the start, stepping along siblings: `childNodes` makes Chromium build a node list
    // for the parent (10–20 µs after a collection, measured), which only pays off far in.
    childAt(parent, index) {
      if (index > 16) return parent.childNodes[index] ?? null;
      let child = parent.firstChild;
      while (child && index--) child = child.nextSibling;
      return child;
    },
  };
}

// A form control stops following its `value`/`checked` attribute once the user has edited it, so
// the server's value is also written to the property. Writing only when it differs keeps the
// caret where it is when the server merely echoes what the user typed; when the value does change,
// the caret goes back where it was (the browser clamps it to the new length) instead of jumping
// to the end. Input types without a selection report a null selectionStart.
function syncProperty(element: Element, name: string, value: string | null): void {
  if (CONTROLLED.includes(name) && name in element) {
    const target = element as unknown as Record<string, unknown>;
    const next = name === "value" ? (value ?? "") : value !== null;
    if (target[name] !== next) {
      const { selectionStart, selectionEnd } = element as HTMLInputElement;
      target[name] = next;
      if (selectionStart != null && element === element.ownerDocument.activeElement) {
        (element as HTMLInputElement).setSelectionRange(selectionStart, selectionEnd);
      }
      // Checkboxes, radios and button-like inputs reflect `value` into the attribute: after a
      // removal, the write put it back as `value=""`.
      if (value === null) element.removeAttribute(name);
    }
  }
}
