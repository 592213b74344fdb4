import {
  fillTemplate,
  OP_ARITY,
  Op,
  type PatchToken,
  type WireChild,
  type WireNode,
} from "@lucent/protocol";

/**
 * A DOM stand-in made of plain objects, built from wire nodes and patched by protocol ops. It is
 * an independent reading of SPEC.md §5–6, used as the oracle for the diff's property tests.
 */
export type ModelNode = ModelElement | ModelText;
export interface ModelElement {
  tag: string;
  attributes: Record<string, string>;
  children: ModelNode[];
  html?: string;
  uid: number;
}
export interface ModelText {
  text: string;
  uid: number;
}

let uid = 0;

export function fromWire(node: WireNode): ModelNode {
  if (typeof node === "string") return { text: node, uid: uid++ };
  const [tag, attributes, ...children] = node as [
    string,
    Record<string, string> | 0 | undefined,
    ...WireChild[],
  ];
  const element: ModelElement = {
    tag,
    attributes: { ...(attributes || {}) },
    children: [],
    uid: uid++,
  };
  for (const child of children) {
    if (typeof child === "object" && !Array.isArray(child))
      element.html = (child as { h: string }).h;
    else element.children.push(fromWire(child as WireNode));
  }
  return element;
}

export function toPlain(node: ModelNode): unknown {
  if ("text" in node) return node.text;
  return {
    tag: node.tag,
    attributes: node.attributes,
    html: node.html || undefined,
    children: node.children.map(toPlain),
  };
}

export function applyOps(root: ModelElement, ops: readonly PatchToken[]): void {
  let selected: ModelNode = root;
  let i = 0;
  const element = (): ModelElement => {
    if ("text" in selected) throw new Error("operation needs an element");
    return selected;
  };
  while (i < ops.length) {
    const token = ops[i] as PatchToken;
    if (Array.isArray(token)) {
      selected = root;
      for (const index of token as number[]) {
        const next: ModelNode | undefined = element().children[index];
        if (!next) throw new Error(`path ${JSON.stringify(token)} does not resolve`);
        selected = next;
      }
      i++;
      continue;
    }
    const op = token as number;
    const a = ops[i + 1] as never;
    const b = ops[i + 2] as never;
    switch (op) {
      case Op.Text:
        if (!("text" in selected)) throw new Error("text op on an element");
        selected.text = a;
        break;
      case Op.SetAttribute:
        element().attributes[a] = b;
        break;
      case Op.RemoveAttribute:
        delete element().attributes[a];
        break;
      case Op.Insert: {
        const children = element().children;
        if (a > children.length) throw new Error("insert past the end");
        children.splice(a, 0, ...(b as WireNode[]).map(fromWire));
        break;
      }
      case Op.InsertTemplate: {
        const children = element().children;
        if (a > children.length) throw new Error("insert past the end");
        const rows = ops[i + 3] as unknown as string[][];
        children.splice(a, 0, ...rows.map((row) => fromWire(fillTemplate(b, row))));
        break;
      }
      case Op.Remove: {
        const children = element().children;
        if ((a as number) + (b as number) > children.length) throw new Error("remove past the end");
        children.splice(a, b);
        break;
      }
      case Op.Move: {
        const children = element().children;
        if (a >= children.length || b >= children.length) throw new Error("move out of range");
        const [node] = children.splice(a, 1);
        children.splice(b, 0, node as ModelNode);
        break;
      }
      case Op.Replace: {
        const children = element().children;
        if (a >= children.length) throw new Error("replace out of range");
        children[a] = fromWire(b);
        break;
      }
      case Op.Html: {
        const target = element();
        target.children = [];
        if (a === "") delete target.html;
        else target.html = a;
        break;
      }
      default:
        throw new Error(`unknown op ${op}`);
    }
    i += 1 + (OP_ARITY[op] as number);
  }
}
