import type { DirtyElement, MemoTemplate } from "../node.ts";
import type { ElementBuilder } from "./build.ts";
import { alike } from "./compare.ts";
import type { HoleKind, StaticChild, StaticElement } from "./parse.ts";

/** The attribute that gives an element's children to the page (see `h`). */
const IGNORE = "lucent-ignore";

/** An element of the template, where the DOM has it, and the two ways it can be dirty. */
interface Site {
  readonly parent: Site | null;
  /** Children indices from the root element, or null when a value before it may move it. */
  readonly path: readonly number[] | null;
  readonly attributes: DirtyElement;
  readonly children: DirtyElement;
}

/** Where a hole is: on (or in) which element, and whether among its children. */
interface Owner {
  readonly site: Site;
  readonly child: boolean;
}

/**
 * How a template of one root element updates in place: each value that differs marks the element
 * it belongs to (its attributes, or its children), and the diff updates only those elements.
 * An element's place is known when nothing before it, at any level, is a value (which may render
 * any number of nodes); a change on an element whose place is not known marks the children of the
 * nearest element whose place is.
 */
export function templateUpdate(
  root: StaticElement,
  holes: readonly HoleKind[],
  builders: ReadonlyMap<StaticElement, ElementBuilder>,
  byValue: readonly boolean[],
): MemoTemplate["dirty"] {
  const owners: (Owner | null)[] = holes.map(() => null);
  const visit = (element: StaticElement, parent: Site | null, path: number[] | null): void => {
    const build = builders.get(element) as ElementBuilder;
    const dirty = (children: boolean): DirtyElement => ({ path: path ?? [], children, build });
    const site: Site = {
      parent,
      path,
      attributes: dirty(false),
      children: dirty(true),
    };
    // An element whose place is unknown has its changes made by diffing the children of the
    // nearest element whose place is known (the root's always is).
    const placed = path === null ? (nearestPlaced(parent) as Site) : site;
    const ignores = element.attributes.some((attribute) => attribute.name === IGNORE);
    for (const { name, value } of element.attributes) {
      // A key decides the element's identity among its siblings: its parent's children are
      // diffed. Turning `lucent-ignore` off brings the children up to date.
      const owner =
        name === "key" && parent !== null
          ? { site: nearestPlaced(parent) as Site, child: true }
          : { site: placed, child: placed !== site || name === IGNORE };
      for (const part of value ?? []) if (typeof part === "number") owners[part] = owner;
    }
    let index = 0;
    // The page owns what is inside `lucent-ignore`: nothing in it has a place to patch, so a
    // change there diffs this element's children, which the ignore then leaves alone.
    let reachable = path !== null && !ignores;
    let afterText = false;
    for (const child of element.children) {
      if (typeof child === "number") {
        owners[child] = { site: placed, child: true };
        reachable = false;
      } else if (typeof child === "string") {
        // Text next to text is one DOM node (comments between them vanish).
        if (!afterText) index++;
        afterText = true;
      } else {
        visit(child, site, reachable && path !== null ? [...path, index] : null);
        index++;
        afterText = false;
      }
    }
  };
  visit(root, null, []);

  return (previous, next) => {
    const marked: Site[] = [];
    const children: boolean[] = [];
    for (let i = 0; i < next.length; i++) {
      if (alike(byValue[i] as boolean, previous[i], next[i])) continue;
      const owner = owners[i] as Owner;
      const at = marked.indexOf(owner.site);
      if (at < 0) {
        marked.push(owner.site);
        children.push(owner.child);
      } else if (owner.child) children[at] = true;
    }
    const out: DirtyElement[] = [];
    for (let k = 0; k < marked.length; k++) {
      const site = marked[k] as Site;
      // An element whose children are diffed brings its whole subtree up to date.
      if (hasAncestor(site, marked, children)) continue;
      out.push(children[k] ? site.children : site.attributes);
    }
    return out;
  };
}

function nearestPlaced(site: Site | null): Site | null {
  let up = site;
  while (up !== null && up.path === null) up = up.parent;
  return up;
}

function hasAncestor(site: Site, marked: readonly Site[], children: readonly boolean[]): boolean {
  for (let up = site.parent; up !== null; up = up.parent) {
    const at = marked.indexOf(up);
    if (at >= 0 && children[at]) return true;
  }
  return false;
}

/** The root element of a template that has exactly one, else null. */
export function singleRoot(roots: readonly StaticChild[]): StaticElement | null {
  const [root] = roots;
  return roots.length === 1 && typeof root === "object" ? root : null;
}
