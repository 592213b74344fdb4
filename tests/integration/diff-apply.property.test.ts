// @vitest-environment happy-dom
/**
 * Invariant 1 (diff/apply) with the real client: the server diffs its live tree, the client's
 * `applyPatch` applies the operations to a DOM that `buildNode` built, and the result must be the
 * DOM built fresh from the new view: same markup, same namespaces, same messages behind every
 * event binding, keyed nodes kept (moved, not recreated), and the server's live tree in step.
 */
import { h, type Node as View } from "@lucent/server";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { rowsView, shuffledRows, view } from "../support/arbitraries.ts";
import { built, reference, renderAndCheck, seen } from "../support/check-render.ts";
import { childShapes } from "../support/dom-shape.ts";
import { bindingReader, expectSame, mount } from "../support/live.ts";

/** Mounts `a`, builds its DOM with the client, then renders `b` and runs every check. */
function pair(a: View<unknown>, b: View<unknown>): HTMLElement {
  const live = mount(a);
  const container = built(live);
  renderAndCheck(live, container, b, 0);
  return container;
}

describe("diff then apply with the real client equals a fresh build", () => {
  test("random pairs of views", () => {
    fc.assert(
      fc.property(view, view, (a, b) => {
        const live = mount(a);
        const container = built(live);
        // The DOM the client builds is the one the server's live tree describes.
        expectSame(childShapes(container), childShapes(reference(live)), "built vs reference");
        renderAndCheck(live, container, b, 0);
      }),
      { numRuns: 2400 },
    );
  }, 60_000);

  test("chains of views, each diffed against the last", () => {
    fc.assert(
      fc.property(fc.array(view, { minLength: 2, maxLength: 6 }), (views) => {
        const live = mount(views[0] as View<unknown>);
        const container = built(live);
        let seq = 0;
        for (const next of views.slice(1)) seq = renderAndCheck(live, container, next, seq);
      }),
      { numRuns: 450 },
    );
  }, 60_000);

  test("long keyed lists: moves, inserts and removals keep row identity", () => {
    let moved = 0;
    fc.assert(
      fc.property(shuffledRows, ({ a, b }) => {
        const live = mount(rowsView(a));
        const container = built(live);
        const rows = (): Map<string, Element> =>
          new Map(
            Array.from(container.querySelectorAll("li[data-k]"), (li) => [
              li.getAttribute("data-k") as string,
              li,
            ]),
          );
        const before = rows();
        const order = (m: Map<string, Element>) => [...m.keys()];
        renderAndCheck(live, container, rowsView(b), 0);
        const after = rows();
        // Independently of the server's notion of keys: a row found by its data-k is the same node.
        const kept = b.keys.filter((key) => a.labels.has(key));
        for (const key of kept) {
          const k = String(key);
          if (after.get(k) !== before.get(k)) expect.fail(`row ${k} was recreated`);
        }
        expect(order(after)).toEqual(b.keys.map(String));
        const keptSet = new Set(kept);
        if (a.keys.filter((key) => keptSet.has(key)).join() !== kept.join()) moved++;
        // Each kept row still sends its own message.
        const reader = bindingReader(live.registry, 1);
        for (const key of kept) {
          const li = after.get(String(key)) as Element;
          expect(reader(li.getAttribute("on:click") as string)).toEqual({
            message: { remove: key },
            flags: [],
          });
        }
      }),
      { numRuns: 225 },
    );
    expect(moved).toBeGreaterThan(90);
  }, 60_000);

  test("the checks above saw survivors and operations", () => {
    expect(seen.renders).toBeGreaterThan(3500);
    expect(seen.keyedSurvivors).toBeGreaterThan(1000);
    expect(seen.liveSurvivors).toBeGreaterThan(10_000);
    expect(seen.ops).toBeGreaterThan(10_000);
  });
});

describe("found by the properties", () => {
  // A checkbox's (or radio's, or button's) `value` property reflects its attribute: writing the
  // property after removing the attribute wrote the attribute back, as `value=""`.
  test("removing value from a checkbox leaves no value attribute and the default value", () => {
    const input = pair(
      h("input", { type: "checkbox", value: "x" }),
      h("input", { type: "checkbox" }),
    ).firstChild as HTMLInputElement;
    expect(input.hasAttribute("value")).toBe(false);
    expect(input.value).toBe("on");
  });

  test("an input that loses its value as it becomes a checkbox", () => {
    const input = pair(h("input", { value: "" }), h("input", { type: "checkbox" }))
      .firstChild as HTMLInputElement;
    expect(input.outerHTML).toBe('<input type="checkbox">');
  });

  test("removing value from a text input clears what it shows", () => {
    const container = pair(h("input", { value: "typed" }), h("input", {}));
    const input = container.firstChild as HTMLInputElement;
    expect([input.hasAttribute("value"), input.value]).toEqual([false, ""]);
  });
});
