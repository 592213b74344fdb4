// Two builds of the server package, each in processes of its own and each building its views with
// its own `h`, so that a change to what views are made of counts as well as one to the diff (which
// `profile:engine-ab` cannot show: both its builds diff views of the current `h`). Cold as the diff
// area measures (fresh trees, the collector run and the caches evicted before each batch). The
// builds take turns, a process each, several rounds per case: one process's JIT state or a burst of
// load from a neighbour on this shared machine then moves one round, not the comparison.
//
//   git stash && pnpm --filter @lucent/server build
//   rm -rf packages/server/dist-base && cp -r packages/server/dist packages/server/dist-base
//   git stash pop && pnpm --filter @lucent/server build
//   pnpm --filter @lucent/bench profile:build-ab [--rounds 6] [case…]
//
// Cases: the js-framework-benchmark operations on 1,000 rows (update10th, select, swap, remove,
// clear, replace1k, create1k; memo-update10th, memo-select, memo-swap and memo-remove with every
// row in a `memo`; html-update10th, html-select, html-swap and html-remove with every row an `html`
// template) and Lustre's tables (`table100`, `table1000-keyed`,
// `table1000-shuffled`, …). Prints each build's median time per update (the median of its rounds'
// medians) and base ÷ current with the spread of the rounds' ratios.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type * as Server from "@lucent/server";
import {
  buildRows,
  createJfbView,
  createTemplateView,
  EMPTY,
  type JfbModel,
  type JfbMsg,
  update,
} from "../lib/jfb.ts";
import { lucentTable, TABLE_KINDS, type TableShape, tableIds } from "../lib/lustre-table.ts";
import { BENCH_DIR } from "../lib/process.ts";
import { summarize } from "../lib/stats.ts";
import { evictCaches } from "../lib/timing.ts";

type Build = Pick<
  typeof Server,
  "h" | "memo" | "html" | "createRoot" | "createHandlerRegistry" | "mountView" | "diffView"
>;

interface Case {
  readonly view: (build: Build, state: unknown) => Server.Node<unknown>;
  readonly before: unknown;
  readonly after: unknown;
}

const SERVER_DIR = join(BENCH_DIR, "..", "..", "packages", "server");
const loaded = buildRows(EMPTY, 1000);
const jfb = (after: JfbModel, before: JfbModel = loaded): Case => ({
  view: (build, state) => createJfbView(build.h)(state as JfbModel),
  before,
  after,
});
/** The same with every row in a `memo`, as `memoView` has them. */
const memoJfb = (after: JfbModel): Case => ({
  view: (build, state) => createJfbView(build.h, build.memo)(state as JfbModel),
  before: loaded,
  after,
});
/** The same with every row an `html` template, as `templateView` has them. */
const htmlJfb = (after: JfbModel): Case => ({
  view: (build, state) => createTemplateView(build.h, build.html)(state as JfbModel),
  before: loaded,
  after,
});
const at2 = (type: "select" | "remove"): JfbMsg => ({ type, id: 2 });

const CASES: Record<string, () => Case> = {
  update10th: () => jfb(update(loaded, { type: "update" })),
  select: () => jfb(update(loaded, at2("select"))),
  swap: () => jfb(update(loaded, { type: "swaprows" })),
  remove: () => jfb(update(loaded, at2("remove"))),
  clear: () => jfb(update(loaded, { type: "clear" })),
  replace1k: () => jfb(update(loaded, { type: "run" })),
  create1k: () => jfb(loaded, EMPTY),
  "memo-update10th": () => memoJfb(update(loaded, { type: "update" })),
  "memo-select": () => memoJfb(update(loaded, at2("select"))),
  "memo-swap": () => memoJfb(update(loaded, { type: "swaprows" })),
  "memo-remove": () => memoJfb(update(loaded, at2("remove"))),
  "html-update10th": () => htmlJfb(update(loaded, { type: "update" })),
  "html-select": () => htmlJfb(update(loaded, at2("select"))),
  "html-swap": () => htmlJfb(update(loaded, { type: "swaprows" })),
  "html-remove": () => htmlJfb(update(loaded, at2("remove"))),
};
for (const rows of [10, 100, 1000, 10_000]) {
  for (const kind of TABLE_KINDS) {
    const shape: TableShape = { rows, ...kind };
    const suffix = kind.shuffled ? "-shuffled" : kind.keyed ? "-keyed" : "";
    CASES[`table${rows}${suffix}`] = () => ({
      view: (build, ids) => lucentTable(shape, ids as number[], build.h),
      before: tableIds(shape, 0),
      after: tableIds(shape, rows / 2),
    });
  }
}

