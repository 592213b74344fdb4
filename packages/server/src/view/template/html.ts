import type { Commands } from "../commands.ts";
import type { EventSpec } from "../events.ts";
import {
  type Child,
  type Handler,
  type MemoNode,
  type MemoTemplate,
  type Node,
  NodeKind,
} from "../node.ts";
import { attributeText, createBuilders, fragmentBuilder } from "./build.ts";
import { byValueHoles, comparator } from "./compare.ts";
import { parseTemplate } from "./parse.ts";
import { singleRoot, templateUpdate } from "./update.ts";

/**
 * What a hole of an `html` template takes. In content: text, numbers, nodes and lists of them
 * (`null`, `undefined` and booleans render nothing). As an attribute: a string, a number, `true`
 * (bare), `false`/`null`/`undefined` (left out), a class list or record. As `onClick` or
 * `on:<type>`: a message, a function of the payload, or {@link on}'s handler with options.
 * Style records are left out, so that a mistyped message cannot pass for one: write `style`
 * as a string.
 */
export type TemplateValue<Msg> =
  | Child<Msg>
  | Handler<Msg, never>
  | EventSpec<Msg, never>
  | Readonly<Record<string, boolean>>
  | Commands;

/** One `html` call site, parsed once: how to build its nodes, and how to compare its values. */
interface Compiled {
  /** Builds the view of one call's values. */
  readonly build: (values: readonly unknown[]) => Node<unknown>;
  /** The key of the template's root element, when it has one. */
  readonly key: (values: readonly unknown[]) => string | undefined;
  /** How calls' values compare and update the last render's nodes in place. */
  readonly template: MemoTemplate;
}

const compiled = new WeakMap<TemplateStringsArray, Compiled>();

/**
 * A view written as HTML with holes, for rows and other parts that render often. The markup is
 * parsed once per place in the code; each call keeps only its values. The diff compares the values
 * with the last render's in the same place and, when they are alike, keeps the old nodes without
 * building or diffing anything: a `memo` whose dependencies are the holes. When some differ, a
 * template of one root element is updated in place: only the elements holding them are diffed.
 * Messages compare by value, nodes made by `html` by their values, anything else by identity (a
 * new array or closure counts as a change, which is never wrong).
 *
 * Markup is HTML: void elements need no end tag, `<x />` closes any element, attribute names are
 * `h`'s props (`onClick`, `on:<type>`, `class`, `key`), and text follows JSX's rule for
 * whitespace (indentation and line breaks between tags vanish). `key` on the root element keys
 * the template in a list. A template with events names its message type, `html<Msg>`, and its
 * holes are checked against it; the type is never guessed from the values.
 *
 * @example html<Msg>`<tr key=${row.id} class=${selected ? "danger" : ""}>
 *   <td>${row.id}</td><td><a onClick=${{ type: "select", id: row.id }}>${row.label}</a></td>
 * </tr>`
 */
export function html<Msg = never>(
  strings: TemplateStringsArray,
  ...values: NoInfer<TemplateValue<Msg>>[]
): Node<Msg> {
  // Rows of a list come from one call site in a row: the last template spares the map lookup.
  let template = strings === lastStrings ? lastTemplate : compiled.get(strings);
  if (template === undefined) {
    template = compile(strings);
    compiled.set(strings, template);
  }
  lastStrings = strings;
  lastTemplate = template;
  const build = template.build;
  const node: MemoNode<unknown> = {
    kind: NodeKind.Memo,
    key: template.key(values),
    deps: values,
    render: () => build(values),
    template: template.template,
  };
  return node as MemoNode<Msg>;
}

let lastStrings: TemplateStringsArray | undefined;
let lastTemplate: Compiled | undefined;

function compile(strings: readonly string[]): Compiled {
  // Only a tagged template's strings carry `raw`: an array of data (JSON's, say) given as the
  // strings would be trusted as markup.
  if (!Array.isArray(strings) || !Object.hasOwn(strings, "raw")) {
    throw new Error("html template: html is a tag, called as html`...`, not with an array");
  }
  const { roots, holes } = parseTemplate(strings);
  const builders = createBuilders(roots);
  const root = singleRoot(roots);
  const keyAttribute = root?.attributes.find((attribute) => attribute.name === "key");
  if (keyAttribute?.value === null) throw new Error("html template: key needs a value");
  if (
    !root &&
    roots.some((r) => typeof r === "object" && r.attributes.some((a) => a.name === "key"))
  ) {
    throw new Error(
      "html template: key on one of several roots keys nothing: wrap them in one element",
    );
  }
  const byValue = byValueHoles(holes);
  return {
    build: (root ? builders.roots[0] : fragmentBuilder(builders.roots)) as Compiled["build"],
    key: keyOf(keyAttribute?.value ?? null),
    template: {
      same: comparator(byValue),
      // Only a template of one root element knows where its values are in the DOM.
      dirty: root ? templateUpdate(root, holes, builders.elements, byValue) : () => null,
    },
  };
}

/** How a template's key is read from its values: none, fixed, one value, or text with values. */
function keyOf(parts: readonly (string | number)[] | null): Compiled["key"] {
  if (parts === null) return () => undefined;
  const [only] = parts;
  if (parts.length !== 1 || typeof only !== "number")
    return (values) => attributeText(parts, values);
  return (values) => {
    const value = values[only];
    if (typeof value === "string") return value;
    return value === undefined || value === null || value === false ? undefined : String(value);
  };
}
