import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type EventBinding, formatBinding, parseBinding } from "../src/index.ts";
import { binding } from "./arbitraries.ts";

const none: EventBinding = {
  handler: "",
  preventDefault: false,
  stopPropagation: false,
  reset: false,
  clear: [],
  debounce: 0,
  throttle: 0,
  include: [],
  keys: [],
  disableWhilePending: false,
};

describe("event bindings", () => {
  test.each<[string, Partial<EventBinding>]>([
    ["2", { handler: "2" }],
    ["9 d200 itarget.id", { handler: "9", debounce: 200, include: ["target.id"] }],
    [
      "2 p s r d200 t50 itarget.id ikey ctext",
      {
        handler: "2",
        preventDefault: true,
        stopPropagation: true,
        reset: true,
        clear: ["text"],
        debounce: 200,
        throttle: 50,
        include: ["target.id", "key"],
      },
    ],
    ["4 kEnter kEscape", { handler: "4", keys: ["Enter", "Escape"] }],
    ["4 k%20 k%25 k%C3%BC", { handler: "4", keys: [" ", "%", "ü"] }],
    ["5 p w", { handler: "5", preventDefault: true, disableWhilePending: true }],
    [
      "6 p r w d300 t10 ix cq kEnter",
      {
        handler: "6",
        preventDefault: true,
        reset: true,
        disableWhilePending: true,
        debounce: 300,
        throttle: 10,
        include: ["x"],
        clear: ["q"],
        keys: ["Enter"],
      },
    ],
  ])("%s is read and written back", (value, fields) => {
    const parsed = parseBinding(value);
    expect(parsed).toEqual({ ...none, ...fields });
    expect(formatBinding(parsed)).toBe(value);
  });

  test("flags may come in any order, and unknown flags are skipped", () => {
    expect(parseBinding("7 ix t5 z9 p")).toEqual({
      ...none,
      handler: "7",
      preventDefault: true,
      throttle: 5,
      include: ["x"],
    });
  });

  test("k flags are percent-decoded; one that is not valid percent-encoding is read as it is", () => {
    expect(parseBinding("1 k%zz k%41 k").keys).toEqual(["%zz", "A", ""]);
    expect(formatBinding(parseBinding("1 k%zz"))).toBe("1 k%25zz");
  });

  test("w and k may repeat; w is one flag however often it is written", () => {
    expect(parseBinding("1 w w ka ka")).toMatchObject({
      disableWhilePending: true,
      keys: ["a", "a"],
    });
  });

  test("parseBinding inverts formatBinding", () => {
    fc.assert(
      fc.property(binding, (b) => {
        expect(parseBinding(formatBinding(b))).toEqual(b);
      }),
      { numRuns: 2000 },
    );
  });

  test("parseBinding reads any text without throwing, into a binding it can write", () => {
    // A delay that is not positive is written as no delay at all, which is what it means.
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."pstdiwkrc% 0123456789.x-eA") }),
        (value) => {
          const parsed = parseBinding(value);
          expect(parseBinding(formatBinding(parsed))).toEqual({
            ...parsed,
            debounce: Math.max(parsed.debounce, 0),
            throttle: Math.max(parsed.throttle, 0),
          });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
