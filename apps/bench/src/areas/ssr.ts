// Server-side rendering of a page holding the 1,000-row js-framework-benchmark table: Lucent
// (view, live tree, HTML) against @kitajs/html (a string-building JSX runtime) and a hand-written
// template literal, all in this process, interleaved.
import { escapeHtml, createElement as k } from "@kitajs/html";
import { app, createEndpoint, renderDocument, viewElement } from "@lucent/server";
import { log, runArea } from "../lib/area.ts";
import { BUTTONS, buildRows, EMPTY, type JfbModel, jfbApp, template, view } from "../lib/jfb.ts";
import { renderHtml } from "../lib/lucent.ts";
import { compare } from "../lib/timing.ts";

const model: JfbModel = buildRows(EMPTY, 1000);

function kitaView(m: JfbModel): string {
  return k(
    "div",
    { class: "container", id: "main" },
    k(
      "div",
      { class: "jumbotron" },
      k("h1", null, "Lucent"),
      BUTTONS.map(([id, text]) =>
        k("button", { type: "button", class: "btn btn-primary", id }, text),
      ),
    ),
    k(
      "table",
      { class: "table table-hover table-striped test-data" },
      k(
        "tbody",
        { id: "tbody" },
        m.rows.map((r) =>
          k(
            "tr",
            { class: r.id === m.selected ? "danger" : undefined },
            k("td", { class: "col-md-1" }, String(r.id)),
            k("td", { class: "col-md-4" }, k("a", null, escapeHtml(r.label))),
            k(
              "td",
              { class: "col-md-1" },
              k(
                "a",
                null,
                k("span", { class: "glyphicon glyphicon-remove", "aria-hidden": "true" }),
              ),
            ),
            k("td", { class: "col-md-6" }),
          ),
        ),
      ),
    ),
  ) as string;
}

const page = (body: string) =>
  renderDocument({ title: "bench", view: body, script: "/_lucent/client.js" });

// Every contender's page is measured in UTF-8 bytes, which is what writing it to a socket does:
// a string built with `+=` is a rope, and only flattening and encoding it costs its full price.
const sent = (html: string) => Buffer.byteLength(html);

runArea("ssr", async ({ quick }) => {
  const loaded = app({ ...jfbApp, init: () => model });
  const sizes = {
    lucent: Buffer.byteLength(page(renderHtml(view(model)))),
    kitajs: Buffer.byteLength(page(kitaView(model))),
    template: Buffer.byteLength(page(template(model))),
  };
  log("ssr", "1,000-row page");
  const compared = compare(
    "lucent",
    [
      { name: "lucent", prepare: () => null, run: () => sent(page(renderHtml(view(model)))) },
      {
        name: "lucent-session",
        prepare: () => createEndpoint({ app: loaded }),
        run: (endpoint: ReturnType<typeof createEndpoint>) => {
          const rendered = endpoint.render({ url: "http://127.0.0.1/jfb" });
          const html = page(viewElement(rendered as never, "/jfb/__lucent"));
          endpoint.shutdown();
          return sent(html);
        },
      },
      { name: "kitajs", prepare: () => null, run: () => sent(page(kitaView(model))) },
      { name: "template", prepare: () => null, run: () => sent(page(template(model))) },
    ],
    quick
      ? { samples: 7, warmupMs: 200, sampleMs: 20, maxBatch: 64 }
      : { samples: 25, warmupMs: 500, sampleMs: 30, maxBatch: 64 },
  );
  return { rows: 1000, bytes: sizes, unit: "µs per page", compared };
});
