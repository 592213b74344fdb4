// Lustre's diff benchmark (lustre-labs/lustre test/benchmark/diff_benchmark.gleam): a table of N
// rows of three cells (position, "Row id" + id, a Delete button), diffed against the same table
// with ids shifted by N/2; unkeyed, keyed, or keyed with both tables shuffled.
import { h, type Node } from "@lucent/server";
import { type VTree, vh } from "./vdom.ts";

export interface TableShape {
  readonly rows: number;
  readonly keyed: boolean;
  readonly shuffled: boolean;
}

/** The kinds of table Lustre's benchmark diffs, each at every size. */
export const TABLE_KINDS: readonly Omit<TableShape, "rows">[] = [
  { keyed: false, shuffled: false },
  { keyed: true, shuffled: false },
  { keyed: true, shuffled: true },
];

export function shapeName(shape: TableShape): string {
  return `${shape.rows} rows ${shape.keyed ? (shape.shuffled ? "keyed+shuffled" : "keyed") : "unkeyed"}`;
}

/** A deterministic PRNG (mulberry32), so every run shuffles alike. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The ids of one table: offset+1 … offset+rows, shuffled when asked. */
export function tableIds(shape: TableShape, offset: number): number[] {
  const ids = Array.from({ length: shape.rows }, (_, i) => offset + 1 + i);
  if (shape.shuffled) {
    const next = random(shape.rows * 31 + offset);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [ids[i], ids[j]] = [ids[j] as number, ids[i] as number];
    }
  }
  return ids;
}

/** The table as a Lucent view, built with `build` (any build's `h`; this one's by default). */
export function lucentTable(
  shape: TableShape,
  ids: readonly number[],
  build: typeof h = h,
): Node<never> {
  return build(
    "table",
    {},
    build(
      "tbody",
      {},
      ids.map((id, pos) =>
        build(
          "tr",
          shape.keyed ? { key: id } : {},
          build("td", {}, String(pos)),
          build("td", {}, "Row id", String(id)),
          build("td", {}, build("button", {}, "Delete")),
        ),
      ),
    ),
  );
}

export function vdomTable(shape: TableShape, ids: readonly number[]): VTree {
  return vh("table", {}, [
    vh(
      "tbody",
      {},
      ids.map((id, pos) =>
        vh("tr", shape.keyed ? { key: String(id) } : {}, [
          vh("td", {}, [String(pos)]),
          vh("td", {}, ["Row id", String(id)]),
          vh("td", {}, [vh("button", {}, ["Delete"])]),
        ]),
      ),
    ),
  ]);
}

export function templateTable(ids: readonly number[]): string {
  let out = "<table><tbody>";
  for (let pos = 0; pos < ids.length; pos++) {
    out += `<tr><td>${pos}</td><td>Row id${ids[pos]}</td><td><button>Delete</button></td></tr>`;
  }
  return `${out}</tbody></table>`;
}

/** Lustre's published JavaScript-target figures (IPS), from shared/reference/lustre.md §6. */
export const LUSTRE_JS_IPS: Readonly<Record<string, number>> = {
  "10 rows unkeyed": 362_534,
  "10 rows keyed+shuffled": 268_434,
  "100 rows unkeyed": 30_960,
  "100 rows keyed+shuffled": 22_421,
  "1000 rows unkeyed": 3_715,
  "1000 rows keyed": 3_423,
  "1000 rows keyed+shuffled": 2_296,
  "10000 rows unkeyed": 313,
  "10000 rows keyed+shuffled": 151,
};
