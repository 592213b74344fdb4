import fc from "fast-check";
import {
  type AckStatusCode,
  type AttributeMessage,
  type ClientMessage,
  type ErrorCodeValue,
  type EventBinding,
  type EventMessage,
  formatBinding,
  type Json,
  type Patch,
  type PatchToken,
  type Payload,
  type ServerMessage,
  type WireAttributes,
  type WireNode,
  type WireTemplate,
} from "../src/index.ts";

// Generators of well-formed v1 messages, written so that every message they produce is in the
// form the encoder writes: decode(encode(m)) must give back m itself.

/** Any UTF-16 code unit, lone surrogates and control characters included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Short strings: mostly ASCII, sometimes arbitrary code units. */
export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 6 }) },
);

/** Indices: mostly small ones, where the bugs are, sometimes any safe integer. */
export const index: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.nat({ max: 20 }) },
  { weight: 1, arbitrary: fc.maxSafeNat() },
);

/**
 * JSON values as they survive a trip through JSON text: fast-check may produce -0, which
 * JSON.stringify writes as 0, so values are normalised through JSON first.
 */
export const json: fc.Arbitrary<Json> = fc
  .jsonValue({ maxDepth: 3 })
  .map((value) => JSON.parse(JSON.stringify(value)) as Json);

const payload: fc.Arbitrary<Payload> = fc
  .dictionary(text, json, { maxKeys: 4 })
  .map((value) => JSON.parse(JSON.stringify(value)) as Payload);

const handler = fc.string({ minLength: 1, maxLength: 16 });

const event: fc.Arbitrary<EventMessage> = fc.record({
  type: fc.constant("event"),
  ref: index,
  handler,
  seq: index,
  payload,
});

const attribute: fc.Arbitrary<AttributeMessage> = fc.record({
  type: fc.constant("attribute"),
  name: fc.string({ minLength: 1, maxLength: 10 }),
  value: fc.option(text, { nil: null }),
});

/** URLs as `location.href` gives them, and any text up to the 4,096 characters allowed. */
const url: fc.Arbitrary<string> = fc.oneof(
  fc
    .webUrl({ withQueryParameters: true, withFragments: true })
    .filter((href) => href.length <= 4096),
  text,
  fc.string({ maxLength: 4096 }),
);

export const clientMessage: fc.Arbitrary<ClientMessage> = fc.oneof(
  fc
    .record({
      type: fc.constant("join"),
      version: index,
      token: fc.oneof(text, fc.string({ maxLength: 128 })),
      seq: index,
      attributes: fc.dictionary(text, text, { maxKeys: 3 }),
      url: fc.oneof(fc.constant(""), url),
      page: fc.string({ unit: codeUnit, minLength: 1, maxLength: 32 }),
    })
    // A join names its page from v2 on (SPEC §3).
    .map((join) => (join.version < 2 ? { ...join, page: "" } : join)),
  event,
  attribute,
  fc.record({
    type: fc.constant("batch"),
    messages: fc.oneof(
      { weight: 5, arbitrary: fc.array(fc.oneof(event, attribute), { maxLength: 5 }) },
      { weight: 1, arbitrary: fc.array(fc.oneof(event, attribute), { maxLength: 64 }) },
    ),
  }),
  fc.constant({ type: "resync" }),
  fc.record({ type: fc.constant("navigated"), url }),
  fc.record({
    type: fc.constant("cast"),
    name: fc.oneof(
      fc.string({ minLength: 1, maxLength: 10 }),
      fc.string({ unit: codeUnit, minLength: 1, maxLength: 128 }),
    ),
    detail: json,
  }),
);

/** A binding with no spaces inside its handler or include paths, so that it can be written. */
export const binding: fc.Arbitrary<EventBinding> = fc.record({
  handler: fc.stringMatching(/^[^ ]{1,16}$/),
  preventDefault: fc.boolean(),
  stopPropagation: fc.boolean(),
  reset: fc.boolean(),
  clear: fc.array(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), { maxLength: 2 }),
  debounce: fc.oneof(fc.constant(0), fc.nat({ max: 10_000 })),
  throttle: fc.oneof(fc.constant(0), fc.nat({ max: 10_000 })),
  include: fc.array(fc.stringMatching(/^[^ ]{0,12}$/), { maxLength: 3 }),
  // Any key name, spaces included: `k` flags are percent-encoded. Lone surrogates are left out,
  // since encodeURIComponent refuses them and `event.key` never holds one.
  keys: fc.array(fc.oneof(fc.constantFrom(" ", "Enter", "Escape", "%", "ü"), fc.string()), {
    maxLength: 3,
  }),
  disableWhilePending: fc.boolean(),
});

const tag = fc.constantFrom("div", "p", "span", "button", "input", "svg", "foreignObject", "math");

const attributes: fc.Arbitrary<WireAttributes> = fc.dictionary(
  fc.oneof(
    fc.constantFrom("class", "id", "value", "h", "on:click", "on:input", "js:click", "lucent-hook"),
    text,
  ),
  fc.oneof(text, binding.map(formatBinding)),
  { maxKeys: 3 },
);

