import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { longestIncreasing, planReorder } from "./reorder.ts";

/** Replays a plan on an array, exactly as the protocol's move and insert operations define it. */
function replay(oldOrder: string[], newOrder: string[]): { result: string[]; moves: number } {
  const retained = oldOrder.filter((k) => newOrder.includes(k));
  const match = Int32Array.from(newOrder, (k) => retained.indexOf(k));
  const dom = [...retained];
  let moves = 0;
  planReorder(
    match,
    retained.length,
    (from, to) => {
      const [node] = dom.splice(from, 1);
      dom.splice(to, 0, node!);
      moves++;
    },
    (index, j) => dom.splice(index, 0, newOrder[j]!),
  );
  return { result: dom, moves };
}

const keys = fc
  .uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 40 })
  .map((a) => a.map(String));

describe("planReorder", () => {
  test("any reorder with removals and inserts ends in the new order", () => {
    fc.assert(
      fc.property(keys, keys, (oldOrder, newOrder) => {
        expect(replay(oldOrder, newOrder).result).toEqual(newOrder);
      }),
      { numRuns: 2000 },
    );
  });

  test("moves only what leaves the longest increasing run", () => {
    fc.assert(
      fc.property(
        keys.chain((order) =>
          fc.tuple(fc.constant(order), fc.shuffledSubarray(order, { minLength: order.length })),
        ),
        ([order, shuffled]) => {
          const match = Int32Array.from(shuffled, (k) => order.indexOf(k));
          const stay = longestIncreasing(match).reduce((a, b) => a + b, 0);
          expect(replay(order, shuffled).moves).toBeLessThanOrEqual(order.length - stay);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("swapping two rows of a thousand is two moves", () => {
    const order = Array.from({ length: 1000 }, (_, i) => String(i));
    const swapped = [...order];
    [swapped[1], swapped[998]] = [swapped[998]!, swapped[1]!];
    const { result, moves } = replay(order, swapped);
    expect(result).toEqual(swapped);
    expect(moves).toBe(2);
  });
});
