// Server-side cost of an update. The budget's measure: Lucent's `diff + JSON encode` of prebuilt
// views against virtual-dom's diff of the same trees, prebuilt. Beside it the whole update
// (`view + diff + encode`) against virtual-dom's view + diff and against rendering the whole HTML
// again (Lucent's renderer, and a hand-written template literal). And a lean reference diff of
// view against view (lib/lean-diff.ts), to tell what no diff of these views can do from what
// Lucent's own machinery costs.
import { diffView, type Node } from "@lucent/server";
import { log, runArea } from "../lib/area.ts";
import {
  view as jfbView,
  memoView,
  OPERATIONS,
  splitView,
  states,
  template,
  templateView,
} from "../lib/jfb.ts";
import { leanDiff } from "../lib/lean-diff.ts";
import { type Mounted, mount, patchJson, readTrees, renderHtml } from "../lib/lucent.ts";
import {
  LUSTRE_JS_IPS,
  lucentTable,
  shapeName,
  TABLE_KINDS,
  type TableShape,
  tableIds,
  templateTable,
  vdomTable,
} from "../lib/lustre-table.ts";
import {
  type Bindings,
  createBindings,
  mountSplit,
  type Rendered,
  splitDiff,
} from "../lib/split-diff.ts";
import { type Compared, type CompareOptions, type Contender, compare } from "../lib/timing.ts";
import { jfbVTree, type VTree, vdiff } from "../lib/vdom.ts";

interface Case {
  readonly name: string;
  readonly group: "lustre" | "jfb";
  readonly frameBytes: number;
  readonly lustreJsUs?: number;
  readonly compared: Compared;
}

// `--only=lucent` keeps Lucent's contenders (for focused CPU profiles of the engine).
// Profiled runs (`--profile`) keep only Lucent's contenders too.
const only =
  process.argv.find((a) => a.startsWith("--only="))?.slice(7) ??
  (process.env.BENCH_PROFILE_DIR ? "lucent" : undefined);

// Every contender gets inputs prepared afresh for each run (a new live tree and view for Lucent,
// new trees for virtual-dom), so that each diff reads memory as cold as the others do: a diff
// of the same two trees over and over would find them in the CPU's cache, which a server with
// many sessions never does.
function contenders(
  prevLucent: () => Node<unknown>,
  nextLucent: () => Node<unknown>,
  prevV: () => VTree,
  nextV: () => VTree,
  nextTemplate: () => string,
  memoized?: { prev: () => Node<unknown>; next: () => Node<unknown> },
  split?: { prev: () => Rendered; next: () => Rendered },
  templated?: { prev: () => Node<unknown>; next: () => Node<unknown> },
): Contender<unknown>[] {
  const ops = JSON.parse(patchJson(mount(prevLucent()), nextLucent())) as unknown[];
  // Warm: one live tree flipped A → B → A with views built once, against virtual-dom diffing the
  // same two trees both ways. Everything stays in the CPU's cache (a single busy session).
  const warm = mount(prevLucent());
  const [viewA, viewB] = [prevLucent(), nextLucent()];
  const [treeA, treeB] = [prevV(), nextV()];
  const all: Contender<unknown>[] = [
    {
      name: "lucent",
      cold: true,
      prepare: () => ({ m: mount(prevLucent()), view: nextLucent() }),
      run: (s) => {
        const { m, view } = s as { m: Mounted; view: Node<unknown> };
        return patchJson(m, view);
      },
    },
    {
      name: "lucent-update",
      cold: true,
      prepare: () => mount(prevLucent()),
      run: (m) => patchJson(m as Mounted, nextLucent()),
    },
    // Lucent's time, split: building the view, diffing a prebuilt view, serialising the ops.
    { name: "lucent-view", prepare: () => null, run: () => nextLucent() },
    {
      name: "lucent-diff",
      cold: true,
      prepare: () => ({ m: mount(prevLucent()), view: nextLucent() }),
      run: (s) => {
        const { m, view } = s as { m: Mounted; view: Node<unknown> };
        return diffView(m.root, view, m.registry, 1);
      },
    },
    { name: "lucent-encode", prepare: () => null, run: () => JSON.stringify(ops) },
    // Floors under any diff of Lucent's trees: reading both of them, or the view alone (which
    // holds no live tree: a fast run gets a large batch, and each live tree is megabytes).
    ...[true, false].map(
      (live): Contender<unknown> => ({
        name: live ? "lucent-read" : "lucent-read-view",
        cold: true,
        prepare: () => ({ m: live ? mount(prevLucent()) : null, view: nextLucent() }),
        run: (s) => {
          const { m, view } = s as { m: Mounted | null; view: Node<unknown> };
          return readTrees(m, view);
        },
      }),
    ),
    // A diff of view against view with none of Lucent's machinery (see lean-diff.ts): does a
    // leaner design reach 3× virtual-dom where Lucent does not?
    {
      name: "lean-diff",
      cold: true,
      prepare: () => ({ prev: prevLucent(), next: nextLucent() }),
      run: (s) => {
        const { prev, next } = s as { prev: Node<unknown>; next: Node<unknown> };
        return leanDiff(prev, next);
      },
    },
    {
      name: "vdom-diff",
      cold: true,
      prepare: () => ({ prev: prevV(), next: nextV() }),
      run: (s) => vdiff((s as { prev: VTree }).prev, (s as { next: VTree }).next),
    },
    {
      name: "lucent-warm",
      prepare: () => null,
      run: () => [patchJson(warm, viewB), patchJson(warm, viewA)],
    },
    {
      name: "vdom-warm",
      prepare: () => null,
      run: () => [vdiff(treeA, treeB), vdiff(treeB, treeA)],
    },
    {
      name: "vdom-view+diff",
      cold: true,
      prepare: () => prevV(),
      run: (prev) => vdiff(prev as VTree, nextV()),
    },
    // Pages are measured in UTF-8 bytes, as writing them to a socket does: a string built with
    // `+=` is a rope until then, and only flattening and encoding it costs its full price.
    {
      name: "html-lucent",
      prepare: () => null,
      run: () => Buffer.byteLength(renderHtml(nextLucent())),
    },
    { name: "html-template", prepare: () => null, run: () => Buffer.byteLength(nextTemplate()) },
  ];
  if (memoized) {
    // The same update with every row memoized (js-framework-benchmark operations only).
    all.splice(1, 0, {
      name: "lucent-memo",
      cold: true,
      prepare: () => mount(memoized.prev()),
      run: (m) => patchJson(m as Mounted, memoized.next()),
    });
  }
  if (templated) {
    // The same update with every row an `html` template (js-framework-benchmark operations only).
    all.splice(2, 0, {
      name: "lucent-html",
      cold: true,
      prepare: () => mount(templated.prev()),
      run: (m) => patchJson(m as Mounted, templated.next()),
    });
  }
  if (split) {
    // The prototype of a static/dynamic split (split-diff.ts): view of templates, diff of their
    // values, encode. What compiled templates could make of the whole update.
    all.push({
      name: "split-update",
      cold: true,
      prepare: () => {
        const bindings = createBindings();
        const prev = split.prev();
        mountSplit(prev, bindings);
        return { prev, bindings };
      },
      run: (s) => {
        const { prev, bindings } = s as { prev: Rendered; bindings: Bindings };
        return splitDiff(prev, split.next(), bindings);
      },
    });
  }
  return only ? all.filter((c) => c.name === "lucent" || c.name.startsWith(only)) : all;
}

