// Runs in Chromium (bundled by src/areas/client-apply.ts). Each trial rebuilds the same starting
// DOM and replays js-framework-benchmark's warm-up for the operation, untimed, then times the
// operation: Lucent's real applier on the server's frame (parse included), or hand-written DOM
// code doing the same operation on the same DOM. Each implementation warms up with its own code.
import { applyPatch, buildNode, createDomWriter, HTML_NAMESPACE } from "@lucent/client";
import type { Patch, WireNode } from "@lucent/protocol";

/** One operation for the hand-written code: what js-framework-benchmark's vanillajs does for it. */
export interface HandStep {
  readonly type: "run" | "runlots" | "add" | "update" | "clear" | "swaprows" | "select" | "remove";
  /** The row acted on (select, remove). */
  readonly index?: number;
  /** `[id, label]` of the rows created (run, runlots, add) or of every row after (update). */
  readonly rows?: readonly (readonly [number, string])[];
}

/** One step of a trial: the server's frame for it, and the same step for hand-written code. */
export interface TrialStep {
  readonly ops: string;
  readonly hand: HandStep;
}

export interface OpData {
  /** The mount tree of the state before the warm-up (the root's children). */
  readonly tree: string;
  /** The warm-up steps, untimed, and last the measured operation. */
  readonly steps: readonly TrialStep[];
  /** `[id, label]` of every row after the operation. */
  readonly rows: readonly (readonly [number, string])[];
  /** The id of the row selected after the operation, 0 for none. */
  readonly selected: number;
  readonly expectedHtml: string;
}

export type Impl = "lucent" | "vanilla" | "bound" | "direct";

export interface TrialTime {
  /** Script time of the operation, ms. */
  readonly script: number;
  /** Script plus the style and layout it causes (forced by reading offsetHeight), ms. */
  readonly layout: number;
  /** Of `script`, the part spent in JSON.parse of the frame (Lucent only), ms. */
  readonly parse: number;
}

const writer = createDomWriter(document);
const root = document.getElementById("root") as HTMLElement;
const data = new Map<string, OpData>();
const gc = (globalThis as { gc?: () => void }).gc;

// vanillajs (js-framework-benchmark) builds rows by cloning a template and setting text nodes.
const template = document.createElement("template");
template.innerHTML =
  '<tr><td class="col-md-1"> </td><td class="col-md-4"><a> </a></td><td class="col-md-1"><a><span class="glyphicon glyphicon-remove" aria-hidden="true"></span></a></td><td class="col-md-6"></td></tr>';
const rowTemplate = template.content.firstChild as HTMLTableRowElement;

function cloneRow(id: number, label: string): Node {
  const tr = rowTemplate.cloneNode(true) as HTMLTableRowElement;
  (tr.firstChild?.firstChild as Text).nodeValue = String(id);
  (tr.childNodes[1]?.firstChild?.firstChild as Text).nodeValue = label;
  return tr;
}

// The vanillajs row with the attributes Lucent's rows carry besides: the `on:click` bindings of
// its two links (what lets the server tell the clicks apart). Same DOM as Lucent's, by other means.
function cloneBoundRow(id: number, label: string): Node {
  const tr = cloneRow(id, label);
  const cells = tr.childNodes;
  ((cells[1] as ChildNode).firstChild as Element).setAttribute("on:click", (id * 2).toString(36));
  ((cells[2] as ChildNode).firstChild as Element).setAttribute(
    "on:click",
    (id * 2 + 1).toString(36),
  );
  return tr;
}

// The same row with one DOM call per node and attribute, as any generic applier must build it.
function createRow(id: number, label: string): Node {
  const tr = document.createElement("tr");
  const td1 = document.createElement("td");
  td1.setAttribute("class", "col-md-1");
  td1.appendChild(document.createTextNode(String(id)));
  const td2 = document.createElement("td");
  td2.setAttribute("class", "col-md-4");
  const a1 = document.createElement("a");
  a1.appendChild(document.createTextNode(label));
  td2.appendChild(a1);
  const td3 = document.createElement("td");
  td3.setAttribute("class", "col-md-1");
  const a2 = document.createElement("a");
  const span = document.createElement("span");
  span.setAttribute("class", "glyphicon glyphicon-remove");
  span.setAttribute("aria-hidden", "true");
  a2.appendChild(span);
  td3.appendChild(a2);
  const td4 = document.createElement("td");
  td4.setAttribute("class", "col-md-6");
  tr.appendChild(td1);
  tr.appendChild(td2);
  tr.appendChild(td3);
  tr.appendChild(td4);
  return tr;
}

