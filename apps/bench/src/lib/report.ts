// Renders results/latest.json as BENCHMARKS.md: the machine, then one table per area, every figure
// a ratio against a baseline measured in the same run with its median and spread, and the budget
// each line is held to.
import type { AreaName, AreaResult, Results } from "../main.ts";
import type { Summary } from "./stats.ts";
import { geomean } from "./stats.ts";
import { type Compared, pairRatio } from "./timing.ts";

// biome-ignore lint/suspicious/noExplicitAny: results are read back from JSON
type Any = any;

const KIB = 1024;

function sig(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return "–";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 10 ** digits) return Math.round(value).toLocaleString("en-US");
  const magnitude = Math.floor(Math.log10(abs));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toFixed(decimals);
}

/** µs (or ms above 1,000 µs) with 3 significant digits. */
function time(us: number): string {
  return us >= 1000 ? `${sig(us / 1000)} ms` : `${sig(us)} µs`;
}

function ms(value: number): string {
  return `${sig(value)} ms`;
}

function bytes(n: number): string {
  if (n >= 10 * KIB * KIB) return `${sig(n / KIB / KIB)} MiB`;
  if (n >= 10 * KIB) return `${sig(n / KIB)} KiB`;
  return `${Math.round(n).toLocaleString("en-US")} B`;
}

/** `median (p25–p75)` through a formatter. */
function spread(s: Summary, format: (n: number) => string): string {
  return `${format(s.median)} (${format(s.p25)}–${format(s.p75)})`;
}

function x(n: number): string {
  return `${sig(n, 2)}×`;
}

function ratioSpread(s: Summary): string {
  return `**${x(s.median)}** (${x(s.p25)}–${x(s.p75)})`;
}

function minMax(s: Summary, format: (n: number) => string): string {
  return `${format(s.median)} (${format(s.min)}–${format(s.max)})`;
}

