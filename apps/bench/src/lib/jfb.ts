// The js-framework-benchmark (krausest) app: a table of rows with an id and a label, the select
// and remove links of each row, and the buttons that run the benchmark's operations. One data
// model, rendered by every contender (Lucent, virtual-dom, string templates, @kitajs/html, the
// hand-written DOM code in the page, and LiveViewJS in src/peers/liveview-server.mjs).
import { app, h, html, memo, type Node } from "@lucent/server";
import { keyed, type Rendered, tpl } from "./split-diff.ts";

export interface Row {
  readonly id: number;
  readonly label: string;
}

export interface JfbModel {
  readonly rows: readonly Row[];
  readonly selected: number;
  readonly nextId: number;
}

const ADJECTIVES = [
  "pretty",
  "large",
  "big",
  "small",
  "tall",
  "short",
  "long",
  "handsome",
  "plain",
  "quaint",
  "clean",
  "elegant",
  "easy",
  "angry",
  "crazy",
  "helpful",
  "mushy",
  "odd",
  "unsightly",
  "adorable",
  "important",
  "inexpensive",
  "cheap",
  "expensive",
  "fancy",
];
const COLOURS = [
  "red",
  "yellow",
  "blue",
  "green",
  "pink",
  "brown",
  "purple",
  "brown",
  "white",
  "black",
  "orange",
];
const NOUNS = [
  "table",
  "chair",
  "house",
  "bbq",
  "desk",
  "car",
  "pony",
  "cookie",
  "sandwich",
  "burger",
  "pizza",
  "mouse",
  "keyboard",
];

/**
 * The label of row `id`. The benchmark draws labels at random; here they are a hash of the id, so
 * every contender (and the LiveViewJS peer, which has a copy of this function) shows the same text.
 */
