import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { payloadMismatch } from "./payload-check.ts";

// Payloads as the browser runtime builds them (packages/client/src/events.ts `payloadOf`).
const input = fc.record(
  {
    value: fc.string(),
    name: fc.string(),
    checked: fc.boolean(),
    values: fc.array(fc.string()),
    extra: fc.jsonValue(),
  },
  { requiredKeys: ["value"] },
);
const key = fc.record(
  { key: fc.string(), altKey: fc.constant(true), shiftKey: fc.constant(true), x: fc.jsonValue() },
  { requiredKeys: ["key"] },
);
const submit = fc.record({ formData: fc.array(fc.tuple(fc.string(), fc.string())) });
/** A JSON value that is not of the type `expected` names. */
const wrong = (expected: (value: unknown) => boolean) =>
  fc.jsonValue().filter((value) => value !== undefined && !expected(value));

describe("event payloads have the types their handlers are promised", () => {
  test("what the browser sends passes", () => {
    fc.assert(
      fc.property(fc.constantFrom("input", "change"), input, (type, payload) => {
        expect(payloadMismatch(type, payload)).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom("keydown", "keyup"), key, (type, payload) => {
        expect(payloadMismatch(type, payload)).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(submit, (payload) => {
        expect(payloadMismatch("submit", payload)).toBeUndefined();
      }),
    );
  });

  test("a field of another type is named, whatever else the payload holds", () => {
    const isString = (v: unknown) => typeof v === "string";
    const cases = [
      ["input", "value", isString],
      ["change", "name", isString],
      ["input", "checked", (v: unknown) => typeof v === "boolean"],
      ["change", "values", (v: unknown) => Array.isArray(v) && v.every(isString)],
      ["keydown", "key", isString],
      ["keyup", "ctrlKey", (v: unknown) => v === true],
      [
        "submit",
        "formData",
        (v: unknown) =>
          Array.isArray(v) &&
          v.every((e) => Array.isArray(e) && e.length === 2 && e.every(isString)),
      ],
    ] as const;
    const checked = new Set(["value", "name", "checked", "values", "key", "formData"]);
    const others = fc.dictionary(
      fc.string().filter((name) => !checked.has(name) && !name.endsWith("Key")),
      fc.jsonValue(),
    );
    for (const [type, field, valid] of cases) {
      fc.assert(
        fc.property(wrong(valid), others, (bad, rest) => {
          const mismatch = payloadMismatch(type, { ...rest, [field]: bad });
          expect(mismatch).toMatch(new RegExp(`^${field} must be `));
        }),
        { numRuns: 200 },
      );
    }
  });

  test("a field an include path writes may also be null, or false for a modifier; no more", () => {
    expect(payloadMismatch("keydown", { key: "a", shiftKey: false }, ["shiftKey"])).toBeUndefined();
    expect(payloadMismatch("input", { value: null }, ["value"])).toBeUndefined();
    expect(payloadMismatch("keydown", { key: "a", shiftKey: { x: 1 } }, ["shiftKey"])).toBe(
      "shiftKey must be a boolean or null, got object",
    );
    expect(payloadMismatch("keydown", { key: { x: 1 } }, ["key"])).toBe(
      "key must be a string or null, got object",
    );
    expect(payloadMismatch("input", { value: { length: 3 } }, ["value.length"])).toBeUndefined();
    expect(payloadMismatch("input", { value: null }, ["target.value"])).toBe(
      "value must be a string, got null",
    );
  });

  test("other events, and fields an include adds, are JSON as typed", () => {
    expect(payloadMismatch("click", { value: { kind: 0 }, key: 1 })).toBeUndefined();
    expect(payloadMismatch("input", { value: "a", detail: { kind: 0 } })).toBeUndefined();
    expect(payloadMismatch("input", {})).toBeUndefined();
  });
});
