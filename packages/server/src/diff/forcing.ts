import type { LiveElement, LiveNode } from "./live.ts";

/** Form controls, whose `value`, `checked` and `selected` a touched element's diff re-sends. */
export const CONTROLS: ReadonlySet<string> = new Set(["input", "select", "textarea", "option"]);

/**
 * The live nodes that are, or enclose, a touched element holding a form control: a memo whose
 * nodes include one is diffed rather than reused, so that the diff reaches those controls and
 * re-sends their values. Null when no touched element holds a control (a click on a link), which
 * is most renders: then nothing is walked.
 */
export function holdersOfControls(
  root: LiveElement,
  touched: ReadonlySet<object>,
): ReadonlySet<LiveNode> | null {
  let any = false;
  for (const element of touched) if (holdsControl(element as LiveElement)) any = true;
  if (!any) return null;
  const holders = new Set<LiveNode>();
  const enclosing: LiveElement[] = [];
  const visit = (element: LiveElement): void => {
    if (touched.has(element) && holdsControl(element)) {
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
