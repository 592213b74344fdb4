// What a render after an event on a form control costs over one after a click on a link
// (`pnpm --filter @lucent/bench profile:touched`). After such an event the diff re-sends the
// values of the controls in or under the element that had it, and memos that enclose or lie under
// it are diffed rather than kept. The page: a search box above 1,000 rows, each with a checkbox,
// written as plain `h` rows and as memo'd rows; the view is built outside the timed region, and
// the two kinds of render take turns. Prints the medians and touched ÷ untouched.
import {
  createHandlerRegistry,
  createRoot,
  diffView,
  h,
  type LiveElement,
  memo,
} from "@lucent/server";

interface Row {
  readonly id: number;
  readonly done: boolean;
  readonly label: string;
}

const rows: Row[] = Array.from({ length: 1000 }, (_, i) => ({
  id: i,
  done: false,
  label: `row ${i}`,
}));
const rounds = Number(process.argv.find((a) => a.startsWith("--rounds="))?.slice(9) ?? 400);

const rowView = (r: Row) =>
  h(
    "li",
    { key: String(r.id) },
    h("input", { type: "checkbox", checked: r.done, onChange: { type: "toggle", id: r.id } }),
    r.label,
  );

function page(memoized: boolean) {
  return h(
    "main",
    null,
    h("input", { value: "", "on:input": { type: "search" } }),
    h(
      "ul",
      null,
      rows.map((r) => (memoized ? memo([r], () => rowView(r), { key: String(r.id) }) : rowView(r))),
    ),
  );
}

const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] as number;

for (const memoized of [false, true]) {
  const root = createRoot();
  const registry = createHandlerRegistry();
  diffView(root, page(memoized), registry, 0);
  registry.commit(true, 0);
  const search = (root.children[0] as LiveElement).children[0] as LiveElement;
  const times = { untouched: [] as number[], touched: [] as number[] };
  let seq = 0;
  for (let round = 0; round < rounds; round++) {
    for (const kind of ["untouched", "touched"] as const) {
      const view = page(memoized);
      const start = performance.now();
      diffView(root, view, registry, ++seq, kind === "touched" ? new Set([search]) : null);
      times[kind].push(performance.now() - start);
      registry.commit(true, seq);
    }
  }
  const [untouched, touched] = [median(times.untouched), median(times.touched)];
  console.log(
    `${memoized ? "memo'd" : "plain "} rows: untouched ${(untouched * 1000).toFixed(0)} µs, after typing in the search box ${(touched * 1000).toFixed(0)} µs, touched ÷ untouched ${(touched / untouched).toFixed(2)}×`,
  );
}
