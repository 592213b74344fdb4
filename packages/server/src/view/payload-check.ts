import type { Payload } from "@lucent/protocol";

/**
 * Why an event's payload does not have the types its handler is promised (`InputPayload`,
 * `KeyPayload`, `SubmitPayload`), or undefined when it has them. The payload comes from the
 * network: a hostile page can send `{ "value": { ... } }` for an input, and an app that stores
 * `e.value` as the string its type says must never hold anything else. Fields are checked where
 * present. A field that one of the binding's `include` paths writes is what that path read, which
 * may also be `null` (nothing there) or, for the modifier flags, `false` (`include: ["shiftKey"]`).
 *
 * @example payloadMismatch("input", { value: 1 }) // 'value must be a string, got number'
 */
export function payloadMismatch(
  type: string,
  payload: Payload,
  include: readonly string[] = [],
): string | undefined {
  const check = (name: string, valid: (value: unknown) => boolean, expected: string) => {
    // A path below the field (`value.length`) makes it an object of what was read: JSON, as typed.
    if (include.some((path) => path.startsWith(`${name}.`))) return undefined;
    if (!include.includes(name)) return field(payload, name, valid, expected);
    return field(payload, name, (value) => value === null || valid(value), `${expected} or null`);
  };
  const flag = (name: string) =>
    include.includes(name) ? check(name, isBoolean, "a boolean") : check(name, isTrue, "true");
  switch (type) {
    case "input":
    case "change":
      return (
        check("value", isString, "a string") ??
        check("name", isString, "a string") ??
        check("checked", isBoolean, "a boolean") ??
        check("values", isStrings, "a list of strings")
      );
    case "keydown":
    case "keyup":
    case "keypress":
      return (
        check("key", isString, "a string") ??
        flag("altKey") ??
        flag("ctrlKey") ??
        flag("metaKey") ??
        flag("shiftKey")
      );
    case "submit":
      return check("formData", isFormData, "a list of [name, value] string pairs");
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
