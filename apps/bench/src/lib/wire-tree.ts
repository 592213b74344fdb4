// A client-side copy of the DOM built from wire nodes, patched with the same operations the
// browser applies (SPEC §5–6). The bench's protocol clients use it to find the handler references
// of elements that patches created, as a browser would find the element the user clicked.
import {
  fillTemplate,
  Op,
  type Patch,
  type WireNode,
  type WireRows,
  type WireTemplate,
} from "@lucent/protocol";

export interface MirrorElement {
  readonly tag: string;
  attrs: Record<string, string>;
  children: MirrorNode[];
}
export type MirrorNode = MirrorElement | string;

export function fromWire(node: WireNode): MirrorNode {
  if (typeof node === "string") return node;
  const [tag, attrs, ...rest] = node as unknown as [
    string,
    Record<string, string> | 0,
    ...WireNode[],
  ];
  const children: MirrorNode[] = [];
  for (const child of rest) {
    if (typeof child === "object" && child !== null && !Array.isArray(child)) continue; // raw HTML
    children.push(fromWire(child));
  }
  return { tag, attrs: attrs ? { ...attrs } : {}, children };
}

export function mirrorRoot(tree: readonly WireNode[]): MirrorElement {
  return { tag: "lucent-view", attrs: {}, children: tree.map(fromWire) };
}

export function applyToMirror(root: MirrorElement, ops: Patch): void {
  let node: MirrorNode = root;
  let parentOfText: MirrorElement | null = null;
  let textIndex = -1;
  let i = 0;
  while (i < ops.length) {
    const token = ops[i++];
    if (Array.isArray(token)) {
      node = root;
      for (const step of token as number[]) {
        parentOfText = node as MirrorElement;
        textIndex = step;
        node = (node as MirrorElement).children[step] as MirrorNode;
      }
      continue;
    }
    const a = ops[i] as unknown;
    const b = ops[i + 1] as unknown;
    switch (token) {
      case Op.Text:
        (parentOfText as MirrorElement).children[textIndex] = a as string;
        node = a as string;
        i += 1;
        break;
      case Op.SetAttribute:
        (node as MirrorElement).attrs[a as string] = b as string;
        i += 2;
        break;
      case Op.RemoveAttribute:
        delete (node as MirrorElement).attrs[a as string];
        i += 1;
        break;
      case Op.Insert:
        (node as MirrorElement).children.splice(a as number, 0, ...(b as WireNode[]).map(fromWire));
        i += 2;
        break;
      case Op.Remove:
        (node as MirrorElement).children.splice(a as number, b as number);
        i += 2;
        break;
      case Op.Move: {
        const children = (node as MirrorElement).children;
        const [moved] = children.splice(a as number, 1);
        children.splice(b as number, 0, moved as MirrorNode);
        i += 2;
        break;
      }
      case Op.Replace:
        (node as MirrorElement).children[a as number] = fromWire(b as WireNode);
        i += 2;
        break;
      case Op.InsertTemplate: {
        const rows = ops[i + 2] as WireRows;
        const built = rows.map((row) => fromWire(fillTemplate(b as WireTemplate, row)));
        (node as MirrorElement).children.splice(a as number, 0, ...built);
        i += 3;
        break;
      }
      default:
        (node as MirrorElement).children = [];
        i += 1;
    }
  }
}

/** The first element (depth first) that `match` accepts. */
export function findElement(
  node: MirrorNode,
  match: (element: MirrorElement) => boolean,
): MirrorElement | undefined {
  if (typeof node === "string") return undefined;
  if (match(node)) return node;
  for (const child of node.children) {
    const found = findElement(child, match);
    if (found) return found;
  }
  return undefined;
}

/** The handler reference of an element's `on:<type>` binding (the value's first word). */
export function handlerOf(element: MirrorElement | undefined, type = "click"): string {
  const binding = element?.attrs[`on:${type}`];
  if (binding === undefined) throw new Error(`no on:${type} binding on ${element?.tag}`);
  return binding.split(" ")[0] as string;
}
