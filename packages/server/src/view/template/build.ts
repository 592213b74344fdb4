import { commandsOf, isCommandProp } from "../commands.ts";
import { element, eventType } from "../h.ts";
import { type Child, type ElementNode, NodeKind, ownNodes, type TextNode, text } from "../node.ts";
import type { StaticAttribute, StaticChild, StaticElement } from "./parse.ts";

/** Builds what one static child stands for, from a call's values. */
export type ChildBuilder = (values: readonly unknown[]) => unknown;

/** Builds one static element from a call's values: whole, or without its children. */
export type ElementBuilder = (values: readonly unknown[], shallow: boolean) => ElementNode<unknown>;

const NO_CHILDREN: readonly never[] = Object.freeze([]);

/** Elements whose content the browser reads as text: a node there would not be one in the DOM. */
const TEXT_ONLY = new Set(["textarea", "title"]);

/** A child builder that lets through text, numbers and nothing, and refuses anything else. */
function textOnly(build: ChildBuilder): ChildBuilder {
  return (values) => {
    const value = build(values);
    if (typeof value !== "object" || value === null) return value;
    if ((value as { kind?: unknown }).kind === NodeKind.Text) return value;
    throw new Error("html template: <textarea> and <title> hold text only, got a node or a list");
  };
}

/**
 * The builders of a template's static structure. Parts without holes are built once and shared
 * by every call (nodes are never changed once made); `elements` holds each element's builder, for
 * updates in place.
 */
export function createBuilders(roots: readonly StaticChild[]): {
  readonly roots: readonly ChildBuilder[];
  readonly elements: ReadonlyMap<StaticElement, ElementBuilder>;
} {
  const elements = new Map<StaticElement, ElementBuilder>();
  const childBuilder = (child: StaticChild): ChildBuilder => {
    if (typeof child === "number") return (values) => values[child];
    if (typeof child === "string") {
      const node: TextNode = text(child);
      return () => node;
    }
    const inner = child.children.map(childBuilder);
    const build = elementBuilder(child, TEXT_ONLY.has(child.tag) ? inner.map(textOnly) : inner);
    elements.set(child, build);
    if (hasHoles(child)) return (values) => build(values, false);
    const node = build(NO_CHILDREN, false);
    return () => node;
  };
  return { roots: roots.map(childBuilder), elements };
}

function elementBuilder(source: StaticElement, children: readonly ChildBuilder[]): ElementBuilder {
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
  return (values, shallow) => {
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
    if (shallow || children.length === 0) return element(tag, props, NO_CHILDREN, undefined);
    const nodes: unknown[] = new Array(children.length);
    for (let i = 0; i < children.length; i++) nodes[i] = (children[i] as ChildBuilder)(values);
    return element(tag, props, ownNodes(nodes as Child<unknown>[]), undefined);
  };
}

/** A template of several roots (or one that is not an element) builds a fragment. */
export function fragmentBuilder(roots: readonly ChildBuilder[]): ChildBuilder {
  return (values) => ({
    kind: NodeKind.Fragment,
    key: undefined,
    children: ownNodes(roots.map((root) => root(values)) as Child<unknown>[]),
  });
}

export const isHole = (part: string | number): part is number => typeof part === "number";

function hasHoles(source: StaticElement): boolean {
  return (
    source.attributes.some((attribute) => attribute.value?.some(isHole)) ||
    source.children.some(
      (child) => typeof child === "number" || (typeof child === "object" && hasHoles(child)),
    )
  );
}

/**
 * A whole attribute value. Only events, `class`, `style` and `js:` commands take objects (the
 * parser already refuses values in `onclick` and the like, which would run as script). An event
 * takes no view node or command chain: the type of a hole is what any hole takes, so only a check
 * here turns such a slip into an error rather than a message.
 */
function attributeValue(name: string, value: unknown): unknown {
  const text = typeof value !== "function" && (typeof value !== "object" || value === null);
  if (eventType(name) !== undefined) {
    if (!text && (isViewNode(value) || commandsOf(value) !== undefined)) {
      throw new Error(
        `html template: ${name} takes a message or a handler, got a view node or commands`,
      );
    }
    return value;
  }
  if (isCommandProp(name)) {
    if (commandsOf(value) !== undefined || value === undefined || value === null || value === false)
      return value;
    throw new Error(
      `html template: ${name} takes a command chain made with js, got ${typeof value}`,
    );
  }
  if (text || name === "class" || name === "style") return value;
  if (commandsOf(value) !== undefined) return value;
  throw new Error(`html template: ${name} takes text, got ${typeof value}`);
}

/** Whether a value is an element, fragment, memo (a template call too) or mapped view. */
function isViewNode(value: unknown): boolean {
  const node = value as Record<string, unknown>;
  switch (node.kind) {
    case NodeKind.Element:
      return typeof node.tag === "string" && Array.isArray(node.events);
    case NodeKind.Fragment:
      return Array.isArray(node.children) && "key" in node;
    case NodeKind.Memo:
      return typeof node.render === "function";
    case NodeKind.Map:
      return typeof node.mapper === "function";
    default:
      return false;
  }
}

/** An attribute value made of text and holes: each hole's value must be text or a number. */
export function attributeText(
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
