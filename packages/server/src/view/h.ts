import type { Payload } from "@lucent/protocol";
import { VOID_ELEMENTS } from "../render/html.ts";
import { type Commands, commandsOf, isCommandProp } from "./commands.ts";
import {
  type EventSpec,
  eventHandler,
  type InputPayload,
  type KeyPayload,
  type SubmitPayload,
} from "./events.ts";
import {
  type Child,
  type ElementExtras,
  type ElementNode,
  type EventHandler,
  type Handler,
  NodeKind,
  ownNodes,
} from "./node.ts";

/** A handler, or a handler with options; `null` and `undefined` bind nothing. */
export type EventProp<Msg, P = Payload> = Handler<Msg, P> | EventSpec<Msg, P> | null | undefined;

/** An attribute value: `true` renders the bare attribute, `false`/`null`/`undefined` omit it. */
export type AttributeValue = string | number | boolean | null | undefined;

/** `class` accepts a string, a list with holes, or a record of class names to flags. */
export type ClassValue =
  | string
  | readonly (string | false | null | undefined)[]
  | Readonly<Record<string, boolean>>;

/** `style` accepts a string or a record of CSS properties (camelCase or kebab-case). */
export type StyleValue = string | Readonly<Record<string, string | number | null | undefined>>;

/** Event props whose payload Lucent knows; any other `on<Name>` or `on:<type>` prop is generic. */
export interface KnownEventProps<Msg> {
  onClick?: EventProp<Msg>;
  onDblClick?: EventProp<Msg>;
  onInput?: EventProp<Msg, InputPayload>;
  onChange?: EventProp<Msg, InputPayload>;
  onSubmit?: EventProp<Msg, SubmitPayload>;
  onKeyDown?: EventProp<Msg, KeyPayload>;
  onKeyUp?: EventProp<Msg, KeyPayload>;
  onFocus?: EventProp<Msg>;
  onBlur?: EventProp<Msg>;
}

/**
 * The props of {@link h}: attributes, `key`, `class`, `style` and `on<Event>` handlers. Only event
 * props infer the message type; other attribute values are `NoInfer`, so `{ id: "x" }` does not
 * make the message type `string`.
 */
export type Props<Msg> = KnownEventProps<Msg> & {
  key?: string | number | undefined;
  class?: ClassValue | undefined;
  style?: StyleValue | undefined;
  [event: `on${Capitalize<string>}`]: EventProp<Msg> | EventProp<Msg, never>;
  [event: `on:${string}`]: EventProp<Msg> | EventProp<Msg, never>;
  [name: string]:
    | AttributeValue
    | EventProp<NoInfer<Msg>>
    | ClassValue
    | StyleValue
    | EventProp<NoInfer<Msg>, never>
    | Commands;
};

/**
 * An element. Props starting with `on` and a capital letter bind events (`onClick` → `click`);
 * `on:<type>` binds any event type verbatim. A plain record of strings is kept as the element's
 * attributes rather than copied, so props must be plain data (no getters), not changed once
 * passed: the next render's diff reads them again, and may compare the next view's by identity.
 *
 * @example h("button", { class: "primary", onClick: { type: "increment" } }, "+")
 */
export function h<Msg = never>(
  tag: string,
  props?: Props<Msg> | null,
  ...children: Child<Msg>[]
): ElementNode<Msg> {
  return element(tag, props ?? undefined, ownNodes(children), undefined);
}

/**
 * An element whose content is trusted HTML, inserted without escaping. Never pass user input.
 *
 * @example raw("div", { class: "post" }, renderedMarkdown)
 */
export function raw<Msg = never>(
  tag: string,
  props: Props<Msg> | null,
  html: string,
): ElementNode<Msg> {
  return element(tag, props ?? undefined, [], html);
}

/**
 * Builds an element from props; shared by {@link h}, {@link raw} and the JSX runtime, whose key
 * comes apart from the props (`givenKey`) and wins over a `key` prop.
 */
export function element<Msg>(
  tag: string,
  props: Readonly<Record<string, unknown>> | undefined,
  children: ElementNode<Msg>["children"],
  rawHtml: string | undefined,
  givenKey?: string,
): ElementNode<Msg> {
  let html = rawHtml;
  let attributes: Record<string, string> | undefined;
  let events: EventHandler<Msg>[] | undefined;
  let controlled: string[] | undefined;
  let key = givenKey;
  let ignore = false;
  const given = props === undefined ? 0 : givenAttributes(props, tag);
  if (given > 0) attributes = props as Record<string, string>;
  else if (given < 0 && props) {
    for (const name in props) {
      const value = props[name];
      if (value === false && (name === "checked" || name === "selected"))
        (controlled ??= []).push(name);
      if (value === undefined || value === null || value === false) continue;
      const type = eventType(name);
      if (type !== undefined) {
        const handler = eventHandler(type, value as Handler<Msg> | EventSpec<Msg>);
        // A literal for the first: `push` onto `[]` reserves 17 slots, and views keep the array.
        if (events === undefined) events = [handler];
        else events.push(handler);
      } else if (name === "key") key ??= String(value);
      else if (name === "innerHTML") html = String(value);
      else if (name === "class") {
        const classes = classString(value as ClassValue);
        if (classes) (attributes ??= {}).class = classes;
      } else if (name === "style") {
        const style = styleString(value as StyleValue);
        if (style) (attributes ??= {}).style = style;
      } else if (name !== "children") {
        checkAttributeName(name, tag);
        if (name === IGNORE) ignore = true;
        // Most values are strings: the type test spares them the call (a hot path, per element).
        const commands = typeof value === "object" ? commandsOf(value) : undefined;
        // The client runs a `js:` attribute's JSON as commands: text there, from data, could set
        // an `onclick`. Only a chain made with `js` may fill it.
        if (commands === undefined && isCommandProp(name)) {
          throw new Error(
            `<${tag}>: ${name} takes a command chain made with js, got ${typeof value}`,
          );
        }
        (attributes ??= {})[name] = commands
          ? JSON.stringify(commands)
          : value === true
            ? ""
            : String(value);
      }
    }
  }
  checkTagName(tag, tag);
  if (html !== undefined && children.length > 0) {
    throw new Error(`<${tag}> has both innerHTML and children`);
  }
  if (children.length > 0 && VOID_ELEMENTS.has(tag)) {
    throw new Error(`<${tag}> is a void element and cannot have children`);
  }
  return {
    kind: NodeKind.Element,
    tag,
    key,
    attributes: attributes ?? NO_ATTRIBUTES,
    events: events ?? NO_EVENTS,
    children,
    extras:
      html === undefined && controlled === undefined && !ignore
        ? undefined
        : { html, controlled, ignore },
  };
}

