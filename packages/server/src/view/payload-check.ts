import type { Payload } from "@lucent/protocol";

/**
 * Why an event's payload does not have the types its handler is promised (`InputPayload`,
 * `KeyPayload`, `SubmitPayload`), or undefined when it has them. The payload comes from the
 * network: a hostile page can send `{ "value": { ... } }` for an input, and an app that stores
 * `e.value` as the string its type says must never hold anything else. Fields are checked where
 * present. A field that one of the binding's `include` paths writes (`include: ["shiftKey"]` sends
 * `false`) is what that path reads, `Json` as typed, and is not checked.
 *
 * @example payloadMismatch("input", { value: 1 }) // 'value must be a string, got number'
 */
export function payloadMismatch(
  type: string,
  payload: Payload,
  include: readonly string[] = [],
): string | undefined {
  if (include.length > 0) {
    const written = new Set(include.map((path) => path.split(".")[0]));
    const rest: Record<string, unknown> = {};
    for (const name in payload) if (!written.has(name)) rest[name] = payload[name];
    return fieldsMismatch(type, rest as Payload);
  }
  return fieldsMismatch(type, payload);
}

function fieldsMismatch(type: string, payload: Payload): string | undefined {
  switch (type) {
    case "input":
    case "change":
      return (
        field(payload, "value", isString, "a string") ??
        field(payload, "name", isString, "a string") ??
        field(payload, "checked", isBoolean, "a boolean") ??
        field(payload, "values", isStrings, "a list of strings")
      );
    case "keydown":
    case "keyup":
    case "keypress":
      return (
        field(payload, "key", isString, "a string") ??
        field(payload, "altKey", isTrue, "true") ??
        field(payload, "ctrlKey", isTrue, "true") ??
        field(payload, "metaKey", isTrue, "true") ??
        field(payload, "shiftKey", isTrue, "true")
      );
    case "submit":
      return field(payload, "formData", isFormData, "a list of [name, value] string pairs");
    default:
      return undefined;
  }
}

function field(
  payload: Payload,
  name: string,
  valid: (value: unknown) => boolean,
  expected: string,
): string | undefined {
  if (!Object.hasOwn(payload, name)) return undefined;
  const value = payload[name];
  if (value === undefined || valid(value)) return undefined;
  return `${name} must be ${expected}, got ${describe(value)}`;
}

const isString = (value: unknown): boolean => typeof value === "string";
const isBoolean = (value: unknown): boolean => typeof value === "boolean";
const isTrue = (value: unknown): boolean => value === true;
const isStrings = (value: unknown): boolean => Array.isArray(value) && value.every(isString);
const isFormData = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.every(
    (entry) =>
      Array.isArray(entry) && entry.length === 2 && isString(entry[0]) && isString(entry[1]),
  );

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list holding something else";
  return typeof value;
}
