// A steady-state workload for CPU profiles of Lucent's update path (`pnpm --filter @lucent/bench
// profile:engine` runs it under `node --cpu-prof`): each case flips one live tree between two
// views (A → B → A …), so every iteration is `view + diffView + JSON.stringify`, no setup.
import type { Node } from "@lucent/server";
import {
  buildRows,
  EMPTY,
  type JfbModel,
  view as jfbView,
  memoView,
  templateView,
  update,
} from "../lib/jfb.ts";
import { mount, patchJson } from "../lib/lucent.ts";
import { lucentTable, type TableShape, tableIds } from "../lib/lustre-table.ts";

const seconds = Number(process.argv.find((a) => a.startsWith("--seconds="))?.slice(10) ?? 2);
/** Optional case names (substrings) to run; all cases when none are given. */
const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));

function flip(name: string, a: () => Node<unknown>, b: () => Node<unknown>): void {
  if (only.length > 0 && !only.some((o) => name.includes(o))) return;
  const m = mount(a());
  const until = Date.now() + seconds * 1000;
  let n = 0;
  while (Date.now() < until) {
    patchJson(m, n % 2 === 0 ? b() : a());
    n++;
  }
  process.stderr.write(`${name}: ${n} updates, ${((seconds * 1e6) / n).toFixed(0)} µs each\n`);
}

const table = (shape: TableShape) => {
  const prev = tableIds(shape, 0);
  const next = tableIds(shape, shape.rows / 2);
  flip(
    `${shape.rows} rows ${shape.keyed ? "keyed" : "unkeyed"}${shape.shuffled ? "+shuffled" : ""}`,
    () => lucentTable(shape, prev),
    () => lucentTable(shape, next),
  );
};
table({ rows: 1000, keyed: false, shuffled: false });
table({ rows: 1000, keyed: true, shuffled: false });
table({ rows: 1000, keyed: true, shuffled: true });

const loaded: JfbModel = buildRows(EMPTY, 1000);
const jfb = (name: string, b: JfbModel) =>
  flip(
    name,
    () => jfbView(loaded),
    () => jfbView(b),
  );
jfb("create/clear 1k", update(loaded, { type: "clear" }));
jfb("replace 1k", update(loaded, { type: "run" }));
jfb("update every 10th", update(loaded, { type: "update" }));
jfb("select", update(loaded, { type: "select", id: 2 }));
jfb("swap", update(loaded, { type: "swaprows" }));
jfb("remove/insert", update(loaded, { type: "remove", id: 2 }));
const memoJfb = (name: string, b: JfbModel) =>
  flip(
    `memo'd ${name}`,
    () => memoView(loaded),
    () => memoView(b),
  );
memoJfb("replace 1k", update(loaded, { type: "run" }));
memoJfb("update every 10th", update(loaded, { type: "update" }));
memoJfb("select", update(loaded, { type: "select", id: 2 }));
memoJfb("swap", update(loaded, { type: "swaprows" }));
memoJfb("remove/insert", update(loaded, { type: "remove", id: 2 }));
const templateJfb = (name: string, b: JfbModel) =>
  flip(
    `html'd ${name}`,
    () => templateView(loaded),
    () => templateView(b),
  );
templateJfb("create/clear 1k", update(loaded, { type: "clear" }));
templateJfb("replace 1k", update(loaded, { type: "run" }));
templateJfb("update every 10th", update(loaded, { type: "update" }));
templateJfb("select", update(loaded, { type: "select", id: 2 }));
templateJfb("swap", update(loaded, { type: "swaprows" }));
templateJfb("remove/insert", update(loaded, { type: "remove", id: 2 }));