/**
 * How many prepared inputs a batch may hold: about 40,000 rows' worth. A fast diff of big trees
 * (clearing 1,000 rows, once it took 50–100 µs) would otherwise batch a hundred fresh 1,000-row
 * trees per sample, each mounted in milliseconds, and the area outran its time limit.
 */
function maxBatchFor(rows: number, options: CompareOptions): number {
  return Math.max(4, Math.min(options.maxBatch, Math.floor(40_000 / Math.max(rows, 1))));
}

runArea("diff", async ({ quick }) => {
  const options: CompareOptions = quick
    ? { samples: 7, warmupMs: 100, sampleMs: 8, maxBatch: 1000 }
    : { samples: 11, warmupMs: 150, sampleMs: 10, maxBatch: 2000 };
  const cases: Case[] = [];
  const sizes = [10, 100, 1000, 10_000];
  for (const rows of sizes) {
    for (const kind of TABLE_KINDS) {
      const shape: TableShape = { rows, ...kind };
      const name = shapeName(shape);
      const prevIds = tableIds(shape, 0);
      const nextIds = tableIds(shape, rows / 2);
      const m = mount(lucentTable(shape, prevIds));
      const frameBytes = Buffer.byteLength(patchJson(m, lucentTable(shape, nextIds)));
      log("diff", name);
      const compared = compare(
        "lucent",
        contenders(
          () => lucentTable(shape, prevIds),
          () => lucentTable(shape, nextIds),
          () => vdomTable(shape, prevIds),
          () => vdomTable(shape, nextIds),
          () => templateTable(nextIds),
        ),
        { ...options, maxBatch: maxBatchFor(rows, options) },
      );
      const ips = LUSTRE_JS_IPS[name];
      cases.push({
        name,
        group: "lustre",
        frameBytes,
        ...(ips ? { lustreJsUs: 1e6 / ips } : {}),
        compared,
      });
    }
  }
  for (const op of OPERATIONS) {
    const { before, after } = states(op);
    const m = mount(jfbView(before));
    const frameBytes = Buffer.byteLength(patchJson(m, jfbView(after)));
    log("diff", op.name);
    const compared = compare(
      "lucent",
      contenders(
        () => jfbView(before),
        () => jfbView(after),
        () => jfbVTree(before),
        () => jfbVTree(after),
        () => template(after),
        { prev: () => memoView(before), next: () => memoView(after) },
        { prev: () => splitView(before), next: () => splitView(after) },
        { prev: () => templateView(before), next: () => templateView(after) },
      ),
      { ...options, maxBatch: maxBatchFor(before.rows.length + after.rows.length, options) },
    );
    cases.push({ name: op.name, group: "jfb", frameBytes, compared });
  }
  return { unit: "µs per update", cases };
});
