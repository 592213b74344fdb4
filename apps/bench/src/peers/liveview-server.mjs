// LiveViewJS 0.8.1 serving the same pages as the Lucent bench server: a counter, a 100-row list,
// and the js-framework-benchmark table. Copied into apps/bench/.peers/liveview and run from there
// (see src/lib/peers.ts). Prints `READY <port>` once it listens on 127.0.0.1.
import http from "node:http";

// liveviewjs fetches a MIME database from a CDN when it is imported (only uploads use it). The
// bench never leaves loopback: that request gets an empty database, any other is refused.
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(String(input instanceof Request ? input.url : input));
  if (url.hostname === "127.0.0.1" || url.hostname === "localhost") return realFetch(input, init);
  if (url.pathname.includes("mime-db")) {
    return new Response("{}", { headers: { "content-type": "application/json" } });
  }
  throw new Error(`bench: refused network access to ${url.host}`);
};

const { createLiveView, html, safe } = await import("liveviewjs");
const { NodeExpressLiveViewServer } = await import("@liveviewjs/express");
const { default: express } = await import("express");
const { default: session } = await import("express-session");
const { WebSocketServer } = await import("ws");

const counter = createLiveView({
  mount: (socket) => {
    socket.assign({ count: 0 });
  },
  handleEvent: (event, socket) => {
    const count = socket.context.count;
    socket.assign({ count: event.type === "increment" ? count + 1 : count - 1 });
  },
  render: (context) =>
    html`<div><h1>Counter</h1><button phx-click="decrement">-</button><output>${context.count}</output><button phx-click="increment">+</button></div>`,
});

const BUMPED = 42;
const list = createLiveView({
  mount: (socket) => {
    socket.assign({ rows: Array.from({ length: 100 }, (_, i) => ({ id: i + 1, count: 0 })) });
  },
  handleEvent: (_event, socket) => {
    socket.assign({
      rows: socket.context.rows.map((row) =>
        row.id === BUMPED ? { ...row, count: row.count + 1 } : row,
      ),
    });
  },
  render: (context) =>
    html`<div><ul>${context.rows.map((row) => html`<li>Item ${row.id}: <b>${row.count}</b></li>`)}</ul><button phx-click="bump">bump</button></div>`,
});

// A copy of label() in src/lib/jfb.ts: both servers show the same text.
const ADJECTIVES = [
  "pretty",
  "large",
  "big",
  "small",
  "tall",
  "short",
  "long",
  "handsome",
  "plain",
  "quaint",
  "clean",
  "elegant",
  "easy",
  "angry",
  "crazy",
  "helpful",
  "mushy",
  "odd",
  "unsightly",
  "adorable",
  "important",
  "inexpensive",
  "cheap",
  "expensive",
  "fancy",
];
const COLOURS = [
  "red",
  "yellow",
  "blue",
  "green",
  "pink",
  "brown",
  "purple",
  "brown",
  "white",
  "black",
  "orange",
];
const NOUNS = [
  "table",
  "chair",
  "house",
  "bbq",
  "desk",
  "car",
  "pony",
  "cookie",
  "sandwich",
  "burger",
  "pizza",
  "mouse",
  "keyboard",
];
function label(id) {
  let x = Math.imul(id ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return `${ADJECTIVES[x % ADJECTIVES.length]} ${COLOURS[(x >>> 8) % COLOURS.length]} ${NOUNS[(x >>> 16) % NOUNS.length]}`;
}
function buildRows(context, count) {
  const rows = [];
  for (let i = 0; i < count; i++)
    rows.push({ id: context.nextId + i, label: label(context.nextId + i) });
  return { rows, selected: 0, nextId: context.nextId + count };
}
function jfbUpdate(context, event) {
  switch (event.type) {
    case "run":
      return buildRows(context, 1000);
    case "runlots":
      return buildRows(context, 10_000);
    case "add": {
      const more = buildRows(context, 1000);
      return { ...more, rows: [...context.rows, ...more.rows], selected: context.selected };
    }
    case "update":
      return {
        ...context,
        rows: context.rows.map((row, i) =>
          i % 10 === 0 ? { ...row, label: `${row.label} !!!` } : row,
        ),
      };
    case "clear":
      return { ...context, rows: [], selected: 0 };
    case "swaprows": {
      if (context.rows.length <= 998) return context;
      const rows = [...context.rows];
      [rows[1], rows[998]] = [rows[998], rows[1]];
      return { ...context, rows };
    }
    case "select":
      return { ...context, selected: Number(event.id) };
    case "remove":
      return { ...context, rows: context.rows.filter((row) => row.id !== Number(event.id)) };
    default:
      return context;
  }
}
const BUTTONS = [
  ["run", "Create 1,000 rows"],
  ["runlots", "Create 10,000 rows"],
  ["add", "Append 1,000 rows"],
  ["update", "Update every 10th row"],
  ["clear", "Clear"],
  ["swaprows", "Swap Rows"],
];
const buttons = BUTTONS.map(
  ([id, text]) =>
    `<button type="button" class="btn btn-primary" id="${id}" phx-click="${id}">${text}</button>`,
).join("");
const jfb = createLiveView({
  mount: (socket) => {
    socket.assign({ rows: [], selected: 0, nextId: 1 });
  },
  handleEvent: (event, socket) => {
    socket.assign(jfbUpdate(socket.context, event));
  },
  render: (context) =>
    html`<div class="container" id="main"><div class="jumbotron"><h1>Lucent</h1>${safe(buttons)}</div><table class="table table-hover table-striped test-data"><tbody id="tbody">${context.rows.map(
      (row) =>
        html`<tr class="${row.id === context.selected ? "danger" : ""}"><td class="col-md-1">${row.id}</td><td class="col-md-4"><a phx-click="select" phx-value-id="${row.id}">${row.label}</a></td><td class="col-md-1"><a phx-click="remove" phx-value-id="${row.id}"><span class="glyphicon glyphicon-remove" aria-hidden="true"></span></a></td><td class="col-md-6"></td></tr>`,
    )}</tbody></table></div>`,
});

const router = { "/counter": counter, "/list": list, "/jfb": jfb };
const pageTemplate = (title, csrfToken, content) =>
  html`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="csrf-token" content="${csrfToken}"><title>${title.title}</title><script defer src="/js/index.js"></script></head><body>${safe(content)}</body></html>`;

const app = express();
app.use(session({ secret: "bench", resave: false, saveUninitialized: true }));
app.get("/__bench/memory", (_req, res) => {
  globalThis.gc?.();
  globalThis.gc?.();
  res.json(process.memoryUsage());
});
const liveView = new NodeExpressLiveViewServer(
  router,
  pageTemplate,
  { title: "bench" },
  { serDeSigningSecret: "bench-signing-secret" },
);
app.use(liveView.httpMiddleware());

const server = http.createServer(app);
const wss = new WebSocketServer({ server });
liveView.wsMiddleware()(wss);
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`READY ${server.address().port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
