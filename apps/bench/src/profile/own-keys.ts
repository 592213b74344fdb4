// `Object.hasOwn(o, k)` against `Object.prototype.hasOwnProperty.call(o, k)` inside `for (k in o)`,
// in the structural comparison the handler registry runs for every bound event of every render
// (`sameValue` in packages/server/src/diff/handlers.ts). Interleaved, same process, warm.
//
//   pnpm --filter @lucent/bench profile:own-keys
import { summarize } from "../lib/stats.ts";

type Compare = (a: unknown, b: unknown, depth: number) => boolean;

const has = Object.prototype.hasOwnProperty;

// Each form written out, as handlers.ts has it, so that V8 compiles each on its own.
const withHasOwn: Compare = (a, b, depth) => {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || depth > 8) {
    return false;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let count = 0;
  for (const k in ra) {
    if (!Object.hasOwn(ra, k)) continue;
    if (!Object.hasOwn(rb, k) || !withHasOwn(ra[k], rb[k], depth + 1)) return false;
    count++;
  }
  for (const k in rb) if (Object.hasOwn(rb, k)) count--;
  return count === 0;
};
const withCall: Compare = (a, b, depth) => {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || depth > 8) {
    return false;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let count = 0;
  for (const k in ra) {
    if (!has.call(ra, k)) continue;
    if (!has.call(rb, k) || !withCall(ra[k], rb[k], depth + 1)) return false;
    count++;
  }
  for (const k in rb) if (has.call(rb, k)) count--;
  return count === 0;
};

/** The messages of a 1,000-row js-framework-benchmark table, as two renders make them. */
const messages = () =>
  Array.from({ length: 1000 }, (_, id) => [
    { type: "select", id },
    { type: "remove", id },
  ]).flat();

const ratios: number[] = [];
for (let round = 0; round < 30; round++) {
  const times: Record<string, number> = {};
  for (const [name, compare] of [
    ["hasOwn", withHasOwn],
    ["call", withCall],
  ] as const) {
    const a = messages();
    const b = messages();
    const start = performance.now();
    let equal = 0;
    for (let repeat = 0; repeat < 20; repeat++) {
      for (let i = 0; i < a.length; i++) if (compare(a[i], b[i], 0)) equal++;
    }
    times[name] = performance.now() - start;
    if (equal !== 40_000) throw new Error(`${name}: ${equal} equal of 40,000`);
  }
  if (round >= 5) ratios.push((times.hasOwn as number) / (times.call as number));
}
const { median, p25, p75 } = summarize(ratios);
console.log(
  `Object.hasOwn ÷ hasOwnProperty.call: ${median.toFixed(2)}× (p25 ${p25.toFixed(2)}, p75 ${p75.toFixed(2)}) over ${ratios.length} rounds of 40,000 comparisons`,
);
