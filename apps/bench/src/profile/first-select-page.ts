// Runs in Chromium (bundled by first-select.ts): builds the empty table, applies every step's
// frame with Lucent's applier, and before the last one optionally forces a collection and a
// layout read, as the client-apply area does. Returns each step's parse and apply times, µs.
import { applyPatch, buildNode, createDomWriter, HTML_NAMESPACE } from "@lucent/client";
import type { Patch, WireNode } from "@lucent/protocol";

export interface FirstSelectOptions {
  readonly collect: boolean;
  readonly layout: boolean;
  /** The last step as two DOM writes by hand (select row 2, unselect row 10) instead. */
  readonly byHand: boolean;
}

const writer = createDomWriter(document);
const root = document.getElementById("root") as HTMLElement;
const gc = (globalThis as { gc?: () => void }).gc;

function run(tree: string, frames: readonly string[], options: FirstSelectOptions): number[][] {
  root.textContent = "";
  for (const node of JSON.parse(tree) as WireNode[]) {
    root.appendChild(buildNode(node, HTML_NAMESPACE, writer));
  }
  const times: number[][] = [];
  frames.forEach((frame, i) => {
    const last = i === frames.length - 1;
    if (last && options.collect) gc?.();
    if (last && options.layout) void root.offsetHeight;
    if (last) JSON.parse("[0]");
    const t0 = performance.now();
    const ops = JSON.parse(frame) as Patch;
    const t1 = performance.now();
    if (last && options.byHand) {
      const rows = (document.getElementById("tbody") as HTMLElement).childNodes;
      (rows[1] as Element).setAttribute("class", "danger");
      (rows[9] as Element).removeAttribute("class");
    } else applyPatch(root, ops, writer);
    times.push([Math.round((t1 - t0) * 1000), Math.round((performance.now() - t1) * 1000)]);
  });
  return times;
}

(globalThis as unknown as { firstSelect: typeof run }).firstSelect = run;
