// Two builds of the server's engine in one process, interleaved run by run, cold as the diff area
// measures (fresh trees, caches evicted): how much a change to the diff speeds it up, as a ratio
// that this noisy machine's load cannot skew, since both builds meet it alike.
//
//   git stash && pnpm --filter @lucent/server build
//   rm -rf packages/server/dist-base && cp -r packages/server/dist packages/server/dist-base
//   git stash pop && pnpm --filter @lucent/server build      # "current" is the built dist too
//   pnpm --filter @lucent/bench profile:engine-ab [case…]
//
// The baseline sits inside packages/server so that its own imports (`@lucent/protocol`) resolve.
// Both builds diff views made by the current build's `h`: a change to the view's node shapes
// needs another comparison. Sharing a process can also skew a case: replacing every row read
// 0.84× here against 0.95× with each build in processes of its own (five each, medians of
// 4.9 ms for the baseline and 5.1 ms for the change), so confirm a loss that way before
// believing it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Node } from "@lucent/server";
import * as current from "@lucent/server";
import { buildRows, EMPTY, type JfbModel, view as jfbView, memoView, update } from "../lib/jfb.ts";
import {
  lucentTable,
  shapeName,
  TABLE_KINDS,
  type TableShape,
  tableIds,
} from "../lib/lustre-table.ts";
import { BENCH_DIR } from "../lib/process.ts";
import { summarize } from "../lib/stats.ts";
import { evictCaches } from "../lib/timing.ts";

type Engine = Pick<
  typeof current,
  "createRoot" | "createHandlerRegistry" | "mountView" | "diffView"
>;

const basePath = join(BENCH_DIR, "..", "..", "packages", "server", "dist-base", "index.js");
if (!existsSync(basePath)) {
  console.error(`no baseline build at ${basePath}; see the comment at the top of this file`);
  process.exit(2);
}
const base = (await import(pathToFileURL(basePath).href)) as Engine;
const only = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;

/** One cold diff+encode of `next` against a tree mounted from `prev`, in ms. */
function once(engine: Engine, prev: Node<unknown>, next: Node<unknown>): number {
  const root = engine.createRoot();
  const registry = engine.createHandlerRegistry();
  engine.mountView(root, prev, registry, 0);
  registry.commit(true, 0);
  // The last run's garbage is collected here, not inside the next timed region.
  gc?.();
  evictCaches();
  const start = performance.now();
  const ops = engine.diffView(root, next, registry, 1);
  registry.commit(ops.length > 0, 1);
  JSON.stringify(ops);
  return performance.now() - start;
}

function compare(name: string, prev: () => Node<unknown>, next: () => Node<unknown>, runs: number) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) return;
  const ratios: number[] = [];
  const times = { base: [] as number[], current: [] as number[] };
  for (let i = 0; i < runs; i++) {
    // Alternate which build goes first, so neither always finds the other's garbage.
    const order = i % 2 === 0 ? (["base", "current"] as const) : (["current", "base"] as const);
    const t = { base: 0, current: 0 };
    for (const which of order) t[which] = once(which === "base" ? base : current, prev(), next());
    times.base.push(t.base);
    times.current.push(t.current);
    ratios.push(t.base / t.current);
  }
  const r = summarize(ratios);
  const us = (values: number[]) => `${(summarize(values).median * 1000).toFixed(0)} µs`.padStart(9);
  console.log(
    `${name.padEnd(26)} base ${us(times.base)}  current ${us(times.current)}  base ÷ current ${r.median.toFixed(2)}× (${r.p25.toFixed(2)}–${r.p75.toFixed(2)})`,
  );
}

for (const rows of [100, 1000, 10_000]) {
  for (const kind of TABLE_KINDS) {
    const shape: TableShape = { rows, ...kind };
    const a = tableIds(shape, 0);
    const b = tableIds(shape, rows / 2);
    compare(
      shapeName(shape),
      () => lucentTable(shape, a),
      () => lucentTable(shape, b),
      rows > 1000 ? 21 : 61,
    );
  }
}
const loaded: JfbModel = buildRows(EMPTY, 1000);
const jfb = (name: string, after: JfbModel) =>
  compare(
    name,
    () => jfbView(loaded),
    () => jfbView(after),
    61,
  );
jfb("update every 10th row", update(loaded, { type: "update" }));
jfb("select a row", update(loaded, { type: "select", id: 2 }));
jfb("swap two rows", update(loaded, { type: "swaprows" }));
jfb("remove a row", update(loaded, { type: "remove", id: 2 }));
jfb("clear 1,000 rows", update(loaded, { type: "clear" }));
jfb("replace all 1,000 rows", update(loaded, { type: "run" }));
// Every row in a memo: the path that reuses nodes instead of diffing them.
const memoed = (name: string, after: JfbModel) =>
  compare(
    `${name}, memo'd rows`,
    () => memoView(loaded),
    () => memoView(after),
    61,
  );
memoed("select a row", update(loaded, { type: "select", id: 2 }));
memoed("update every 10th row", update(loaded, { type: "update" }));
compare(
  "create 1,000 rows",
  () => jfbView(EMPTY),
  () => jfbView(loaded),
  61,
);