function status(met: boolean, missed: string): string {
  return met ? "met" : `**missed**: ${missed}`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

function runNote(r: AreaResult): string {
  const at = r.commit ? `, Lucent at ${r.commit}` : "";
  return `_${r.quick ? "Quick run" : "Full run"} of ${sig(r.seconds)} s, ${r.date.slice(0, 16).replace("T", " ")} UTC${at}._`;
}

interface Budget {
  readonly area: string;
  readonly budget: string;
  readonly measured: string;
  readonly status: string;
}

// --- areas ---

function diffSection(r: AreaResult, budgets: Budget[]): string {
  const cases = r.result.cases as Any[];
  // Ratios between contenders of one round; `lucent` (diff + encode of a prebuilt view) is the
  // comparison's subject, the others are paired round by round.
  const pair = (c: Any, baseline: string, contender: string): Summary =>
    pairRatio(c.compared as Compared, baseline, contender);
  const row = (c: Any, lustre: boolean) => {
    const t = c.compared.times;
    const vdom = c.compared.ratios["vdom-diff"] as Summary;
    const cells = [
      c.name,
      spread(t.lucent, time),
      spread(t["vdom-diff"], time),
      ratioSpread(vdom),
      status(vdom.median >= 3, `needs ${x(3 / vdom.median)} faster`),
      t["lucent-warm"] ? x(pair(c, "vdom-warm", "lucent-warm").median) : "–",
      time(t["lucent-update"].median),
      x(pair(c, "vdom-diff", "lucent-update").median),
      x(pair(c, "vdom-view+diff", "lucent-update").median),
      x(pair(c, "html-lucent", "lucent-update").median),
      x(pair(c, "html-template", "lucent-update").median),
      bytes(c.frameBytes),
    ];
    if (lustre) cells.push(c.lustreJsUs ? time(c.lustreJsUs) : "–");
    else if (t["lucent-memo"]) {
      cells.push(
        `${time(t["lucent-memo"].median)} (${x(t["vdom-diff"].median / t["lucent-memo"].median)})`,
      );
    }
    if (!lustre && t["lucent-html"]) {
      cells.push(
        `${time(t["lucent-html"].median)} (${x(pair(c, "vdom-diff", "lucent-html").median)}; ${x(pair(c, "lucent-update", "lucent-html").median)})`,
      );
    }
    if (!lustre && t["split-update"]) {
      cells.push(
        `${time(t["split-update"].median)} (${x(pair(c, "vdom-diff", "split-update").median)}; ${x(pair(c, "html-template", "split-update").median)}; ${x(pair(c, "lucent-update", "split-update").median)})`,
      );
    }
    return cells;
  };
  const head = [
    "case",
    "Lucent diff+encode",
    "virtual-dom diff",
    "vdom ÷ Lucent",
    "budget ≥ 3×",
    "vdom ÷ Lucent, warm",
    "Lucent whole update",
    "vdom diff ÷ update",
    "vdom view+diff ÷ update",
    "HTML re-render (Lucent) ÷ update",
    "HTML template ÷ update",
    "frame",
  ];
  const lustre = cases.filter((c) => c.group === "lustre");
  const jfb = cases.filter((c) => c.group === "jfb");
  const ratios = (list: Any[], baseline: string, contender: string) =>
    list.map((c) => pair(c, baseline, contender).median);
  const all = ratios(cases, "vdom-diff", "lucent");
  const met = all.filter((v) => v >= 3).length;
  const g = geomean(all);
  // Missed cases where the read floor (a cold walk reading what any diff of these trees must
  // read, plus serialising the frame, diffing nothing) takes more than a third of virtual-dom's
  // diff. The walk is generic code, so it estimates the least work rather than bounding it:
  // where Lucent's own diff+encode is faster than it, the estimate is shown to be high.
  const missedCases = cases.filter((c) => pair(c, "vdom-diff", "lucent").median < 3);
  const floored = missedCases.filter(
    (c) => (floorOf(c) ?? 0) * 3 > c.compared.times["vdom-diff"].median,
  );
  const beaten = cases.filter(
    (c) => floorOf(c) !== undefined && c.compared.times.lucent.median < (floorOf(c) as number),
  );
  const names = (list: Any[]) => list.map((c) => c.name).join(", ");
  const caveat = beaten.length
    ? `; an estimate, not a bound: Lucent's own diff+encode was faster than the walk in ${beaten.length} (${names(beaten)})`
    : "";
  budgets.push({
    area: "Diff",
    budget: "diff+encode ≥ 3× faster than virtual-dom's diff on the same trees",
    measured: `geomean ${x(g)} over ${all.length} cases (${met} met); of the ${missedCases.length} missed, in ${floored.length} (${names(floored)}) a cold walk reading what any diff of Lucent's trees must read, plus \`JSON.stringify\` of the frame, takes more than a third of virtual-dom's diff${caveat}`,
    status: status(
      met === all.length,
      `needs ${x(3 / g)} faster on the geomean; by the read walk, out of reach in ${floored.length} of the ${missedCases.length} missed`,
    ),
  });
  const partial = jfb.filter((c) =>
    ["update10th", "select", "swap", "remove", "clear"].includes(c.name),
  );
  const updates = cases.filter((c) => !CREATING.has(c.name));
  const updateRatios = ratios(updates, "vdom-diff", "lucent");
  budgets.push({
    area: "Diff",
    budget: "(the same, updates only: cases that create no rows)",
    measured: `geomean ${x(geomean(updateRatios))} over ${updates.length} cases (${updateRatios.filter((v) => v >= 3).length} met); whole update (view+diff+encode) ÷ virtual-dom's view+diff: geomean ${x(1 / geomean(ratios(updates, "vdom-view+diff", "lucent-update")))}`,
    status: "information",
  });
  const htmlRatio = geomean(ratios(partial, "html-lucent", "lucent-update"));
  const templateRatio = geomean(ratios(partial, "html-template", "lucent-update"));
  // Whether any virtual DOM can be cheaper than the string: virtual-dom building and diffing the
  // same page, against the template literal.
  const vdomTemplateRatio = geomean(ratios(partial, "html-template", "vdom-view+diff"));
  const memo = partial.filter((c) => c.compared.times["lucent-memo"] && c.name !== "clear");
  if (memo.length > 0) {
    const memoRatio = geomean(
      memo.map(
        (c) => c.compared.times["vdom-diff"].median / c.compared.times["lucent-memo"].median,
      ),
    );
    budgets.push({
      area: "Diff",
      budget: "(for reference) whole update with every row in a `memo`, vs virtual-dom's diff",
      measured: `virtual-dom ÷ Lucent geomean ${x(memoRatio)} (update 10th, select, swap, remove)`,
      status: memoRatio >= 3 ? "would be met" : "would be missed",
    });
  }
  const templated = partial.filter((c) => c.compared.times["lucent-html"] && c.name !== "clear");
  if (templated.length > 0) {
    const vdomRatio = geomean(ratios(templated, "vdom-diff", "lucent-html"));
    budgets.push({
      area: "Diff",
      budget:
        "(for reference) whole update with every row an `html` template, vs virtual-dom's diff",
      measured: `virtual-dom ÷ Lucent geomean ${x(vdomRatio)}, ${x(Math.min(...ratios(templated, "vdom-diff", "lucent-html")))}–${x(Math.max(...ratios(templated, "vdom-diff", "lucent-html")))} (update 10th, select, swap, remove); Lucent's \`h\` update ÷ it geomean ${x(geomean(ratios(templated, "lucent-update", "lucent-html")))}`,
      status: vdomRatio >= 3 ? "would be met" : "would be missed",
    });
  }
  // Where building the view alone (the `h` calls, no diff) takes longer than the template literal
  // renders the whole page, no diff of a view built of nodes can make the update cheaper than it.
  const viewBound = partial.filter((c) => pair(c, "html-template", "lucent-view").median < 1);
  const viewTemplateRatio = geomean(ratios(partial, "html-template", "lucent-view"));
  const memoTemplate = memo.length
    ? `; with every row in a \`memo\`, template ÷ whole update geomean ${x(geomean(memo.map((c) => c.compared.times["html-template"].median / c.compared.times["lucent-memo"].median)))} (update 10th, select, swap, remove)`
    : "";
  const htmlRows = partial.filter((c) => c.compared.times["lucent-html"] && c.name !== "clear");
  const htmlTemplate = htmlRows.length
    ? `; with every row an \`html\` template, template ÷ whole update geomean ${x(geomean(ratios(htmlRows, "html-template", "lucent-html")))}, ${x(Math.min(...ratios(htmlRows, "html-template", "lucent-html")))}–${x(Math.max(...ratios(htmlRows, "html-template", "lucent-html")))} (${names(htmlRows)})`
    : "";
  const split = partial.filter((c) => c.compared.times["split-update"]);
  const splitTemplate = split.length
    ? `; a prototype of compiled templates (static/dynamic split, see below): template ÷ its whole update geomean ${x(geomean(ratios(split, "html-template", "split-update")))}, ${x(Math.min(...ratios(split, "html-template", "split-update")))}–${x(Math.max(...ratios(split, "html-template", "split-update")))} over the ${split.length} cases`
    : "";
  const reach = viewBound.length
    ? `; beyond reach for a view that builds every row with \`h\` in ${viewBound.length} of ${partial.length} (${names(viewBound)}): building the view alone, before any diff, takes longer than the template literal renders the whole page`
    : "";
  budgets.push({
    area: "Diff",
    budget: "far cheaper than re-rendering the whole HTML (partial updates)",
    measured: `re-render ÷ Lucent's whole update, geomean ${x(htmlRatio)} with Lucent's renderer, ${x(templateRatio)} with a template literal (update 10th, select, swap, remove, clear); template literal ÷ Lucent's view alone (\`h\` calls, no diff) geomean ${x(viewTemplateRatio)}${memoTemplate}${htmlTemplate}${splitTemplate}; for comparison, virtual-dom's view + diff takes ${sig(1 / vdomTemplateRatio, 2)} times as long as the template literal, Lucent's whole update ${sig(1 / templateRatio, 2)} times`,
    status: status(htmlRatio >= 2, `not cheaper than rendering the page again${reach}`),
  });
  return [
    "## Diff: server cost of one update",
    "",
    "The budget's measure: Lucent's `diffView → JSON.stringify` of a prebuilt view (diff with",
    "encode) against virtual-dom's `diff` of the same trees, prebuilt. Beside it, Lucent's whole",
    "update (`view → diffView → JSON.stringify`, the view built inside the timed region) against",
    "virtual-dom's diff, virtual-dom's view + diff, and rendering the whole page to HTML again",
    "(what HTML-morphing frameworks send): Lucent's own renderer (view + live tree +",
    "`renderChildren`) and a hand-written template literal, each page counted in UTF-8 bytes as",
    "sending it does (a string built with `+=` costs its full price only once flattened). Ratios",
    "are baseline ÷ Lucent per",
    "interleaved round, so above 1× Lucent is faster. Each run gets inputs built afresh (a new",
    "live tree and view, new virtual-dom trees), so no contender finds its trees in the CPU's",
    "cache from the run before, as no server with many sessions would. The warm column flips one",
    "live tree A → B → A with views built once, against virtual-dom diffing the same two trees",
    "both ways: everything in cache, as for one busy session.",
    `Times per update: median (p25–p75) over ${(lustre[0]?.compared.times.lucent.n ?? 0) as number} rounds.`,
    "",
    "### Lustre's benchmark shapes",
    "",
    "A table of N rows (position, `Row id`+id, a Delete button) diffed against the same table with",
    "ids shifted by N/2 (half the rows leave, half are new); keyed+shuffled shuffles both tables",
    "(seeded). Lustre's published JavaScript figures (diff only, no encoding, other hardware) are",
    "in the last column for reference only.",
    "",
    table(
      [...head, "Lustre JS (published)"],
      lustre.map((c) => row(c, true)),
    ),
    "",
    "### js-framework-benchmark operations",
    "",
    "The memo'd column is the same update with every row in a `memo` (keyed by the row object and",
    "its selection), and virtual-dom's diff ÷ that. The `html` column is the same update with every",
    "row an `html` template (no dependencies written by hand: the diff compares each row's values,",
    "messages by value, with the last render's and keeps alike rows unbuilt), and in brackets",
    "virtual-dom's diff ÷ it and Lucent's `h` update ÷ it, paired per round. The last column is a prototype, not Lucent: a",
    "static/dynamic split (`apps/bench/src/lib/split-diff.ts`), the page written as tagged",
    "templates whose static markup is parsed once, a render being the template's values, a diff",
    "comparing the previous values with the next and keeping binding references as Lucent does",
    "(view + diff + encode, cold like the others; a test applies its frames with the client's",
    "applier). In brackets virtual-dom's diff ÷ it, the template literal's re-render ÷ it, and",
    "Lucent's whole update ÷ it: what compiled templates could make of an update, at most (Lucent",
    "does work the prototype leaves out: previous messages, registry versions, fragments, memos).",
    "New rows of one template go as op 8, whose template is the static markup itself, each row",
    "sending only its values.",
    "",
    table(
      [
        ...head,
        ...(jfb[0]?.compared.times["lucent-memo"] ? ["Lucent, memo'd rows"] : []),
        ...(jfb[0]?.compared.times["lucent-html"]
          ? ["Lucent, `html` rows (vdom ÷; Lucent ÷)"]
          : []),
        ...(jfb[0]?.compared.times["split-update"]
          ? ["prototype split (vdom ÷; template ÷; Lucent ÷)"]
          : []),
      ],
      jfb.map((c) => row(c, false)),
    ),
    "",
    ...splitTable(cases),
    runNote(r),
  ].join("\n");
}

/**
 * Cases that create rows: virtual-dom's diff only points at the new vnodes (the DOM work comes
 * later, in its `patch`), while Lucent's must build them and write them into the frame.
 */
const CREATING = new Set([
  "create1k",
  "replace1k",
  "create10k",
  "append1k",
  "100 rows keyed",
  "100 rows keyed+shuffled",
  "1000 rows keyed",
  "1000 rows keyed+shuffled",
  "10000 rows keyed",
  "10000 rows keyed+shuffled",
  "10 rows keyed",
  "10 rows keyed+shuffled",
]);

// Cases in which every old node stays in the DOM (unkeyed rows are updated in place; one row of
// 1,000 removed): to tell that a node is unchanged, a diff reads both versions of it, so its
// floor is reading both trees. Elsewhere old nodes leave, and a diff need not read those (virtual-
// dom skips them by a count on each node): the floor is reading the view alone.
const ALL_STAY = new Set([
  "10 rows unkeyed",
  "100 rows unkeyed",
  "1000 rows unkeyed",
  "10000 rows unkeyed",
  "update10th",
  "select",
  "swap",
  "remove",
  "append1k",
]);

/** The least any diff+encode of a case's trees costs: its reads plus the encode, µs. */
function floorOf(c: Any): number | undefined {
  const t = c.compared.times;
  const read = t[ALL_STAY.has(c.name) ? "lucent-read" : "lucent-read-view"];
  return read && read.median + t["lucent-encode"].median;
}

/** Lucent's update split into view, diff and encode, and its diff alone against virtual-dom's. */
function splitTable(cases: Any[]): string[] {
  if (!cases[0]?.compared.times["lucent-diff"]) return [];
  const rows = cases.map((c) => {
    const t = c.compared.times;
    const whole = t["lucent-update"].median as number;
    const share = (k: string) => `${time(t[k].median)} (${sig((t[k].median / whole) * 100, 2)} %)`;
    return [
      c.name,
      time(whole),
      share("lucent-view"),
      share("lucent-diff"),
      share("lucent-encode"),
      t["lucent-read-view"]
        ? `${share("lucent-read")} / ${time(t["lucent-read-view"].median)}`
        : "–",
      x(t["vdom-diff"].median / t["lucent-diff"].median),
      x(t["vdom-diff"].median / t["lucent-view"].median),
      x(t["vdom-diff"].median / t["lucent-encode"].median),
      t["lucent-read-view"]
        ? `${ALL_STAY.has(c.name) ? "both" : "view"}: ${x(t["vdom-diff"].median / (floorOf(c) as number))}`
        : "–",
      t["lean-diff"] ? time(t["lean-diff"].median) : "–",
      t["lean-diff"] ? x(pairRatio(c.compared, "vdom-diff", "lean-diff").median) : "–",
      t["lean-diff"] ? x(pairRatio(c.compared, "lucent", "lean-diff").median) : "–",
    ];
  });
  return [
    "### Where Lucent's update time goes",
    "",
    "The same update timed in parts (medians; each part timed alone, so they need not add up to",
    "the whole): building the view (`h` calls), `diffView` on a prebuilt view, and",
    "`JSON.stringify` of the operations. Then the diff alone against virtual-dom's diff alone,",
    "and virtual-dom's diff against Lucent's view alone: where that is below 3×, building the",
    "view already takes more than a third of virtual-dom's diff, so a whole update cannot be 3×",
    "faster than it however fast the diff. The last column is the same for the encode alone:",
    "below 3×, serialising the frame (`JSON.stringify` of operations already built, in cache)",
    "takes more than a third of virtual-dom's diff, which only points at the new vnodes and",
    "leaves building them to its `patch`, so diff+encode cannot be 3× faster however fast the diff.",
    "The read column is what reading the trees costs, cold like the diff, comparing and writing",
    "nothing: every node of the live tree and of the view (tag, attribute values, event types,",
    "children, and the live tree's bound messages), then of the view alone. A diff must read both",
    "versions of every node that stays (to tell that it is unchanged) and all of the new view;",
    "nodes that leave it may skip. Bound messages count because a binding keeps its reference only",
    'while its message holds (invariant 5), so each row\'s `{ type: "select", id }` is compared',
    "with the view's (left out of the floor, which keeps it low); virtual-dom's rows share",
    "module-level handler functions, which it compares by identity. So",
    "the floor under any diff+encode of these trees is reading both trees where every old node",
    'stays ("both"), the view alone elsewhere ("view"), plus the encode. Where virtual-dom\'s diff',
    "takes less than 3× that floor, no diff of these trees could meet the budget. The walk is",
    "generic code, so the floor is an estimate, not a bound: where Lucent's diff+encode is faster",
    "than it (the budget table names those cases), it is shown to be high.",
    "",
    "The last three columns time a reference diff (`apps/bench/src/lib/lean-diff.ts`, cold like",
    "the others): the textbook design, previous view against next as virtual-dom's, with no live",
    "tree, no binding references, no flattening or row templates, comparing tags, attributes,",
    "event types, messages and texts, planning keyed moves, and serialising Lucent's frame (a test",
    "applies its patches with the client's applier). Lucent ÷ reference is what Lucent's design",
    "(the live tree, bindings, templates, in-order matching, runs of inserts and removals) costs",
    "or saves against it: below 1×, Lucent is faster. It bounds nothing: it is one straightforward",
    "implementation, which removes and inserts keyed rows one at a time.",
    "",
    table(
      [
        "case",
        "whole update",
        "view",
        "diff",
        "encode",
        "read both trees / the view",
        "vdom diff ÷ Lucent diff",
        "vdom diff ÷ Lucent view",
        "vdom diff ÷ Lucent encode",
        "vdom diff ÷ floor",
        "reference diff",
        "vdom diff ÷ reference",
        "Lucent diff+encode ÷ reference",
      ],
      rows,
    ),
    "",
  ];
}

function bytesSection(r: AreaResult, budgets: Budget[]): string {
  const lines = r.result.lines as Any[];
  const budgetOf: Record<string, number> = { counter: 30, list100: 60 };
  const rows = lines.map((l) => {
    const limit = budgetOf[l.name];
    return [
      l.title,
      bytes(l.lucent),
      bytes(l.html),
      x(l.html / l.lucent),
      bytes(l.liveview),
      x(l.liveview / l.lucent),
      `${l.lucentEvent} / ${l.liveviewEvent} B`,
      limit === undefined ? "–" : status(l.lucent <= limit, `${l.lucent} B > ${limit} B`),
    ];
  });
  for (const l of lines) {
    const limit = budgetOf[l.name];
    if (limit === undefined) continue;
    budgets.push({
      area: "Bytes",
      budget: `${l.title}: at most ${limit} B`,
      measured: `${l.lucent} B (LiveViewJS ${l.liveview} B, whole HTML ${bytes(l.html)})`,
      status: status(l.lucent <= limit, `${l.lucent - limit} B over`),
    });
  }
  const counter = lines.find((l) => l.name === "counter");
  const versions = Object.entries(r.result.peerVersions as Record<string, string>)
    .map(([n, v]) => `${n} ${v}`)
    .join(", ");
  return [
    "## Bytes on the wire per operation",
    "",
    "Server → client bytes for one operation: Lucent's frames through a real endpoint",
    "(`createEndpoint` + a connection that records frames, events sent as the browser sends them),",
    "the view's whole HTML after the operation (what HTML-over-the-wire frameworks send), and",
    `LiveViewJS's reply over a real WebSocket (${versions}). Exact byte counts (deterministic).`,
    counter ? `Lucent's counter frame: \`${counter.lucentFrame}\`.` : "",
    "",
    table(
      [
        "operation",
        "Lucent",
        "whole HTML",
        "HTML ÷ Lucent",
        "LiveViewJS",
        "LiveViewJS ÷ Lucent",
        "event frame (Lucent / LiveViewJS)",
        "budget",
      ],
      rows,
    ),
    "",
    runNote(r),
  ].join("\n");
}

/**
 * Where Lucent is over 1.2× vanillajs, whether 1.2× is beyond reach: the DOM Lucent must build
 * (its rows carry their handler references as `on:click` attributes, SPEC §5), built by hand,
 * already takes more than 1.2× vanillajs's time.
 */
function applyFloor(o: Any): string | undefined {
  const bound = o.ratios["bound-over-vanilla"]?.median as number | undefined;
  if (bound === undefined || bound <= 1.2) return undefined;
  return `the same DOM by hand takes ${sig(bound)}× vanillajs's time`;
}

function applyStatus(o: Any): string {
  const ratio = o.ratios.vanilla.median as number;
  const floor = applyFloor(o);
  if (ratio <= 1.2 || floor === undefined) return status(ratio <= 1.2, `${x(ratio)} > 1.2×`);
  return status(false, `${x(ratio)} > 1.2×; beyond reach: ${floor}`);
}

function applySection(r: AreaResult, budgets: Budget[]): string {
  const ops = r.result.operations as Any[];
  const rows = ops.map((o) => [
    o.title,
    spread(o.script.lucent, ms),
    ms(o.parse.median),
    spread(o.script.vanilla, ms),
    ratioSpread(o.ratios.vanilla),
    o.ratios["vanilla-unparsed"] ? x(o.ratios["vanilla-unparsed"].median) : "–",
    applyStatus(o),
    o.ratios.bound ? x(o.ratios.bound.median) : "–",
    o.ratios["bound-over-vanilla"] ? x(o.ratios["bound-over-vanilla"].median) : "–",
    spread(o.script.direct, ms),
    x(o.ratios.direct.median),
    x(o.ratios["vanilla-layout"].median),
  ]);
  const all = ops.map((o) => o.ratios.vanilla.median as number);
  const g = geomean(all);
  const met = all.filter((v) => v <= 1.2).length;
  const beyond = ops.filter((o) => o.ratios.vanilla.median > 1.2 && applyFloor(o) !== undefined);
  budgets.push({
    area: "Client apply",
    budget: "within 1.2× of hand-written DOM code",
    measured: `geomean ${x(g)} over ${all.length} operations (${met} within 1.2×)`,
    status: status(
      met === all.length,
      `${all.length - met} operations over 1.2×${beyond.length ? `; beyond reach in ${beyond.length} (${beyond.map((o) => `${o.title}: ${applyFloor(o)}`).join("; ")})` : ""}`,
    ),
  });
  return [
    "## Client apply time in Chromium",
    "",
    `Chromium ${r.result.chromium}, headless, cross-origin isolated (${r.result.crossOriginIsolated ? "5 µs" : "100 µs"} timers).`,
    "Each trial rebuilds the same starting DOM and replays js-framework-benchmark's warm-up for",
    "the operation (as its `benchmarksPuppeteer.ts` does: create and clear five times before",
    "creating, select rows 5 to 10 before selecting row 2, …), each implementation with its own",
    "code, untimed; then it",
    "times the operation with `performance.now()` in the page: Lucent's real applier",
    "(`applyPatch` + `createDomWriter`, on the frame the server produced, `JSON.parse` included)",
    "against hand-written code doing the same operation on the same DOM: vanillajs-style",
    "(js-framework-benchmark's template cloning and its remembered selected row; the",
    "budget's baseline), the same with the attributes Lucent's rows have besides (the `on:click`",
    "bindings of the two links, so that both DOMs are equal), and plain `createElement` code.",
    "Ratios are Lucent ÷ baseline per round (below 1× Lucent is faster); median (p25–p75) over",
    "interleaved rounds (45 for the operations of a few timer ticks). The last column adds the",
    "style and layout each operation causes (forced by reading `offsetHeight`).",
    "",
    table(
      [
        "operation",
        "Lucent (script)",
        "of which JSON.parse",
        "vanillajs-style",
        "Lucent ÷ vanilla",
        "the same without the parse",
        "budget ≤ 1.2×",
        "Lucent ÷ vanilla with the bindings",
        "vanilla with the bindings ÷ vanilla",
        "createElement code",
        "Lucent ÷ createElement",
        "Lucent ÷ vanilla, with layout",
      ],
      rows,
    ),
    ...firstInteractionTable(r.result.firstInteractions as Any[] | undefined, ops),
    "",
    runNote(r),
  ].join("\n");
}

/** The operations timed once per page load, beside their ratio after many trials. */
function firstInteractionTable(cold: Any[] | undefined, ops: Any[]): string[] {
  if (!cold?.length) return [];
  const warm = (name: string) => ops.find((o) => o.name === name)?.ratios.vanilla;
  return [
    "",
    "### The first interaction after a page load",
    "",
    "js-framework-benchmark loads the page again before every run, so each of its figures times",
    "code that has run only that run's own steps. Here too, for the small operations: each trial",
    "loads the page, creates the 1,000 rows from an empty table with each implementation's own",
    "code (Lucent: the server's create frame), replays the warm-up, and times the operation once;",
    "Lucent and vanillajs take turns. Reported beside the budget, not in it. Lucent's applier is",
    "warm by then (its warm-up selects fall from about 110 µs to 5 µs by the third); what the",
    "timed select pays comes from the forced collection or the layout read before it (either",
    "alone: 95–110 µs, neither: 5 µs; the same two class writes by hand through `childNodes`:",
    "125–165 µs), where vanillajs's remembered row spares it the walk",
    "(`pnpm --filter @lucent/bench profile:first-select`).",
    "",
    table(
      [
        "operation",
        "Lucent (script)",
        "of which JSON.parse",
        "vanillajs-style",
        "Lucent ÷ vanilla",
        "the same after many trials (above)",
      ],
      cold.map((c) => [
        c.title,
        spread(c.script.lucent, ms),
        c.parse ? ms(c.parse.median) : "–",
        spread(c.script.vanilla, ms),
        ratioSpread(c.ratio),
        warm(c.name) ? x(warm(c.name).median) : "–",
      ]),
    ),
  ];
}

/**
 * Why the round-trip budget is missed: beyond reach when bare `ws` alone, or bare `ws` doing the
 * least work any framework does, already takes more than half LiveViewJS's round trip.
 */
function roundTripMissed(rt: Any, raw: Any, work: Any): string {
  const missed = `${x(rt.p50Ratio.median)} > 0.5×`;
  const floor = raw?.floorP50Ratio?.median as number | undefined;
  if (floor !== undefined && floor > 0.5) {
    return `${missed}; beyond reach in this run: bare \`ws\` echoing takes ${x(floor)} of LiveViewJS's round trip`;
  }
  const worked = work?.p50Ratio?.median as number | undefined;
  if (worked !== undefined && worked > 0.5) {
    return `${missed}; beyond reach in this run: bare \`ws\` echoing after ${work.workUs} µs of work takes ${x(worked)} of LiveViewJS's round trip`;
  }
  return missed;
}

/**
 * The round-trip budget judged on one core, on Node and on Bun beside it. Where Node misses, says
 * how much a framework over bare `ws` could add and still meet it, against what Lucent adds.
 */
function oneCoreStatus(one: Any): string {
  const node = one.p50Ratio.lucent.median as number;
  const bun = one.p50Ratio["lucent-bun"].median as number;
  // Three digits: "0.50×" can be just over the budget.
  const x3 = (v: number) => `${v.toFixed(3)}×`;
  const onBun = bun <= 0.5 ? `; met on Bun (${x3(bun)})` : `; on Bun ${x3(bun)}, missed`;
  if (node <= 0.5) return `met on Node (${x3(node)})${onBun}`;
  const floor = one.p50Ratio.raw.median as number;
  const us = (ms: number) => `${sig(ms * 1000)} µs`;
  const room = one.p50.liveview.median / 2 - one.p50.raw.median;
  const reach =
    room <= 0
      ? `beyond reach on Node: bare \`ws\` echoing takes ${x(floor)} of LiveViewJS's round trip`
      : `bare \`ws\` echoing takes ${x(floor)} of LiveViewJS's round trip, which leaves any framework over it ${us(room)} per round trip, both ends; Lucent's round trip is ${us(one.p50.lucent.median - one.p50.raw.median)} longer, its bench client's work included (bare \`ws\` echoing after ${one.workUs} µs of busy work: ${x(one.p50Ratio.work.median)})`;
  return `**missed** on Node: ${x(node)} > 0.5×; ${reach}${onBun}`;
}

/**
 * Why the events/s budget is missed: beyond reach when 5× LiveViewJS is more than bare `ws`
 * answers, and more than this machine's clients can send at all (the fastest echo, Bun's).
 */
function eventsMissed(eps: Any, raw: Any, bun: Any): string {
  const target = 5 * eps.liveview.median;
  const floor = raw?.eventsPerSecond.median as number | undefined;
  if (floor === undefined || target <= floor) return `${x(eps.ratio.median)} < 5×`;
  // The most events/s any server got from these clients, the bare echoes included.
  const echoes: [string, number | undefined][] = [
    ["bare `ws` echoing", floor],
    ["`Bun.serve` echoing", bun?.raw.eventsPerSecond.median],
  ];
  const [fastestName, fastest] = echoes.reduce((a, b) => ((b[1] ?? 0) > (a[1] ?? 0) ? b : a));
  const clients =
    fastest !== undefined && fastest < target
      ? `; no server got that many here: the most, ${fastestName}, got ${sig(fastest)} events/s from the 50 clients, which share the 2 cores with it`
      : "";
  return `${x(eps.ratio.median)} < 5×; beyond reach here: 5× LiveViewJS is ${sig(target)} events/s, bare \`ws\` echoing with no framework handles ${sig(floor)} (Lucent reaches ${x(eps.lucent.median / floor)} of it)${clients}`;
}

function roundtripSection(r: AreaResult, budgets: Budget[]): string {
  const rt = r.result.roundTrip;
  const eps = r.result.eventsPerSecond;
  const raw = r.result.raw;
  const work = r.result.work;
  const reply = r.result.replyUs;
  const bun = r.result.bun;
  // The budget compares both on Node; Lucent on Bun is what a user can choose besides.
  const onBun = (ratio: Any, met: boolean) =>
    bun ? `; on Bun (\`@lucent/bun\`) ${x(ratio.median)}${met ? ", which meets it" : ""}` : "";
  const rtOnBun = bun ? onBun(bun.p50Ratio, bun.p50Ratio.median <= 0.5) : "";
  const one = r.result.oneCore;
  budgets.push({
    area: "Round trip",
    budget: "p50 at most half of LiveViewJS's",
    measured: one
      ? `on one core (the steady measure, see below): Lucent ÷ LiveViewJS p50 ${x(one.p50Ratio.lucent.median)} (${ms(one.p50.lucent.median)} vs ${ms(one.p50.liveview.median)}), bare \`ws\` echoing ${x(one.p50Ratio.raw.median)}, Lucent on Bun (\`@lucent/bun\`) ${x(one.p50Ratio["lucent-bun"].median)}; across both cores ${x(rt.p50Ratio.median)}${bun ? `, on Bun ${x(bun.p50Ratio.median)}` : ""}${reply ? `; inside the server ${x(reply.ratio.median)} (${time(reply.lucent.median)} vs ${time(reply.liveview.median)})` : ""}`
      : `Lucent ÷ LiveViewJS p50 ${x(rt.p50Ratio.median)} (${ms(rt.lucent.p50.median)} vs ${ms(rt.liveview.p50.median)})${reply ? `; inside the server ${x(reply.ratio.median)} (${time(reply.lucent.median)} vs ${time(reply.liveview.median)})` : ""}${bun ? `${rtOnBun} (${ms(bun.p50.median)})` : ""}`,
    status: one
      ? oneCoreStatus({ ...one, workUs: work?.workUs ?? 5 })
      : status(rt.p50Ratio.median <= 0.5, `on Node, ${roundTripMissed(rt, raw, work)}${rtOnBun}`),
  });
  const epsOnBun = bun ? onBun(bun.rateRatio, bun.rateRatio.median >= 5) : "";
  budgets.push({
    area: "Events/s",
    budget: "at least 5× LiveViewJS's (50 clients)",
    measured: `${x(eps.ratio.median)} (${sig(eps.lucent.median)} vs ${sig(eps.liveview.median)} events/s)${bun ? `${epsOnBun} (${sig(bun.eventsPerSecond.median)} events/s; Bun's bare echo ${sig(bun.raw.eventsPerSecond.median)})` : ""}`,
    status: status(eps.ratio.median >= 5, eventsMissed(eps, raw, bun)),
  });
  const inside = (key: string) => (reply ? minMax(reply[key], time) : "–");
  const rows = [
    [
      "Lucent",
      minMax(rt.lucent.p50, ms),
      minMax(rt.lucent.p99, ms),
      inside("lucent"),
      minMax(eps.lucent, (n) => sig(n)),
    ],
    [
      "LiveViewJS 0.8.1",
      minMax(rt.liveview.p50, ms),
      minMax(rt.liveview.p99, ms),
      inside("liveview"),
      minMax(eps.liveview, (n) => sig(n)),
    ],
  ];
  if (raw) {
    rows.push([
      "bare `ws` echo (floor)",
      minMax(raw.p50, ms),
      minMax(raw.p99, ms),
      inside("raw"),
      minMax(raw.eventsPerSecond, (n) => sig(n)),
    ]);
  }
  if (work) {
    rows.push([
      `bare \`ws\` echo after ${work.workUs} µs of work`,
      minMax(work.p50, ms),
      minMax(work.p99, ms),
      inside("work"),
      "–",
    ]);
  }
  if (bun) {
    rows.push(
      [
        "Lucent on Bun (`@lucent/bun`)",
        minMax(bun.p50, ms),
        minMax(bun.p99, ms),
        "–",
        minMax(bun.eventsPerSecond, (n) => sig(n)),
      ],
      [
        "`Bun.serve` echo (floor on Bun)",
        minMax(bun.raw.p50, ms),
        minMax(bun.raw.p99, ms),
        "–",
        minMax(bun.raw.eventsPerSecond, (n) => sig(n)),
      ],
    );
  }
  return [
    "## Event round trip and events per second",
    "",
    `One client per server clicks the counter ${r.result.clicks} times, each click waiting for its`,
    "reply (after a warm-up), the servers taking turns of 25 clicks so that bursts of load from",
    `neighbours on this shared machine hit all of them alike; then ${r.result.clients} clients click`,
    `as fast as their replies come back for ${sig(r.result.windowMs / 1000)} s, one server at a time in rotating`,
    "order. Servers run in their own processes on 127.0.0.1 and the clients in this one, on the",
    "same 2 cores. Per-round values: median (min–max) over rounds. Bare `ws` echoing every frame",
    "is the floor: no framework over `ws` can answer faster, or more often, than the socket under it.",
    "",
    "A loopback round trip is mostly wake-ups: a server that answers within a few microseconds",
    "catches its client before it sleeps, one that works longer pays for waking it (and itself).",
    `So a second floor echoes after ${work ? work.workUs : 5} µs of busy work, less than any framework's update`,
    "cycle, and every server times its own replies from the moment a socket's bytes are read to",
    "its next write on that socket (`src/servers/reply-timer.mjs`): what the framework itself takes.",
    "",
    "The budget compares both frameworks on Node. Beside them, the same counter served by Lucent",
    "on Bun (`@lucent/bun`, `Bun.serve`'s own WebSockets) and `Bun.serve` echoing, in the same",
    "turns and rounds, against LiveViewJS on Node (it has no Bun binding). The reply timer",
    "preloads into Node only, so the Bun servers have no inside figure. The clients are Node and",
    "`ws` for every server; with 50 of them, events/s is also bounded by what this one client",
    "process can send and read on the 2 cores it shares with the server.",
    "",
    table(
      [
        "server",
        "round trip p50",
        "round trip p99",
        "reply inside the server, p50",
        `events/s, ${r.result.clients} clients`,
      ],
      rows,
    ),
    "",
    table(
      ["ratio per round", "median (min–max)", "budget"],
      [
        [
          "round trip p50, Lucent ÷ LiveViewJS",
          minMax(rt.p50Ratio, x),
          one ? "judged on one core" : status(rt.p50Ratio.median <= 0.5, "needs ≤ 0.5×"),
        ],
        ["round trip p99, Lucent ÷ LiveViewJS", minMax(rt.p99Ratio, x), "–"],
        ...(reply
          ? [["reply inside the server, Lucent ÷ LiveViewJS", minMax(reply.ratio, x), "–"]]
          : []),
        [
          "events/s, Lucent ÷ LiveViewJS",
          minMax(eps.ratio, x),
          status(eps.ratio.median >= 5, "needs ≥ 5×"),
        ],
        ...(raw
          ? [
              ["round trip p50, Lucent ÷ bare ws", minMax(raw.p50Ratio, x), "–"],
              ...(raw.floorP50Ratio
                ? [["round trip p50, bare ws ÷ LiveViewJS", minMax(raw.floorP50Ratio, x), "–"]]
                : []),
              ["events/s, Lucent ÷ bare ws", minMax(raw.rateRatio, x), "–"],
            ]
          : []),
        ...(work
          ? [
              [
                `round trip p50, echo after ${work.workUs} µs ÷ LiveViewJS`,
                minMax(work.p50Ratio, x),
                "–",
              ],
            ]
          : []),
        ...(bun
          ? [
              [
                "round trip p50, Lucent on Bun ÷ LiveViewJS on Node",
                minMax(bun.p50Ratio, x),
                one ? "judged on one core" : status(bun.p50Ratio.median <= 0.5, "needs ≤ 0.5×"),
              ],
              ["round trip p99, Lucent on Bun ÷ LiveViewJS on Node", minMax(bun.p99Ratio, x), "–"],
              [
                "round trip p50, `Bun.serve` echo ÷ LiveViewJS on Node",
                minMax(bun.raw.p50Ratio, x),
                "–",
              ],
              [
                "events/s, Lucent on Bun ÷ LiveViewJS on Node",
                minMax(bun.rateRatio, x),
                status(bun.rateRatio.median >= 5, "needs ≥ 5×"),
              ],
            ]
          : []),
      ],
    ),
    ...(one ? ["", ...oneCoreTable(one)] : []),
    "",
    runNote(r),
  ].join("\n");
}

const ONE_CORE_ROWS: readonly [string, string][] = [
  ["lucent", "Lucent"],
  ["liveview", "LiveViewJS 0.8.1"],
  ["raw", "bare `ws` echo"],
  ["work", "bare `ws` echo after 5 µs of work"],
  ["lucent-bun", "Lucent on Bun"],
  ["raw-bun", "`Bun.serve` echo"],
];

/** The round trips timed again with every process on one core (`taskset`). */
function oneCoreTable(one: Any): string[] {
  return [
    "### Round trips on one core",
    "",
    "The round trips above cross between the 2 cores of this VM, and a reply that lands on an",
    "idle core waits for it to wake: in probes the same server answered in about 30 µs for some",
    "rounds and 120 µs for others, whichever server it was. So each round times the same clicks",
    "again, in the same turns, with this process and every server on the first core (`taskset`),",
    "where each hand-off is a context switch and the round trip is the work of both ends.",
    "",
    table(
      [
        "server",
        "round trip p50",
        "round trip p99",
        "p50 ÷ LiveViewJS's, per round",
        "budget ≤ 0.5×",
      ],
      ONE_CORE_ROWS.map(([key, name]) => [
        name,
        minMax(one.p50[key], ms),
        minMax(one.p99[key], ms),
        key === "liveview" ? "–" : minMax(one.p50Ratio[key], x),
        key === "lucent" || key === "lucent-bun"
          ? status(one.p50Ratio[key].median <= 0.5, "needs ≤ 0.5×")
          : "–",
      ]),
    ),
  ];
}

function memorySection(r: AreaResult, budgets: Budget[]): string {
  const fake = r.result.fake;
  const s = r.result.sockets;
  budgets.push({
    area: "Memory",
    budget: "at most 4 KiB of heap per idle counter session",
    measured: `${sig(fake.heapPerSession / KIB)} KiB (endpoint, fake connections); ${sig(s.lucent.heapPerConnection / KIB)} KiB with real sockets`,
    status: status(
      fake.heapPerSession <= 4 * KIB,
      `${x(fake.heapPerSession / (4 * KIB))} the budget`,
    ),
  });
  budgets.push({
    area: "Connections",
    budget: "50,000 idle connections within 1 GB",
    measured: `${s.lucent.within1GiB.toLocaleString("en-US")} (extrapolated from ${s.lucent.connections.toLocaleString("en-US")} sockets)`,
    status: status(
      s.lucent.within1GiB >= 50_000,
      `${x(50_000 / s.lucent.within1GiB)} too much RSS per connection`,
    ),
  });
  const row = (name: string, m: Any) => [
    name,
    m.connections.toLocaleString("en-US"),
    `${sig(m.heapPerConnection / KIB)} KiB`,
    `${sig(m.rssPerConnection / KIB)} KiB`,
    bytes(m.rssBefore),
    m.within1GiB.toLocaleString("en-US"),
    `${sig(m.seconds)} s`,
  ];
  return [
    "## Memory per idle session and connections per GB",
    "",
    `**Sessions through a real endpoint, fake connections** (this process, \`--expose-gc\`):`,
    `${fake.sessions.toLocaleString("en-US")} counter sessions joined as a browser joins (protocol v2, a random page name), heap after a`,
    `full GC: **${sig(fake.heapPerSession / KIB)} KiB per session** (budget 4 KiB).`,
    "",
    "**Real sockets over loopback**: idle joined connections held by a server process (heap and",
    "RSS after GC, before and after, divided by the count); connections within 1 GB =",
    "(1 GiB − RSS before) ÷ RSS per connection, an extrapolation (the clients use four loopback",
    "source addresses). Bare `ws` (no framework) is the floor, LiveViewJS the peer.",
    "",
    table(
      [
        "server",
        "connections",
        "heap / connection",
        "RSS / connection",
        "RSS before",
        "connections in 1 GB",
        "time to connect",
      ],
      [
        row("Lucent (Hono + ws)", s.lucent),
        row("bare ws", s.raw),
        row("LiveViewJS 0.8.1", s.liveview),
      ],
    ),
    "",
    `Lucent ÷ bare ws: heap ${x(s.lucent.heapPerConnection / s.raw.heapPerConnection)}, RSS ${x(s.lucent.rssPerConnection / s.raw.rssPerConnection)};`,
    `Lucent ÷ LiveViewJS: heap ${x(s.lucent.heapPerConnection / s.liveview.heapPerConnection)}, RSS ${x(s.lucent.rssPerConnection / s.liveview.rssPerConnection)}.`,
    "",
    ...breakdownTables(r.result),
    runNote(r),
  ].join("\n");
}

function breakdownTables(result: Any): string[] {
  const kinds = (list: { kind: string; bytes: number; objects: number }[]) =>
    table(
      ["kind of object (arrays: what holds them)", "bytes per session", "objects"],
      list
        .slice(0, 15)
        .map((k) => [
          `\`${k.kind}\``,
          Math.round(k.bytes).toLocaleString("en-US"),
          sig(k.objects, 2),
        ]),
    );
  const out: string[] = [];
  if (result.fake?.breakdown) {
    out.push(
      `What one session holds (heap snapshots before and after 2,000 sessions with fake connections; ${Math.round(result.fake.breakdown.total).toLocaleString("en-US")} B each):`,
      "",
      kinds(result.fake.breakdown.kinds),
      "",
    );
  }
  if (result.census) {
    out.push(
      `And with a real socket (the Lucent server's heap, ${result.census.sockets.toLocaleString("en-US")} sockets; ${Math.round(result.census.total).toLocaleString("en-US")} B each):`,
      "",
      kinds(result.census.kinds),
      "",
    );
  }
  return out;
}

function broadcastSection(r: AreaResult): string {
  const runs = r.result.runs as Any[];
  const rows = runs.map((b) => [
    b.clients.toLocaleString("en-US"),
    `${b.frameBytes} B`,
    minMax(b.lucent.p50, ms),
    minMax(b.lucent.p99, ms),
    minMax(b.raw.p50, ms),
    minMax(b.raw.p99, ms),
    minMax(b.p50Ratio, x),
    minMax(b.p99Ratio, x),
  ]);
  return [
    "## Broadcast latency",
    "",
    "One chat message posted to a shared runtime (`shared: true`) by one more client, timed from the",
    "post until each of N connected clients has received its patch frame; the clients live in one",
    "process and the server in another, on 127.0.0.1. The baseline is bare `ws` sending a frame of",
    "the same size to as many clients (no framework). p50 and p99 are over the clients of one",
    "message; median (min–max) over messages. No budget is set for broadcast.",
    "",
    table(
      [
        "clients",
        "frame",
        "Lucent p50",
        "Lucent p99",
        "bare ws p50",
        "bare ws p99",
        "p50 Lucent ÷ ws",
        "p99 Lucent ÷ ws",
      ],
      rows,
    ),
    "",
    runNote(r),
  ].join("\n");
}

function ssrSection(r: AreaResult): string {
  const c = r.result.compared;
  const b = r.result.bytes;
  const rows = [
    ["Lucent: view + live tree + HTML", spread(c.times.lucent, time), "1×", bytes(b.lucent)],
    [
      "Lucent: a new session's page (`endpoint.render`)",
      spread(c.times["lucent-session"], time),
      ratioSpread(c.ratios["lucent-session"]),
      "–",
    ],
    ["@kitajs/html", spread(c.times.kitajs, time), ratioSpread(c.ratios.kitajs), bytes(b.kitajs)],
    [
      "template literal",
      spread(c.times.template, time),
      ratioSpread(c.ratios.template),
      bytes(b.template),
    ],
  ];
  return [
    "## Server-side rendering",
    "",
    "A page holding the 1,000-row js-framework-benchmark table, rendered to a string and counted in",
    "UTF-8 bytes, as sending it does (a string built with `+=` costs its full price only once",
    "flattened). Ratios are",
    "contender ÷ Lucent per round (below 1× the contender is faster). Lucent's page is larger by the",
    "`on:click` handler references of its links.",
    "",
    table(["renderer", "time per page", "÷ Lucent", "page size"], rows),
    "",
    runNote(r),
  ].join("\n");
}

function sizeSection(r: AreaResult, budgets: Budget[]): string {
  const s = r.result;
  budgets.push({
    area: "Client size",
    budget: "at most 5 KB (5,000 B) min+gzip",
    measured: `core ${s.lucent.gzip.toLocaleString("en-US")} B${s.lucentExtras ? `, + ${s.lucentExtras.gzip.toLocaleString("en-US")} B extras when a page uses commands, hooks or form restore` : ""} (phoenix + phoenix_live_view ${s.phoenixPublished.sum.gzip.toLocaleString("en-US")} B)`,
    status: status(
      s.lucent.gzip <= 5000,
      `${(s.lucent.gzip - 5000).toLocaleString("en-US")} B over`,
    ),
  });
  const row = (name: string, z: Any) => [
    name,
    z.min.toLocaleString("en-US"),
    z.gzip.toLocaleString("en-US"),
    z.brotli.toLocaleString("en-US"),
    x(z.gzip / s.lucent.gzip),
  ];
  return [
    "## Client runtime size",
    "",
    "Bytes: minified, then gzip -9 and brotli 11. Lucent's files are the ones servers ship,",
    "`packages/client/dist/lucent-view.min.js` (the core) and `lucent-extras.min.js` (loaded only",
    `by pages that use commands, hooks or form restore). phoenix ${s.versions.phoenix} + phoenix_live_view ${s.versions.phoenix_live_view}:`,
    "their published minified files, and an esbuild bundle of both as an app ships them.",
    "",
    table(
      ["runtime", "min", "min+gzip", "min+brotli", "gzip ÷ Lucent"],
      [
        row("Lucent core", s.lucent),
        ...(s.lucentExtras ? [row("Lucent extras", s.lucentExtras)] : []),
        row("phoenix.min.js", s.phoenixPublished.phoenix),
        row("phoenix_live_view.min.js", s.phoenixPublished.phoenix_live_view),
        row("both (published files)", s.phoenixPublished.sum),
        row("both (esbuild bundle)", s.phoenixBundled),
      ],
    ),
    "",
    ...(s.lucentModules
      ? [
          "Where the client's minified bytes come from (an unmangled esbuild bundle of the client source, before compression; information only):",
          "",
          table(
            ["source file", "minified bytes", "share"],
            (s.lucentModules as { file: string; bytes: number }[])
              .filter((m) => m.bytes > 0)
              .map((m) => [
                `\`${m.file}\``,
                m.bytes.toLocaleString("en-US"),
                `${sig((m.bytes / (s.lucentModules as { bytes: number }[]).reduce((sum, n) => sum + n.bytes, 0)) * 100, 2)} %`,
              ]),
          ),
          "",
        ]
      : []),
    runNote(r),
  ].join("\n");
}

function profileSection(results: Results | undefined): string {
  if (!results) return "";
  const parts: string[] = [];
  for (const [area, r] of Object.entries(results.areas) as [AreaName, AreaResult][]) {
    if (!r.profile) continue;
    for (const [process, summary] of Object.entries(r.profile)) {
      // The load generators' own profiles say nothing about Lucent, and the diff area's is
      // dominated by preparing inputs (its update path is profiled on its own): of the areas'
      // processes, only SSR's is shown.
      if (summary.top.length === 0 || (process === "area" && area !== "ssr")) continue;
      parts.push(
        `### ${area}: ${process === "area" ? "the area's process" : process}`,
        "",
        table(
          ["self time", "share", "function", "where"],
          summary.top
            .slice(0, 12)
            .map((f) => [
              ms(f.selfMs),
              `${sig(f.percent, 2)} %`,
              `\`${f.name}\``,
              `\`${f.location}\``,
            ]),
        ),
        "",
      );
    }
  }
  if (parts.length === 0) return "";
  return [
    "## Where the time goes (CPU profiles of `--profile` runs)",
    "",
    `From \`apps/bench/results/profile.json\` (${results.date.slice(0, 16).replace("T", " ")} UTC): self time per`,
    "function from `node --cpu-prof` (the DevTools profiler in Chromium), as a share of the busy",
    "time of the process's main thread, garbage collection included. The diff profile is",
    "`src/profile/engine.ts`: one live tree flipped between two views (1,000-row tables and",
    "js-framework-benchmark states), updates only. The SSR area's process runs all four renderers;",
    "each server profile is that server alone; the Chromium profile keeps only what runs inside",
    "`applyPatch`.",
    "",
    ...parts,
  ].join("\n");
}

export function renderReport(results: Results, profiles?: Results): string {
  const m = results.machine;
  const budgets: Budget[] = [];
  const a = results.areas;
  const sections = [
    a.diff && diffSection(a.diff, budgets),
    a.bytes && bytesSection(a.bytes, budgets),
    a["client-apply"] && applySection(a["client-apply"], budgets),
    a.roundtrip && roundtripSection(a.roundtrip, budgets),
    a.memory && memorySection(a.memory, budgets),
    a.broadcast && broadcastSection(a.broadcast),
    a.ssr && ssrSection(a.ssr),
    a.size && sizeSection(a.size, budgets),
    profileSection(profiles),
  ].filter((s): s is string => typeof s === "string" && s !== "");
  const packages = Object.entries(m.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(", ");
  return `${[
    "# Lucent benchmarks",
    "",
    "Generated by `pnpm bench` (apps/bench) from `apps/bench/results/latest.json`; do not edit by",
    "hand. Every figure is a ratio against a baseline measured in the same run on the same machine,",
    "given as a median with its spread. The machine below is small and shared, so absolute times",
    "move from run to run; the ratios are what to compare. Rerun with `pnpm bench` (all areas,",
    "about 12 minutes), `pnpm bench diff bytes` (some areas; the others keep their last results),",
    "`pnpm bench --quick` (a smoke run) or `pnpm bench diff --profile` (with CPU profiles). How",
    "each area measures, and the choices behind it: `apps/bench/README.md`.",
    "",
    "## Machine and versions",
    "",
    `- ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; load average at start ${m.loadAverage.join(", ")}`,
    `- Node ${m.node}; ${m.chromium}`,
    `- Lucent at ${m.commit}, loaded from its built \`dist\` (tsdown), the bench itself run with tsx`,
    `- ${packages}`,
    `- Last run started ${results.date.slice(0, 16).replace("T", " ")} UTC; each section says when its area ran`,
    "",
    "## Budgets",
    "",
    table(
      ["area", "budget", "measured", "status"],
      budgets.map((b) => [b.area, b.budget, b.measured, b.status]),
    ),
    "",
    ...sections.flatMap((s) => [s, ""]),
  ]
    .join("\n")
    .trimEnd()}\n`;
}