export function label(id: number): string {
  let x = Math.imul(id ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  const a = ADJECTIVES[x % ADJECTIVES.length] as string;
  const c = COLOURS[(x >>> 8) % COLOURS.length] as string;
  const n = NOUNS[(x >>> 16) % NOUNS.length] as string;
  return `${a} ${c} ${n}`;
}

export const EMPTY: JfbModel = { rows: [], selected: 0, nextId: 1 };

export function buildRows(model: JfbModel, count: number): JfbModel {
  const rows: Row[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const id = model.nextId + i;
    rows[i] = { id, label: label(id) };
  }
  return { rows, selected: 0, nextId: model.nextId + count };
}

export type JfbMsg =
  | { type: "run" }
  | { type: "runlots" }
  | { type: "add" }
  | { type: "update" }
  | { type: "clear" }
  | { type: "swaprows" }
  | { type: "select"; id: number }
  | { type: "remove"; id: number };

export function update(model: JfbModel, msg: JfbMsg): JfbModel {
  switch (msg.type) {
    case "run":
      return buildRows(model, 1000);
    case "runlots":
      return buildRows(model, 10_000);
    case "add": {
      const more = buildRows(model, 1000);
      return { ...more, rows: [...model.rows, ...more.rows], selected: model.selected };
    }
    case "update":
      return {
        ...model,
        rows: model.rows.map((row, i) =>
          i % 10 === 0 ? { ...row, label: `${row.label} !!!` } : row,
        ),
      };
    case "clear":
      return { ...model, rows: [], selected: 0 };
    case "swaprows": {
      if (model.rows.length <= 998) return model;
      const rows = [...model.rows];
      const a = rows[1] as Row;
      rows[1] = rows[998] as Row;
      rows[998] = a;
      return { ...model, rows };
    }
    case "select":
      return { ...model, selected: msg.id };
    case "remove":
      return { ...model, rows: model.rows.filter((row) => row.id !== msg.id) };
  }
}

/** One benchmark operation: the state before it, and the message that performs it. */
export interface JfbOperation {
  readonly name: string;
  readonly title: string;
  /** Messages that lead from an empty table to the state before the operation. */
  readonly setup: readonly JfbMsg[];
  /** The operation; `select`/`remove` act on the second row. */
  readonly message: (before: JfbModel) => JfbMsg;
  /**
   * js-framework-benchmark's warm-up before the measured operation (the `init` of its
   * `webdriver-ts/src/benchmarksPuppeteer.ts`, krausest/js-framework-benchmark@665fc2c), applied
   * after `setup`. The client area replays it in the page before every trial; the server areas
   * leave it out, as their many runs warm them anyway.
   */
  readonly warmup: readonly ((model: JfbModel) => JfbMsg)[];
}

/** js-framework-benchmark's warm-up count (`config.WARMUP_COUNT`). */
const WARMUPS = 5;

function repeat(
  count: number,
  ...messages: ((model: JfbModel) => JfbMsg)[]
): ((model: JfbModel) => JfbMsg)[] {
  return Array.from({ length: count }, () => messages).flat();
}

const message =
  (msg: JfbMsg) =>
  (_model: JfbModel): JfbMsg =>
    msg;
const run = message({ type: "run" });
const clear = message({ type: "clear" });
/** The message of `type` aimed at the row at `index`. */
const atRow =
  (type: "select" | "remove", index: number) =>
  (model: JfbModel): JfbMsg => ({ type, id: (model.rows[index] as Row).id });

export const OPERATIONS: readonly JfbOperation[] = [
  {
    name: "create1k",
    title: "create 1,000 rows",
    setup: [],
    message: () => ({ type: "run" }),
    warmup: repeat(WARMUPS, run, clear),
  },
  {
    name: "replace1k",
    title: "replace all 1,000 rows",
    setup: [{ type: "run" }],
    message: () => ({ type: "run" }),
    // Five runs in all: the setup's is the first.
    warmup: repeat(WARMUPS - 1, run),
  },
  {
    name: "update10th",
    title: "update every 10th row",
    setup: [{ type: "run" }],
    message: () => ({ type: "update" }),
    warmup: repeat(3, message({ type: "update" })),
  },
  {
    name: "select",
    title: "select a row",
    setup: [{ type: "run" }],
    message: (m) => ({ type: "select", id: (m.rows[1] as Row).id }),
    // Rows 5 to 10 (1-based), as the benchmark clicks them.
    warmup: Array.from({ length: WARMUPS + 1 }, (_, i) => atRow("select", i + 4)),
  },
  {
    name: "swap",
    title: "swap two rows",
    setup: [{ type: "run" }],
    message: () => ({ type: "swaprows" }),
    // Six swaps: the measured one starts from the original order.
    warmup: repeat(WARMUPS + 1, message({ type: "swaprows" })),
  },
  {
    name: "remove",
    title: "remove a row",
    setup: [{ type: "run" }],
    message: (m) => ({ type: "remove", id: (m.rows[1] as Row).id }),
    // Rows 9 down to 5 (1-based), then row 6 again, as the benchmark removes them; it then removes
    // row 4, where this removes row 2, as the server areas do.
    warmup: [
      ...Array.from({ length: WARMUPS }, (_, i) => atRow("remove", WARMUPS + 3 - i)),
      atRow("remove", 5),
    ],
  },
  {
    name: "create10k",
    title: "create 10,000 rows",
    setup: [],
    message: () => ({ type: "runlots" }),
    // 1,000 rows, not 10,000, as the benchmark warms up.
    warmup: repeat(WARMUPS, run, clear),
  },
  {
    name: "append1k",
    title: "append 1,000 rows",
    setup: [{ type: "run" }],
    message: () => ({ type: "add" }),
    warmup: [],
  },
  {
    name: "clear",
    title: "clear 1,000 rows",
    setup: [{ type: "run" }],
    message: () => ({ type: "clear" }),
    warmup: repeat(WARMUPS, clear, run),
  },
];

/** The model before an operation and after it. */
export function states(op: JfbOperation): { before: JfbModel; after: JfbModel; msg: JfbMsg } {
  let before = EMPTY;
  for (const msg of op.setup) before = update(before, msg);
  const msg = op.message(before);
  return { before, after: update(before, msg), msg };
}

/** Each step of an operation's warm-up and then the operation, with the model after it. */
export interface WarmedStates {
  /** The model after `setup`, before the warm-up. */
  readonly start: JfbModel;
  /** The warm-up's messages, and last the measured one. */
  readonly steps: readonly { readonly msg: JfbMsg; readonly after: JfbModel }[];
}

export function warmedStates(op: JfbOperation): WarmedStates {
  const start = states(op).before;
  const steps: { msg: JfbMsg; after: JfbModel }[] = [];
  let model = start;
  for (const next of [...op.warmup, op.message]) {
    const msg = next(model);
    model = update(model, msg);
    steps.push({ msg, after: model });
  }
  return { start, steps };
}

/**
 * As {@link warmedStates}, from an empty table: the setup's messages are steps too, so that each
 * implementation creates the rows with its own code (js-framework-benchmark's `init` does).
 */
export function loadedStates(op: JfbOperation): WarmedStates {
  const steps: { msg: JfbMsg; after: JfbModel }[] = [];
  let model = EMPTY;
  for (const msg of op.setup) {
    model = update(model, msg);
    steps.push({ msg, after: model });
  }
  return { start: EMPTY, steps: [...steps, ...warmedStates(op).steps] };
}

const BUTTONS: readonly [string, string, JfbMsg][] = [
  ["run", "Create 1,000 rows", { type: "run" }],
  ["runlots", "Create 10,000 rows", { type: "runlots" }],
  ["add", "Append 1,000 rows", { type: "add" }],
  ["update", "Update every 10th row", { type: "update" }],
  ["clear", "Clear", { type: "clear" }],
  ["swaprows", "Swap Rows", { type: "swaprows" }],
];

/** The `h` of some build of `@lucent/server` (the A/B profile compares two builds' views). */
export type ViewBuilder = typeof h;

/** One row of the table, built with `build`. */
function createRow(build: ViewBuilder): (r: Row, selected: number) => Node<JfbMsg> {
  return (r, selected) =>
    build(
      "tr",
      { key: r.id, class: r.id === selected ? "danger" : undefined },
      build("td", { class: "col-md-1" }, String(r.id)),
      build(
        "td",
        { class: "col-md-4" },
        build("a", { onClick: { type: "select", id: r.id } }, r.label),
      ),
      build(
        "td",
        { class: "col-md-1" },
        build(
          "a",
          { onClick: { type: "remove", id: r.id } },
          build("span", { class: "glyphicon glyphicon-remove", "aria-hidden": "true" }),
        ),
      ),
      build("td", { class: "col-md-6" }),
    );
}

/** The page around the rows: the buttons, and the table whose body `rowOf` fills. */
function page(
  build: ViewBuilder,
  model: JfbModel,
  rowOf: (r: Row, selected: number) => Node<JfbMsg>,
): Node<JfbMsg> {
  return build(
    "div",
    { class: "container", id: "main" },
    build(
      "div",
      { class: "jumbotron" },
      build("h1", {}, "Lucent"),
      BUTTONS.map(([id, text, msg]) =>
        build("button", { type: "button", class: "btn btn-primary", id, onClick: msg }, text),
      ),
    ),
    build(
      "table",
      { class: "table table-hover table-striped test-data" },
      build(
        "tbody",
        { id: "tbody" },
        model.rows.map((r) => rowOf(r, model.selected)),
      ),
    ),
  );
}

/** The benchmark page as a Lucent view, built with `build` (keyed rows, a handler on every link). */
export function createJfbView(
  build: ViewBuilder,
  memoize?: typeof memo,
): (model: JfbModel) => Node<JfbMsg> {
  const buildRow = createRow(build);
  const rowOf = memoize
    ? (r: Row, selected: number) =>
        memoize([r, r.id === selected], () => buildRow(r, selected), { key: String(r.id) })
    : buildRow;
  return (model) => page(build, model, rowOf);
}

/** The benchmark page as a Lucent view (keyed rows, an event handler on every link). */
export const view: (model: JfbModel) => Node<JfbMsg> = createJfbView(h);

/**
 * The same page with every row in a `memo` keyed by the row and whether it is selected: what an
 * app does to skip unchanged rows (update keeps unchanged rows' objects).
 */
export const memoView: (model: JfbModel) => Node<JfbMsg> = createJfbView(h, memo);

/**
 * The same page with every row an `html` template (built with `build` and `template`, the A/B
 * profile passing each build's own): the diff keeps a row whose values are alike (messages by
 * value) without building or diffing it, and updates a changed row's changed parts in place.
 */
export function createTemplateView(
  build: ViewBuilder,
  template: typeof html,
): (model: JfbModel) => Node<JfbMsg> {
  const row = (r: Row, selected: number) => template<JfbMsg>`
    <tr key=${r.id} class=${r.id === selected ? "danger" : undefined}>
      <td class="col-md-1">${r.id}</td>
      <td class="col-md-4"><a onClick=${{ type: "select", id: r.id }}>${r.label}</a></td>
      <td class="col-md-1">
        <a onClick=${{ type: "remove", id: r.id }}><span class="glyphicon glyphicon-remove" aria-hidden="true"></span></a>
      </td>
      <td class="col-md-6"></td>
    </tr>`;
  return (model) => page(build, model, row);
}

/** The page with every row an `html` template. */
export const templateView: (model: JfbModel) => Node<JfbMsg> = createTemplateView(h, html);

export const jfbApp = app({ init: () => EMPTY, update, view });

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
}