/**
 * How many attributes `props` holds when it can serve as the element's attribute record as it
 * stands (string values only, none an event, `key`, `innerHTML`, `children` or `lucent-ignore`, no
 * empty class or style), or -1. Most props can (`{ class: "col-md-1" }`): a view then copies no
 * attributes, and is smaller for the diff to read. The live tree may keep the object, which is why
 * a view's props must not be changed once it is made (as with virtual-dom's and snabbdom's).
 */
function givenAttributes(props: Readonly<Record<string, unknown>>, tag: string): number {
  // Plain records only: the diff and the renderer read attributes with `for…in`, the wire with
  // `JSON.stringify`, which would differ on inherited props or a class's `toJSON`.
  const prototype = Object.getPrototypeOf(props);
  if (prototype !== Object.prototype && prototype !== null) return -1;
  let count = 0;
  for (const name in props) {
    const value = props[name];
    if (
      typeof value !== "string" ||
      SPECIAL_PROPS.has(name) ||
      eventType(name) !== undefined ||
      isCommandProp(name)
    )
      return -1;
    if (value === "" && (name === "class" || name === "style")) return -1;
    checkAttributeName(name, tag);
    count++;
  }
  return count;
}

/** The page owns the children of an element with this attribute (see {@link ElementExtras}). */
const IGNORE = "lucent-ignore";

// An own `__proto__` (from JSON.parse) is dropped, as the copy drops it.
const SPECIAL_PROPS = new Set(["key", "innerHTML", "children", IGNORE, "__proto__"]);

// Shared by every element without attributes or events: a view allocates nothing for them, and
// the diff sees the same object and skips comparing. Frozen, since they are never written.
const NO_EVENTS: readonly never[] = Object.freeze([]);
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

// Names the browser would refuse (createElement, setAttribute) fail here, in `view`, where the
// runtime reports them and keeps its last good model, instead of in every client. Checked names
// are remembered; the memory is bounded in case an app generates names.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const TAG_NAME = /^[A-Za-z][^\s"'<>/=\u0000-\u001f\u007f]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const ATTRIBUTE_NAME = /^[^\s"'<>/=\u0000-\u001f\u007f]+$/;
const checkTagName = nameCheck(TAG_NAME);
const checkAttributeName = nameCheck(ATTRIBUTE_NAME);

/** A check of names against `pattern`, remembering those that passed (each pattern its own). */
function nameCheck(pattern: RegExp): (name: string, tag: string) => void {
  const valid = new Set<string>();
  return (name, tag) => {
    if (valid.has(name)) return;
    if (!pattern.test(name))
      throw new Error(`<${tag}>: ${JSON.stringify(name)} is not a valid name`);
    if (valid.size > 4096) valid.clear();
    valid.add(name);
  };
}

/**
 * Event types by prop name, each the same string every time: a type sliced and lowercased afresh
 * for every element cost the allocation, and the diff a comparison by characters instead of by
 * identity. Bounded, in case an app makes up prop names.
 */
const eventTypes = new Map<string, string>();

/** `onClick` → `click`, `on:my-event` → `my-event`; undefined for names that are not events. */
export function eventType(name: string): string | undefined {
  if (name.charCodeAt(0) !== 111 /* o */ || name.charCodeAt(1) !== 110 /* n */) return undefined;
  let type = eventTypes.get(name);
  if (type !== undefined) return type;
  if (name.charCodeAt(2) === 58 /* : */) type = name.slice(3) || undefined;
  else {
    const third = name.charCodeAt(2);
    type = third >= 65 && third <= 90 ? name.slice(2).toLowerCase() : undefined;
  }
  if (type !== undefined) {
    if (eventTypes.size > 256) eventTypes.clear();
    eventTypes.set(name, type);
  }
  return type;
}

function classString(value: ClassValue): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter(Boolean).join(" ");
  const names: string[] = [];
  for (const name in value as Record<string, boolean>) {
    if ((value as Record<string, boolean>)[name]) names.push(name);
  }
  return names.join(" ");
}

function styleString(value: StyleValue): string {
  if (typeof value === "string") return value;
  let out = "";
  for (const property in value) {
    const v = value[property];
    if (v === null || v === undefined || v === "") continue;
    const name = property.includes("-")
      ? property
      : property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    out += `${out ? ";" : ""}${name}:${v}`;
  }
  return out;
}
