/**
 * A node as it travels on the wire: a string is a text node; an array is an element
 * `[tag, attributes, ...children]`. Attributes are `0` when an element has none but has children,
 * and are left out when it has neither. Namespaces are not sent: the client derives them from the
 * tag exactly as the HTML parser does (`svg` and `math` open their namespaces, `foreignObject`
 * returns to HTML), so a mounted tree and a parsed server-rendered page always agree.
 */
export type WireNode = string | WireElement;

/** An element on the wire; see {@link WireNode}. */
export type WireElement =
  | readonly [tag: string]
  | readonly [tag: string, attributes: WireAttributes | 0, ...children: WireChild[]];

/** Attribute names mapped to their string values, in the order the server rendered them. */
export type WireAttributes = Readonly<Record<string, string>>;

/** A child: a node, or the raw HTML content that is an element's only child. */
export type WireChild = WireNode | WireRawHtml;

/** Raw HTML set as an element's `innerHTML`; when present it is the element's only child. */
export interface WireRawHtml {
  readonly h: string;
}

/**
 * The template of op 8: an element in which `null` marks a hole, an attribute value or a text
 * child that each row fills. Holes are numbered in document order: an element's attribute values
 * in order, then its children depth first.
 */
export type WireTemplate =
  | readonly [tag: string]
  | readonly [
      tag: string,
      attributes: Readonly<Record<string, string | null>> | 0,
      ...children: (WireTemplate | string | null | WireRawHtml)[],
    ];

/** The rows of op 8: for each node, the strings that fill its template's holes, in order. */
export type WireRows = readonly (readonly string[])[];

/**
 * The node op 8 inserts for one row: the template with each hole filled from the row, in hole
 * order. The reference reading of SPEC §6, for tools and tests (clients fill DOM copies instead).
 * Throws when the row's length does not match the holes.
 *
 * @example fillTemplate(["li", 0, null], ["one"]) // ["li", 0, "one"]
 */
export function fillTemplate(template: WireTemplate, row: readonly string[]): WireNode {
  let next = 0;
  const take = (): string => {
    const value = row[next++];
    if (value === undefined) throw new Error(`row of ${row.length} values is too short`);
    return value;
  };
  const walk = (node: WireTemplate | string | null | WireRawHtml): WireChild => {
    if (node === null) return take();
    if (typeof node === "string" || !Array.isArray(node) || node.length === 1) {
      return node as WireChild;
    }
    const [tag, attributes, ...children] = node;
    // fromEntries defines each name as an own property: assigning would drop `__proto__`, which
    // JSON text can carry as an ordinary attribute name.
    const filled =
      attributes === 0
        ? 0
        : Object.fromEntries(
            Object.keys(attributes).map((name) => [name, attributes[name] ?? take()]),
          );
    return [tag, filled, ...children.map(walk)] as WireElement;
  };
  const node = walk(template) as WireNode;
  if (next !== row.length) throw new Error(`row of ${row.length} values is too long`);
  return node;
}

/** Prefix of the attribute that binds a DOM event type to a server handler: `on:click`. */
export const EVENT_ATTRIBUTE_PREFIX = "on:";

/** How the client treats one bound event; the parsed form of an `on:<type>` attribute value. */
export interface EventBinding {
  /** The handler reference the client sends back with the event. */
  readonly handler: string;
  readonly preventDefault: boolean;
  readonly stopPropagation: boolean;
  /** Reset the form after its submit event is sent (the `r` flag). */
  readonly reset: boolean;
  /** Names of form fields to empty after the submit event is sent (`c<name>` flags). */
  readonly clear: readonly string[];
  /** Send only key events whose `key` is one of these (`k<key>` flags); empty sends all. */
  readonly keys: readonly string[];
  /** Disable the element (a form: its controls) until the server acknowledges the event (`w`). */
  readonly disableWhilePending: boolean;
  /** Milliseconds of quiet before the last event is sent (trailing edge); 0 for none. */
  readonly debounce: number;
  /** Minimum milliseconds between sent events (leading edge); 0 for none. */
  readonly throttle: number;
  /** Dot paths of event properties to send besides the automatic ones. */
  readonly include: readonly string[];
}

/**
 * Writes an event binding as the value of its `on:<type>` attribute: the handler reference, then
 * space-separated flags (`p` prevent default, `s` stop propagation, `r` reset the form after
 * submit, `c<name>` empty a field after submit, `k<key>` only these keys,
 * `w` disable while pending, `d<ms>`, `t<ms>`, `i<path>`). Readers ignore flags they do not know.
 *
 * @example formatBinding({ handler: "7", preventDefault: true, ... }) // "7 p"
 */
export function formatBinding(binding: EventBinding): string {
  let out = binding.handler;
  if (binding.preventDefault) out += " p";
  if (binding.stopPropagation) out += " s";
  if (binding.reset) out += " r";
  if (binding.disableWhilePending) out += " w";
  if (binding.debounce > 0) out += ` d${binding.debounce}`;
  if (binding.throttle > 0) out += ` t${binding.throttle}`;
  for (const path of binding.include) out += ` i${path}`;
  for (const name of binding.clear) out += ` c${name}`;
  // Percent-encoded: a key such as " " (the space bar) must not split the value.
  for (const key of binding.keys) out += ` k${encodeURIComponent(key)}`;
  return out;
}

/** Everything a binding says besides its handler reference. */
export type BindingOptions = Omit<EventBinding, "handler">;

/** Reads the value of an `on:<type>` attribute; the inverse of {@link formatBinding}. */
export function parseBinding(value: string): EventBinding {
  const parts = value.split(" ");
  const include: string[] = [];
  const clear: string[] = [];
  const keys: string[] = [];
  let disableWhilePending = false;
  let preventDefault = false;
  let stopPropagation = false;
  let reset = false;
  let debounce = 0;
  let throttle = 0;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] as string;
    const flag = part[0];
    if (flag === "p") preventDefault = true;
    else if (flag === "s") stopPropagation = true;
    else if (flag === "r") reset = true;
    else if (flag === "d") debounce = Number(part.slice(1)) || 0;
    else if (flag === "t") throttle = Number(part.slice(1)) || 0;
    else if (flag === "i") include.push(part.slice(1));
    else if (flag === "c") clear.push(part.slice(1));
    else if (flag === "w") disableWhilePending = true;
    else if (flag === "k") keys.push(decodeKey(part.slice(1)));
  }
  return {
    handler: parts[0] ?? "",
    preventDefault,
    stopPropagation,
    reset,
    debounce,
    throttle,
    include,
    clear,
    keys,
    disableWhilePending,
  };
}

function decodeKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}
