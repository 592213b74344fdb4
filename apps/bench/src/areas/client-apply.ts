// Client apply time in real Chromium: Lucent's applier (`applyPatch` + the DOM writer, on the
// frame the server produced for each js-framework-benchmark operation) against hand-written DOM
// code doing the same operation on the same DOM: vanillajs-style (template cloning, the
// benchmark's fastest entry) and plain createElement code.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { log, runArea } from "../lib/area.ts";
import { bundlePage, launchChromium, servePage } from "../lib/chromium.ts";
import {
  type JfbModel,
  type JfbMsg,
  type JfbOperation,
  view as jfbView,
  loadedStates,
  OPERATIONS,
  type Row,
  type WarmedStates,
  warmedStates,
} from "../lib/jfb.ts";
import { mount, patchJson, renderHtml, treeJson } from "../lib/lucent.ts";
import { BENCH_DIR } from "../lib/process.ts";
import { type Summary, summarize } from "../lib/stats.ts";
import type { HandStep, Impl, OpData, TrialStep, TrialTime } from "../page/apply-page.ts";

const IMPLS: readonly Impl[] = ["lucent", "vanilla", "bound", "direct"];
const SMALL = new Set(["update10th", "select", "swap", "remove"]);

interface OpResult {
  readonly name: string;
  readonly title: string;
  readonly script: Record<Impl, Summary>;
  readonly layout: Record<Impl, Summary>;
  /** Lucent's JSON.parse of the frame, part of its script time. */
  readonly parse: Summary;
  /** Per-trial-round ratios lucent / baseline (< 1: Lucent is faster). */
  readonly ratios: Record<string, Summary>;
}

/** One small operation timed once per page load, for Lucent and vanillajs. */
interface FirstInteraction {
  readonly name: string;
  readonly title: string;
  readonly script: Record<"lucent" | "vanilla", Summary>;
  /** Lucent's JSON.parse of the frame, part of its script time. */
  readonly parse: Summary;
  /** Per-round lucent / vanilla. */
  readonly ratio: Summary;
}

const profileDir = process.env.BENCH_PROFILE_DIR;
const PAGE_URL = "http://127.0.0.1:9/";

runArea("client-apply", async ({ quick }) => {
  // Profiled runs keep function names readable.
  const script = await bundlePage(join(BENCH_DIR, "src", "page", "apply-page.ts"), !profileDir);
  const browser = await launchChromium();
  const version = browser.version();
  const results: OpResult[] = [];
  const firstInteractions: FirstInteraction[] = [];
  let isolated = false;
  try {
    for (const op of OPERATIONS) {
      // Each operation in a page of its own, as js-framework-benchmark runs each benchmark in a
      // browser of its own: in a shared page, the applier's code compiled for the operations
      // before (text writes only, after "update every 10th row") is thrown away at the first
      // patch of another kind and not compiled again within select's trials, which then ran
      // interpreted: 80 µs instead of 50 (measured; V8's --trace-deopt: "wrong map").
      const page = await browser.newPage();
      await servePage(page, PAGE_URL, script);
      await page.goto(PAGE_URL);
      isolated = await page.evaluate(() => globalThis.crossOriginIsolated);
      await load(page, op.name, opData(warmedStates(op)));
      const big = op.name === "create10k";
      // Operations of a few ticks of the 5 µs timer get more rounds, for a steadier median.
      const small = SMALL.has(op.name);
      const rounds = quick ? (big ? 3 : 5) : big ? 5 : small ? 45 : 15;
      const warmupRounds = quick ? 2 : big ? 1 : 3;
      const times: Record<Impl, TrialTime[]> = { lucent: [], vanilla: [], bound: [], direct: [] };
      const ratioSamples: Record<string, number[]> = {
        vanilla: [],
        bound: [],
        direct: [],
        "vanilla-layout": [],
        // Lucent's apply without its JSON.parse of the frame.
        "vanilla-unparsed": [],
        // Not Lucent: the DOM Lucent must build, built by hand, ÷ vanillajs's DOM.
        "bound-over-vanilla": [],
      };
      log("client-apply", op.name);
      for (let round = -warmupRounds; round < rounds; round++) {
        const roundTimes = {} as Record<Impl, TrialTime>;
        for (let k = 0; k < IMPLS.length; k++) {
          const impl = IMPLS[(round + warmupRounds + k) % IMPLS.length] as Impl;
          roundTimes[impl] = await trial(page, op.name, impl, round === -warmupRounds);
        }
        if (round < 0) continue;
        for (const impl of IMPLS) times[impl].push(roundTimes[impl]);
        ratioSamples.vanilla?.push(roundTimes.lucent.script / roundTimes.vanilla.script);
        ratioSamples["vanilla-unparsed"]?.push(
          (roundTimes.lucent.script - roundTimes.lucent.parse) / roundTimes.vanilla.script,
        );
        ratioSamples.bound?.push(roundTimes.lucent.script / roundTimes.bound.script);
        ratioSamples.direct?.push(roundTimes.lucent.script / roundTimes.direct.script);
        ratioSamples["vanilla-layout"]?.push(roundTimes.lucent.layout / roundTimes.vanilla.layout);
        ratioSamples["bound-over-vanilla"]?.push(
          roundTimes.bound.script / roundTimes.vanilla.script,
        );
      }
      const summarizeBy = (key: keyof TrialTime) =>
        Object.fromEntries(
          IMPLS.map((impl) => [impl, summarize(times[impl].map((t) => t[key]))]),
        ) as Record<Impl, Summary>;
      results.push({
        name: op.name,
        title: op.title,
        script: summarizeBy("script"),
        layout: summarizeBy("layout"),
        parse: summarize(times.lucent.map((t) => t.parse)),
        ratios: Object.fromEntries(Object.entries(ratioSamples).map(([k, v]) => [k, summarize(v)])),
      });
      if (profileDir) {
        // Lucent's trials only, under the DevTools profiler, written where main summarises them.
        const cdp = await page.context().newCDPSession(page);
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
        await cdp.send("Profiler.start");
        for (let i = 0; i < (big ? 3 : 15); i++) {
          await page.evaluate(
            ([name]) =>
              (
                globalThis as never as {
                  bench: { trial(n: string, i: Impl, v: boolean): TrialTime };
                }
              ).bench.trial(name, "lucent", false),
            [op.name] as const,
          );
        }
        const { profile } = await cdp.send("Profiler.stop");
        const dir = join(profileDir, "chromium-lucent-apply");
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `${op.name}.cpuprofile`), JSON.stringify(profile));
        await cdp.detach();
      }
      if (small) firstInteractions.push(await firstInteraction(page, op, quick ? 4 : 15));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return {
    chromium: version,
    crossOriginIsolated: isolated,
    unit: "ms",
    operations: results,
    firstInteractions,
  };
});

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof launchChromium>>["newPage"]>>;