// The row vanillajs keeps selected, to unselect it on the next select.
let selectedRow: HTMLElement | null = null;

function handWritten(step: HandStep, makeRow: (id: number, label: string) => Node): void {
  const tbody = document.getElementById("tbody") as HTMLElement;
  const rows = step.rows ?? [];
  switch (step.type) {
    case "run":
    case "runlots":
      tbody.textContent = "";
      selectedRow = null;
      for (const [id, label] of rows) tbody.appendChild(makeRow(id, label));
      return;
    case "add":
      for (const [id, label] of rows) tbody.appendChild(makeRow(id, label));
      return;
    case "update": {
      const trs = tbody.childNodes;
      for (let i = 0; i < trs.length; i += 10) {
        (trs[i]?.childNodes[1]?.firstChild?.firstChild as Text).nodeValue = (
          rows[i] as readonly [number, string]
        )[1];
      }
      return;
    }
    case "select": {
      if (selectedRow) selectedRow.className = "";
      selectedRow = tbody.childNodes[step.index as number] as HTMLElement;
      selectedRow.className = "danger";
      return;
    }
    case "swaprows": {
      const a = tbody.childNodes[1] as Node;
      const b = tbody.childNodes[998] as Node;
      const afterB = b.nextSibling;
      tbody.insertBefore(b, a);
      tbody.insertBefore(a, afterB);
      return;
    }
    case "remove":
      (tbody.childNodes[step.index as number] as ChildNode).remove();
      return;
    case "clear":
      tbody.textContent = "";
      selectedRow = null;
      return;
  }
}

/** Runs one step the way `impl` does it. */
function perform(impl: Impl, step: TrialStep): void {
  if (impl === "lucent") applyPatch(root, JSON.parse(step.ops) as Patch, writer);
  else handWritten(step.hand, ROW_MAKERS[impl]);
}

const ROW_MAKERS = { vanilla: cloneRow, bound: cloneBoundRow, direct: createRow } as const;

function buildBefore(op: OpData): void {
  root.textContent = "";
  selectedRow = null;
  for (const node of JSON.parse(op.tree) as WireNode[]) {
    root.appendChild(buildNode(node, HTML_NAMESPACE, writer));
  }
}

function checkRows(name: string, impl: Impl, op: OpData): void {
  const tbody = document.getElementById("tbody") as HTMLElement;
  const rows = tbody.childNodes;
  const ok =
    rows.length === op.rows.length &&
    op.rows.every(([id, label], i) => {
      const tr = rows[i] as HTMLElement;
      return (
        tr.firstChild?.textContent === String(id) &&
        tr.childNodes[1]?.textContent === label &&
        (tr.className === "danger") === (id === op.selected)
      );
    });
  if (!ok) throw new Error(`${impl} did not produce the rows expected after ${name}`);
}

const bench = {
  load(name: string, op: OpData): void {
    data.set(name, op);
  },
  trial(name: string, impl: Impl, verify: boolean): TrialTime {
    const op = data.get(name) as OpData;
    buildBefore(op);
    const measured = op.steps[op.steps.length - 1] as TrialStep;
    for (let i = 0; i < op.steps.length - 1; i++) perform(impl, op.steps[i] as TrialStep);
    gc?.();
    void root.offsetHeight;
    // A page never gets a frame straight after a full collection: the first allocation after one
    // costs V8 10–20 µs more (measured: JSON.parse of a 30-byte frame after a 1,000-row table's
    // layout, 30 µs; 15 µs after this line). Every implementation gets the same untimed
    // allocation, so none is charged for the forced collection. After the layout read, since the
    // layout puts the cost back.
    JSON.parse("[0]");
    const t0 = performance.now();
    let parsed = t0;
    if (impl === "lucent") {
      const ops = JSON.parse(measured.ops) as Patch;
      parsed = performance.now();
      applyPatch(root, ops, writer);
    } else handWritten(measured.hand, ROW_MAKERS[impl]);
    const t1 = performance.now();
    void root.offsetHeight;
    const t2 = performance.now();
    if (verify) {
      checkRows(name, impl, op);
      // Handler references differ (a fresh render numbers them from 0): compare without them.
      const strip = (html: string) => html.replace(/ on:[a-z]+="[^"]*"/g, "");
      if (impl === "lucent" && strip(root.innerHTML) !== strip(op.expectedHtml)) {
        throw new Error(`Lucent's DOM after ${name} differs from the server's HTML`);
      }
    }
    return { script: t1 - t0, layout: t2 - t0, parse: parsed - t0 };
  },
};

(globalThis as unknown as { bench: typeof bench }).bench = bench;
