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
 * touched element holds a control (a click on a link), which is most renders: then nothing is
 * walked. Otherwise the whole live tree is, for want of links to parents.
 */
export function holdersOfControls(
  root: LiveElement,
  touched: ReadonlySet<object>,
): ReadonlySet<LiveNode> | null {
  const forced = new Set<object>();
  for (const element of touched) if (holdsControl(element as LiveElement)) forced.add(element);
  if (forced.size === 0) return null;
  const holders = new Set<LiveNode>();
  const enclosing: LiveElement[] = [];
  const visit = (element: LiveElement): void => {
    if (forced.has(element)) {
      for (const up of enclosing) holders.add(up);
      holders.add(element);
    }
    enclosing.push(element);
    for (const child of element.children) if (child.kind === 0) visit(child);
    enclosing.pop();
  };
  visit(root);
  return holders;
}

function holdsControl(element: LiveElement): boolean {
  if (CONTROLS.has(element.tag)) return true;
  for (const child of element.children) if (child.kind === 0 && holdsControl(child)) return true;
  return false;
}
