import { sameMessage } from "../../diff/handlers.ts";
import { type Commands, commandsOf } from "../commands.ts";
import { type EventSpec, isEventSpec } from "../events.ts";
import { element, eventType } from "../h.ts";
import {
  type Child,
  type ElementNode,
  type Handler,
  type MemoNode,
  type Node,
  NodeKind,
  ownNodes,
  type TextNode,
  text,
} from "../node.ts";
import {
  type HoleKind,
  parseTemplate,
  type StaticAttribute,
  type StaticChild,
  type StaticElement,
} from "./parse.ts";

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
  /** Whether two calls' values render alike (see `comparator`). */
  readonly same: (previous: readonly unknown[], next: readonly unknown[]) => boolean;
}

const compiled = new WeakMap<TemplateStringsArray, Compiled>();

/**
 * A view written as HTML with holes, for rows and other parts that render often. The markup is
 * parsed once per place in the code; each call keeps only its values. The diff compares the values
 * with the last render's in the same place and, when they are alike, keeps the old nodes without
 * building or diffing anything: a `memo` whose dependencies are the holes. Messages compare by
 * value, nodes made by `html` by their values, anything else by identity (a new array or closure
 * renders again, which is never wrong).
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
    same: template.same,
  };
  return node as MemoNode<Msg>;
}

let lastStrings: TemplateStringsArray | undefined;
let lastTemplate: Compiled | undefined;

function compile(strings: readonly string[]): Compiled {
  const parsed = parseTemplate(strings);
  const roots = parsed.roots.map(builder);
  const build =
    roots.length === 1
      ? (roots[0] as ChildBuilder)
      : (values: readonly unknown[]) => ({
          kind: NodeKind.Fragment,
          key: undefined,
          children: ownNodes(roots.map((root) => root(values)) as Child<unknown>[]),
        });
  const root = parsed.roots.length === 1 ? parsed.roots[0] : undefined;
  const keyAttribute =
    typeof root === "object"
      ? root.attributes.find((attribute) => attribute.name === "key")
      : undefined;
  if (keyAttribute?.value === null) throw new Error("html template: key needs a value");
  return {
    build: build as Compiled["build"],
    key: keyOf(keyAttribute?.value ?? null),
    same: comparator(parsed.holes),
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

type ChildBuilder = (values: readonly unknown[]) => unknown;

/** A function building one static child's node from the values; static parts are built once. */
function builder(child: StaticChild): ChildBuilder {
  if (typeof child === "number") return (values) => values[child];
  if (typeof child === "string") {
    const node: TextNode = text(child);
    return () => node;
  }
  const build = elementBuilder(child);
  if (hasHoles(child)) return build;
  // No holes: one node serves every render (nodes are never changed once made).
  const node = build([]);
  return () => node;
}

function elementBuilder(
  source: StaticElement,
): (values: readonly unknown[]) => ElementNode<unknown> {
  const children = source.children.map(builder);
  const fixed: Record<string, unknown> = {};
  const dynamic: StaticAttribute[] = [];
  for (const attribute of source.attributes) {
    if (attribute.value === null) fixed[attribute.name] = true;
    else if (attribute.value.some(isHole)) dynamic.push(attribute);
    else fixed[attribute.name] = attribute.value.join("");
  }
  // Shared by every render, and kept by the live tree as the element's attributes when all are
  // static strings: the diff then finds the same object and compares nothing.
  Object.freeze(fixed);
  const { tag } = source;
  return (values) => {
    let props = fixed;
    if (dynamic.length > 0) {
      props = { ...fixed };
      for (const { name, value } of dynamic) {
        const parts = value as readonly (string | number)[];
        props[name] =
          parts.length === 1
            ? attributeValue(name, values[parts[0] as number])
            : attributeText(parts, values);
      }
    }
    const nodes: unknown[] = new Array(children.length);
    for (let i = 0; i < children.length; i++) nodes[i] = (children[i] as ChildBuilder)(values);
    return element(tag, props, ownNodes(nodes as Child<unknown>[]), undefined);
  };
}

const isHole = (part: string | number): part is number => typeof part === "number";

function hasHoles(source: StaticElement): boolean {
  return (
    source.attributes.some((attribute) => attribute.value?.some(isHole)) ||
    source.children.some(
      (child) => typeof child === "number" || (typeof child === "object" && hasHoles(child)),
    )
  );
}

/**
 * A whole attribute value. Only events, `class`, `style` and `js:` commands take objects: HTML
 * authors write `onclick`, which is no event here, and its message must not become the text of
 * an inline handler.
 */
function attributeValue(name: string, value: unknown): unknown {
  const text = typeof value !== "function" && (typeof value !== "object" || value === null);
  if (text || eventType(name) !== undefined || name === "class" || name === "style") return value;
  if (commandsOf(value) !== undefined) return value;
  const hint = name.startsWith("on") ? " (an event is onClick or on:click)" : "";
  throw new Error(`html template: ${name} takes text, got ${typeof value}${hint}`);
}

/** An attribute value made of text and holes: each hole's value must be text or a number. */
function attributeText(
  parts: readonly (string | number)[],
  values: readonly unknown[],
): string | undefined {
  if (parts.length === 1 && typeof parts[0] === "number") {
    const value = values[parts[0]];
    return value === undefined || value === null || value === false ? undefined : String(value);
  }
  let out = "";
  for (const part of parts) {
    if (typeof part === "string") out += part;
    else {
      const value = values[part];
      if (typeof value !== "string" && typeof value !== "number") {
        throw new Error(
          `html template: a value inside an attribute's text must be a string or a number, got ${typeof value}`,
        );
      }
      out += value;
    }
  }
  return out;
}

/**
 * How a template compares two calls' values. Event holes hold messages, compared by value as the
 * handler registry compares them; functions only by identity, since a closure may read anything.
 * A hole holding a node made by `html` compares by that node's values. Anything else by identity.
 */
function comparator(holes: readonly HoleKind[]): Compiled["same"] {
  const byValue = holes.map(
    (hole) =>
      typeof hole === "object" &&
      "attribute" in hole &&
      (eventType(hole.attribute) !== undefined || hole.attribute === "class"),
  );
  // Hot: every template of every render. Unequal primitives end it before any call.
  return (previous, next) => {
    for (let i = 0; i < next.length; i++) {
      const a = previous[i];
      const b = next[i];
      if (a === b) continue;
      if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
      if (byValue[i]) {
        if (!sameMessage(a, b) || isEventSpec(a) !== isEventSpec(b)) return false;
      } else if (!sameTemplate(a, b)) return false;
    }
    return true;
  };
}

/** Whether two values are calls of the same template with values that render alike. */
function sameTemplate(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const x = a as MemoNode<unknown>;
  const y = b as MemoNode<unknown>;
  return (
    x.kind === NodeKind.Memo &&
    y.kind === NodeKind.Memo &&
    x.same !== undefined &&
    x.same === y.same &&
    x.key === y.key &&
    x.same(x.deps, y.deps)
  );
}
