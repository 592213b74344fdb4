import type { LiveElement, LiveNode } from "./live.ts";

/**
 * The memos a diff may not reuse as they stand, so that it reaches the controls inside them: those
 * whose nodes include one of a set, or all of them (`true`, under a touched element), or none.
 */
export type Unreusable = ReadonlySet<LiveNode> | true | null;

/** Form controls, whose `value`, `checked` and `selected` a touched element's diff re-sends. */
export const CONTROLS: ReadonlySet<string> = new Set(["input", "select", "textarea", "option"]);

/**
 * The live nodes that are, or enclose, a touched element holding a form control: a memo whose
 * nodes include one is diffed rather than reused, so that the diff reaches those controls and
 * re-sends their values (below the touched element, no memo is reused at all). Null when no
 * touched element holds a control (a click on a link), which is most renders. Found by walking up
 * from each touched element: as many steps as the tree is deep.
 */
export function holdersOfControls(touched: ReadonlySet<object>): ReadonlySet<LiveNode> | null {
  let holders: Set<LiveNode> | null = null;
  for (const element of touched as ReadonlySet<LiveElement>) {
    if (!holdsControl(element) || !attached(element)) continue;
    holders ??= new Set();
    for (let up: LiveElement | null = element; up !== null; up = up.parent) holders.add(up);
  }
  return holders;
}

/**
 * Whether an element is still in its tree. One that an earlier render removed (the owner of an
 * event replayed after its row left) keeps its links to ancestors that are still there: walking
 * up from it would have every memo around its old place rendered for nothing. Each step scans one
 * list of siblings, so this costs what the walk up costs, times the width of the lists on the way.
 */
function attached(element: LiveElement): boolean {
  for (let up = element; up.parent !== null; up = up.parent) {
    if (!up.parent.children.includes(up)) return false;
  }
  return true;
}

function holdsControl(element: LiveElement): boolean {
  if (CONTROLS.has(element.tag)) return true;
  for (const child of element.children) if (child.kind === 0 && holdsControl(child)) return true;
  return false;
}
