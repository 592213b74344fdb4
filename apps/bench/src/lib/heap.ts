// What idle sessions hold, by kind of object: two heap snapshots (before and after opening
// `count` sessions) aggregated by constructor, and internal arrays by what holds them.
import { getHeapSnapshot } from "node:v8";

interface Snapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[]];
      edge_fields: string[];
      edge_types: [string[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export type Census = Map<string, { size: number; count: number }>;

/** Self size and count per kind of object on the heap, after a full GC. */
export async function census(): Promise<Census> {
  (globalThis as { gc?: () => void }).gc?.();
  let text = "";
  for await (const chunk of getHeapSnapshot()) text += chunk;
  const snap = JSON.parse(text) as Snapshot;
  const meta = snap.snapshot.meta;
  const fields = meta.node_fields;
  const types = meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const edgeCountAt = fields.indexOf("edge_count");
  const edgeWidth = meta.edge_fields.length;
  const edgeTypes = meta.edge_types[0];
  const named = (i: number) => {
    const type = types[snap.nodes[i + typeAt] as number] as string;
    return type === "object" || type === "closure"
      ? `${type}:${snap.strings[snap.nodes[i + nameAt] as number]}`
      : type;
  };
  // Internal arrays (backing stores) are named after what holds them: `holder.edge`.
  const holder = new Map<number, string>();
  let edge = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const owner = named(i);
    for (let e = 0; e < (snap.nodes[i + edgeCountAt] as number); e++, edge += edgeWidth) {
      const to = snap.edges[edge + 2] as number;
      const kind = edgeTypes[snap.edges[edge] as number];
      const label =
        kind === "element" || kind === "hidden"
          ? `[${kind}]`
          : (snap.strings[snap.edges[edge + 1] as number] as string);
      if (!holder.has(to)) holder.set(to, `${owner}.${label}`);
    }
  }
  const out: Census = new Map();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt] as number] as string;
    const key = type === "array" ? `array (${holder.get(i) ?? "?"})` : named(i);
    const entry = out.get(key) ?? { size: 0, count: 0 };
    entry.size += snap.nodes[i + sizeAt] as number;
    entry.count++;
    out.set(key, entry);
  }
  return out;
}

export interface HeapShare {
  readonly kind: string;
  readonly bytes: number;
  readonly objects: number;
}

/** What `after` holds more than `before`, per item, by kind of object, largest first. */
export function perItem(
  before: Census,
  after: Census,
  count: number,
): { total: number; kinds: HeapShare[] } {
  const kinds = [...after]
    .map(([kind, a]) => {
      const b = before.get(kind) ?? { size: 0, count: 0 };
      return { kind, bytes: (a.size - b.size) / count, objects: (a.count - b.count) / count };
    })
    .filter((k) => k.bytes >= 1)
    .sort((x, y) => y.bytes - x.bytes);
  return { total: kinds.reduce((n, k) => n + k.bytes, 0), kinds };
}

/** Heap per item of `open(count)`, by kind of object, largest first. Needs `--expose-gc`. */
export async function heapPerItem(
  count: number,
  open: (n: number) => void | Promise<void>,
): Promise<{ total: number; kinds: HeapShare[] }> {
  const before = await census();
  await open(count);
  await new Promise((resolve) => setTimeout(resolve, 10));
  return perItem(before, await census(), count);
}
