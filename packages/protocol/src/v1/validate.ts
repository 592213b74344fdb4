import { OP_ARITY, Op } from "../patch.ts";

// Shape checks shared by the v1 decoders. Each returns a description of the first problem found,
// or null when the value is well formed, so decoders can name what arrived.

export function isIndex(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isStringRecord(value: unknown): value is Record<string, string> {
  if (!isPlainObject(value)) return false;
  for (const key in value) if (typeof value[key] !== "string") return false;
  return true;
}

export function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

/**
 * Checks a wire node; with `holes` (for op 8's template) `null` may stand for attribute values
 * and text children, and each one found is counted in `holes.count`.
 */
export function nodeProblem(node: unknown, holes?: { count: number }): string | null {
  if (typeof node === "string") return null;
  if (!Array.isArray(node) || node.length === 0 || typeof node[0] !== "string" || node[0] === "") {
    return `expected a node (a string or [tag, attributes, ...children]), got ${describe(node)}`;
  }
  if (node.length === 1) return null;
  const attributes = node[1] as unknown;
  if (attributes !== 0) {
    if (!isPlainObject(attributes))
      return `expected attributes object or 0, got ${describe(attributes)}`;
    for (const key in attributes) {
      if (holes && attributes[key] === null) holes.count++;
      else if (typeof attributes[key] !== "string") return `attribute ${key} is not a string`;
    }
  }
  for (let i = 2; i < node.length; i++) {
    const child = node[i] as unknown;
    if (isPlainObject(child)) {
      if (typeof child.h !== "string" || node.length !== 3) {
        return "raw HTML must be an element's only child, as {h: string}";
      }
      continue;
    }
    if (holes && child === null) {
      holes.count++;
      continue;
    }
    const problem = nodeProblem(child, holes);
    if (problem) return problem;
  }
  return null;
}

/** Checks op 8's arguments: an element template, and at least one row filling every hole. */
function templateProblem(template: unknown, rows: unknown): string | null {
  if (typeof template === "string") {
    return `expected an element as the template, got ${describe(template)}`;
  }
  const holes = { count: 0 };
  const problem = nodeProblem(template, holes);
  if (problem) return problem;
  if (!Array.isArray(rows) || rows.length === 0) {
    return `expected a non-empty list of rows, got ${describe(rows)}`;
  }
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== holes.count || !row.every(isString)) {
      return `expected rows of ${holes.count} strings, got ${describe(row)}`;
    }
  }
  return null;
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

export function nodesProblem(nodes: unknown): string | null {
  if (!Array.isArray(nodes)) return `expected a list of nodes, got ${describe(nodes)}`;
  for (const node of nodes) {
    const problem = nodeProblem(node);
    if (problem) return problem;
  }
  return null;
}

/** Checks a patch token stream: paths, operation codes, and each operation's arguments. */
export function patchProblem(ops: unknown): string | null {
  if (!Array.isArray(ops)) return `expected a patch (a list of tokens), got ${describe(ops)}`;
  let i = 0;
  while (i < ops.length) {
    const token = ops[i] as unknown;
    if (Array.isArray(token)) {
      if (!token.every(isIndex)) return `token ${i}: a path holds child indices only`;
      i++;
      continue;
    }
    if (!isIndex(token) || token >= OP_ARITY.length) {
      return `token ${i}: expected a path or an operation code, got ${describe(token)}`;
    }
    const arity = OP_ARITY[token] as number;
    if (i + arity >= ops.length) return `token ${i}: operation ${token} lacks its arguments`;
    const problem = argumentsProblem(token, ops[i + 1], ops[i + 2], ops[i + 3]);
    if (problem) return `token ${i}: ${problem}`;
    i += 1 + arity;
  }
  return null;
}

function argumentsProblem(op: number, a: unknown, b: unknown, c: unknown): string | null {
  switch (op) {
    case Op.Text:
    case Op.RemoveAttribute:
    case Op.Html:
      return typeof a === "string" ? null : `expected a string, got ${describe(a)}`;
    case Op.SetAttribute:
      return typeof a === "string" && typeof b === "string"
        ? null
        : "expected name and value strings";
    case Op.Insert:
      return isIndex(a) ? nodesProblem(b) : `expected an index, got ${describe(a)}`;
    case Op.Remove:
    case Op.Move:
      return isIndex(a) && isIndex(b) ? null : "expected two indices";
    case Op.InsertTemplate:
      return isIndex(a) ? templateProblem(b, c) : `expected an index, got ${describe(a)}`;
    default:
      return isIndex(a) ? nodeProblem(b) : `expected an index, got ${describe(a)}`;
  }
}