/** Writes an element the way SPEC §5 says: `[tag]`, `[tag, attributes]` or with `0`. */
function element(
  name: string,
  attrs: WireAttributes,
  children: readonly (WireNode | { h: string })[],
): WireNode {
  const none = Object.keys(attrs).length === 0;
  if (children.length === 0) return none ? [name] : [name, attrs];
  return [name, none ? 0 : attrs, ...children];
}

/** Text, elements written as SPEC §5 says, and elements holding raw HTML. */
export const node: fc.Arbitrary<WireNode> = fc.letrec<{ node: WireNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text,
    fc
      .tuple(tag, attributes, fc.array(tie("node"), { maxLength: 4 }))
      .map(([name, attrs, children]) => element(name, attrs, children)),
    fc.tuple(tag, attributes, text).map(([name, attrs, h]) => element(name, attrs, [{ h }])),
  ),
})).node;

const nodes = fc.array(node, { maxLength: 5 });

/**
 * Knocks holes into an element: the attribute values and texts that `flip` picks become null, and
 * the values they held are pushed to `values`, in hole order. (The client's property test uses
 * it too, through the source-only export `@lucent/protocol/test/arbitraries`.)
 */
export function withHoles(node: WireNode, flip: () => boolean, values: string[]): unknown {
  const hole = (value: string): boolean => {
    const knocked = flip();
    if (knocked) values.push(value);
    return knocked;
  };
  if (typeof node === "string") return hole(node) ? null : node;
  const [name, attrs, ...children] = node as [string, WireAttributes | 0 | undefined, ...unknown[]];
  if (attrs === undefined) return [name];
  // fromEntries keeps a `__proto__` name as an own property, as JSON.parse does.
  const holed = Object.fromEntries(
    Object.entries(attrs || {}).map(([key, value]) => [key, hole(value) ? null : value]),
  );
  const inner = children.map((child) =>
    typeof child === "object" && child !== null && !Array.isArray(child)
      ? child
      : withHoles(child as WireNode, flip, values),
  );
  return [name, attrs === 0 ? 0 : holed, ...inner];
}

/** An element, the template made by knocking holes into it, and the values that fill them back. */
export const holed: fc.Arbitrary<{ node: WireNode; template: WireTemplate; values: string[] }> = fc
  .tuple(
    node.filter((n) => typeof n !== "string"),
    fc.array(fc.boolean(), { minLength: 1 }),
  )
  .map(([element, flips]) => {
    let i = 0;
    const values: string[] = [];
    const template = withHoles(element, () => flips[i++ % flips.length] as boolean, values);
    return { node: element, template: template as WireTemplate, values };
  });

/** Op 8's arguments: an element with holes, and rows that fill every hole. */
const template = holed.chain(({ template: withNulls, values }) => {
  const row = fc.array(text, { minLength: values.length, maxLength: values.length });
  return fc.tuple(fc.constant(withNulls), fc.array(row, { minLength: 1, maxLength: 4 }));
});

const path = fc.array(fc.nat({ max: 12 }), { maxLength: 5 });

/** One operation with its arguments; every code is as likely as any other. */
const operation: fc.Arbitrary<PatchToken[]> = fc.oneof(
  text.map((data) => [0, data]),
  fc.tuple(text, text).map(([name, value]) => [1, name, value]),
  text.map((name) => [2, name]),
  fc.tuple(index, nodes).map(([at, inserted]) => [3, at, inserted]),
  fc.tuple(index, index).map(([at, count]) => [4, at, count]),
  fc.tuple(index, index).map(([from, to]) => [5, from, to]),
  fc.tuple(index, node).map(([at, replacement]) => [6, at, replacement]),
  text.map((html) => [7, html]),
  fc.tuple(index, template).map(([at, [holed, rows]]) => [8, at, holed, rows] as PatchToken[]),
);

/** Groups of operations, each group usually led by the path that selects its node. */
export const patch: fc.Arbitrary<Patch> = fc
  .array(
    fc.tuple(
      fc.option(path, { nil: undefined }),
      fc.array(operation, { minLength: 1, maxLength: 3 }),
    ),
    { maxLength: 4 },
  )
  .map((groups) =>
    groups.flatMap(([selected, ops]) =>
      selected === undefined ? ops.flat() : [selected, ...ops.flat()],
    ),
  );

export const serverMessage: fc.Arbitrary<ServerMessage> = fc.oneof(
  fc.record({ type: fc.constant("mount"), seq: index, token: text }),
  fc.record({ type: fc.constant("mount"), seq: index, token: text, tree: nodes }),
  fc.record({ type: fc.constant("patch"), ops: patch }),
  fc.record({ type: fc.constant("patch"), ops: patch, ack: index }),
  fc.record({
    type: fc.constant("ack"),
    ref: index,
    status: fc.constantFrom<AckStatusCode>(0, 1, 2, 3),
  }),
  fc.record({
    type: fc.constant("emit"),
    name: fc.string({ minLength: 1, maxLength: 10 }),
    detail: json,
  }),
  fc.record({
    type: fc.constant("error"),
    code: fc.constantFrom<ErrorCodeValue>(1, 2, 3, 4, 5, 6),
    message: text,
  }),
  fc.record({ type: fc.constant("navigate"), url, replace: fc.boolean() }),
  fc.record({ type: fc.constant("title"), title: text }),
);
