import { sameMessage } from "../../diff/handlers.ts";
import { isEventSpec } from "../events.ts";
import { eventType } from "../h.ts";
import { type MemoNode, NodeKind } from "../node.ts";
import type { HoleKind } from "./parse.ts";

/**
 * Which holes of a template compare by value. Event holes hold messages, compared by value as the
 * handler registry compares them (they are read when an event comes, not when rendering);
 * functions only by identity, since a closure may read anything. A hole holding a node made by
 * `html` compares by that node's values. Anything else by identity: a class list or record is
 * rendered by the order and inheritance of its keys, which comparing by value would miss.
 */
export function byValueHoles(holes: readonly HoleKind[]): readonly boolean[] {
  return holes.map(
    (hole) =>
      typeof hole === "object" && "attribute" in hole && eventType(hole.attribute) !== undefined,
  );
}

/** Whether two values of one hole render alike; `byValue` as {@link byValueHoles} says. */
export function alike(byValue: boolean, a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return byValue ? sameMessage(a, b) && isEventSpec(a) === isEventSpec(b) : sameTemplate(a, b);
}

/** Whether all of two calls' values render alike. Hot: every template of every render. */
export function comparator(
  byValue: readonly boolean[],
): (previous: readonly unknown[], next: readonly unknown[]) => boolean {
  return (previous, next) => {
    for (let i = 0; i < next.length; i++) {
      if (!alike(byValue[i] as boolean, previous[i], next[i])) return false;
    }
    return true;
  };
}

/** Whether two values are calls of the same template with values that render alike. */
function sameTemplate(a: object, b: object): boolean {
  const x = a as MemoNode<unknown>;
  const y = b as MemoNode<unknown>;
  return (
    x.kind === NodeKind.Memo &&
    y.kind === NodeKind.Memo &&
    x.template !== undefined &&
    x.template === y.template &&
    x.key === y.key &&
    x.template.same(x.deps, y.deps)
  );
}