/** The frames and hand-written steps of a trial that starts at `start`, and what it must end with. */
function opData({ start, steps }: WarmedStates): OpData {
  const after = (steps[steps.length - 1] as { after: JfbModel }).after;
  const m = mount(jfbView(start));
  const tree = treeJson(m);
  let model = start;
  const trialSteps: TrialStep[] = steps.map((step) => {
    const hand = handStep(model, step.msg, step.after);
    model = step.after;
    return { ops: patchJson(m, jfbView(step.after)), hand };
  });
  return {
    tree,
    steps: trialSteps,
    rows: pairs(after.rows),
    selected: after.selected,
    expectedHtml: renderHtml(jfbView(after)),
  };
}

function load(page: Page, name: string, data: OpData): Promise<void> {
  return page.evaluate(
    ([n, d]) =>
      (globalThis as never as { bench: { load(n: string, d: OpData): void } }).bench.load(n, d),
    [name, data] as const,
  );
}

function trial(page: Page, name: string, impl: Impl, verify: boolean): Promise<TrialTime> {
  return page.evaluate(
    ([n, which, v]) =>
      (
        globalThis as never as { bench: { trial(n: string, i: Impl, v: boolean): TrialTime } }
      ).bench.trial(n, which, v),
    [name, impl, verify] as const,
  );
}

/**
 * js-framework-benchmark loads the page again before every run: the operation meets code that
 * has run only that run's steps. So here, per trial: a fresh page, the rows created from an empty
 * table by each implementation's own code (Lucent: the server's create frame), the warm-up, then
 * the operation, timed once. Lucent and vanillajs take turns, each in its own load.
 */
async function firstInteraction(
  page: Page,
  op: JfbOperation,
  rounds: number,
): Promise<FirstInteraction> {
  const data = opData(loadedStates(op));
  const times = { lucent: [] as number[], vanilla: [] as number[] };
  const parse: number[] = [];
  const ratios: number[] = [];
  for (let round = -1; round < rounds; round++) {
    const order =
      round % 2 === 0 ? (["lucent", "vanilla"] as const) : (["vanilla", "lucent"] as const);
    const t = { lucent: 0, vanilla: 0 };
    let parsed = 0;
    for (const impl of order) {
      await page.goto(PAGE_URL);
      await load(page, op.name, data);
      const time = await trial(page, op.name, impl, round < 0);
      t[impl] = time.script;
      if (impl === "lucent") parsed = time.parse;
    }
    if (round < 0) continue;
    parse.push(parsed);
    times.lucent.push(t.lucent);
    times.vanilla.push(t.vanilla);
    ratios.push(t.lucent / t.vanilla);
  }
  return {
    name: op.name,
    title: op.title,
    script: { lucent: summarize(times.lucent), vanilla: summarize(times.vanilla) },
    parse: summarize(parse),
    ratio: summarize(ratios),
  };
}

const pairs = (rows: readonly Row[]) => rows.map((r) => [r.id, r.label] as const);

/** What hand-written code needs for `msg`, from the models before and after it. */
function handStep(before: JfbModel, msg: JfbMsg, after: JfbModel): HandStep {
  switch (msg.type) {
    case "select":
    case "remove":
      return { type: msg.type, index: before.rows.findIndex((r) => r.id === msg.id) };
    case "run":
    case "runlots":
    case "update":
      return { type: msg.type, rows: pairs(after.rows) };
    case "add":
      return { type: msg.type, rows: pairs(after.rows.slice(before.rows.length)) };
    default:
      return { type: msg.type };
  }
}