/** In a worker process: the median cold diff+encode of `name` with the build in `dir`, µs. */
async function measure(dir: string, name: string): Promise<number> {
  const build = (await import(pathToFileURL(join(SERVER_DIR, dir, "index.js")).href)) as Build;
  const { view, before, after } = (CASES[name] as () => Case)();
  const gc = (globalThis as { gc?: () => void }).gc as () => void;
  // Small tables are timed in batches, so that each sample is well above the timer's resolution;
  // sized by both states, or clearing 1,000 rows would batch hundreds of them.
  const batch = Math.max(1, Math.floor(20_000 / JSON.stringify([before, after]).length));
  const samples: number[] = [];
  for (let i = 0; i < 40; i++) {
    const states = Array.from({ length: batch }, () => {
      const root = build.createRoot();
      const registry = build.createHandlerRegistry();
      build.mountView(root, view(build, before), registry, 0);
      registry.commit(true, 0);
      return { root, registry, next: view(build, after) };
    });
    gc();
    evictCaches();
    const start = performance.now();
    for (const { root, registry, next } of states) {
      const ops = build.diffView(root, next, registry, 1);
      registry.commit(ops.length > 0, 1);
      JSON.stringify(ops);
    }
    samples.push(((performance.now() - start) * 1000) / batch);
  }
  return summarize(samples).median;
}

function worker(dir: string, name: string): number {
  const script = fileURLToPath(import.meta.url);
  const result = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", script, "--worker", dir, name],
    { cwd: BENCH_DIR, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`worker for ${dir} ${name} failed:\n${result.stderr}`);
  return Number(result.stdout.trim());
}

function compare(name: string, rounds: number): void {
  const base: number[] = [];
  const current: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate which build goes first, so neither always runs on the warmer machine.
    const first = round % 2 === 0 ? "dist-base" : "dist";
    const a = worker(first, name);
    const b = worker(first === "dist" ? "dist-base" : "dist", name);
    const [t0, t1] = first === "dist-base" ? [a, b] : [b, a];
    base.push(t0);
    current.push(t1);
    ratios.push(t0 / t1);
  }
  const r = summarize(ratios);
  const us = (values: number[]) => `${summarize(values).median.toFixed(1)} µs`.padStart(11);
  console.log(
    `${name.padEnd(20)} base ${us(base)}  current ${us(current)}  base ÷ current ${r.median.toFixed(2)}× (${r.p25.toFixed(2)}–${r.p75.toFixed(2)})`,
  );
}

const args = process.argv.slice(2);
if (args[0] === "--worker") {
  console.log(await measure(args[1] as string, args[2] as string));
} else {
  if (!existsSync(join(SERVER_DIR, "dist-base", "index.js"))) {
    console.error("no baseline build in packages/server/dist-base; see the top of this file");
    process.exit(2);
  }
  const roundsAt = args.indexOf("--rounds");
  const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 6;
  const unknown = args.filter((name) => !(name in CASES));
  if (unknown.length > 0) {
    console.error(`unknown cases: ${unknown.join(", ")}; known: ${Object.keys(CASES).join(", ")}`);
    process.exit(2);
  }
  for (const name of args.length > 0 ? args : ["update10th", "select", "swap", "remove"]) {
    compare(name, rounds);
  }
}