/** The same page as a hand-written template literal: what a string-templating server renders. */
export function template(model: JfbModel): string {
  let rows = "";
  for (const r of model.rows) {
    rows += `<tr${r.id === model.selected ? ' class="danger"' : ""}><td class="col-md-1">${r.id}</td><td class="col-md-4"><a>${escapeHtml(r.label)}</a></td><td class="col-md-1"><a><span class="glyphicon glyphicon-remove" aria-hidden="true"></span></a></td><td class="col-md-6"></td></tr>`;
  }
  let buttons = "";
  for (const [id, text] of BUTTONS) {
    buttons += `<button type="button" class="btn btn-primary" id="${id}">${text}</button>`;
  }
  return `<div class="container" id="main"><div class="jumbotron"><h1>Lucent</h1>${buttons}</div><table class="table table-hover table-striped test-data"><tbody id="tbody">${rows}</tbody></table></div>`;
}

export { BUTTONS };

const SELECT = "select";
const REMOVE = "remove";
const [RUN, RUNLOTS, ADD, UPDATE, CLEAR, SWAP] = BUTTONS.map(([, , msg]) => msg);

/** One row as a template of the static/dynamic split prototype (split-diff.ts). */
function splitRow(r: Row, selected: number): Rendered {
  return keyed(
    String(r.id),
    tpl`<tr class=${r.id === selected ? "danger" : undefined}><td class="col-md-1">${r.id}</td><td class="col-md-4"><a on:click=${{ type: SELECT, id: r.id }}>${r.label}</a></td><td class="col-md-1"><a on:click=${{ type: REMOVE, id: r.id }}><span class="glyphicon glyphicon-remove" aria-hidden="true"></span></a></td><td class="col-md-6"></td></tr>`,
  );
}

/**
 * The benchmark page as templates of the static/dynamic split prototype: the same DOM as
 * {@link view}, bindings aside (the prototype writes every reference as "0").
 */
export function splitView(model: JfbModel): Rendered {
  const selected = model.selected;
  const rows = model.rows.map((r) => splitRow(r, selected));
  return tpl`<div class="container" id="main"><div class="jumbotron"><h1>Lucent</h1><button type="button" class="btn btn-primary" id="run" on:click=${RUN}>Create 1,000 rows</button><button type="button" class="btn btn-primary" id="runlots" on:click=${RUNLOTS}>Create 10,000 rows</button><button type="button" class="btn btn-primary" id="add" on:click=${ADD}>Append 1,000 rows</button><button type="button" class="btn btn-primary" id="update" on:click=${UPDATE}>Update every 10th row</button><button type="button" class="btn btn-primary" id="clear" on:click=${CLEAR}>Clear</button><button type="button" class="btn btn-primary" id="swaprows" on:click=${SWAP}>Swap Rows</button></div><table class="table table-hover table-striped test-data"><tbody id="tbody">${rows}</tbody></table></div>`;
}
