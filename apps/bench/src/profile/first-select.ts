// Where the first select after a page load spends its time (the client-apply area's "first
// interaction" table). In a fresh page per trial: the empty table built, 1,000 rows created and
// six rows selected through Lucent's applier, then the timed select, preceded or not by a forced
// collection and a layout read; or the same two class writes done by hand through `childNodes`.
// Prints each trial's apply time of the last step, and of the warm-up's selects, in µs.
import { join } from "node:path";
import { bundlePage, launchChromium, servePage } from "../lib/chromium.ts";
import { view as jfbView, loadedStates, OPERATIONS } from "../lib/jfb.ts";
import { mount, patchJson, treeJson } from "../lib/lucent.ts";
import { BENCH_DIR } from "../lib/process.ts";
import type { FirstSelectOptions } from "./first-select-page.ts";

const script = await bundlePage(join(BENCH_DIR, "src", "profile", "first-select-page.ts"));
const op = OPERATIONS.find((o) => o.name === "select");
if (!op) throw new Error("no select operation");
const { start, steps } = loadedStates(op);
const m = mount(jfbView(start));
const tree = treeJson(m);
const frames = steps.map((step) => patchJson(m, jfbView(step.after)));

const browser = await launchChromium();
const page = await browser.newPage();
const url = "http://127.0.0.1:9/";
await servePage(page, url, script);
const variants: [string, FirstSelectOptions][] = [
  ["collection and layout", { collect: true, layout: true, byHand: false }],
  ["layout only", { collect: false, layout: true, byHand: false }],
  ["collection only", { collect: true, layout: false, byHand: false }],
  ["neither", { collect: false, layout: false, byHand: false }],
  ["by hand, collection and layout", { collect: true, layout: true, byHand: true }],
  ["by hand, neither", { collect: false, layout: false, byHand: true }],
];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
for (const [name, options] of variants) {
  const last: number[] = [];
  const warmups: number[][] = [];
  for (let trial = 0; trial < 9; trial++) {
    await page.goto(url);
    const times = await page.evaluate(
      ([t, f, o]) =>
        (
          globalThis as unknown as {
            firstSelect(t: string, f: readonly string[], o: FirstSelectOptions): number[][];
          }
        ).firstSelect(t, f, o),
      [tree, frames, options] as const,
    );
    last.push((times[times.length - 1] as number[])[1] as number);
    warmups.push(times.slice(1, -1).map((t) => t[1] as number));
  }
  const warm = warmups[0]?.map((_, i) => median(warmups.map((w) => w[i] as number)));
  console.log(
    `${name.padEnd(32)} timed select ${String(median(last)).padStart(4)} µs   warm-up selects ${warm?.join(" ")} µs`,
  );
}
await browser.close();
