import { MIN_FRAME_BYTES } from "@lucent/protocol";
import { afterEach, describe, expect, test } from "vitest";
import type { Connection } from "../connection/connection.ts";
import { app } from "../runtime/app.ts";
import { h } from "../view/h.ts";
import { createSite, DEFAULT_MAX_FRAME_BYTES, type Site, type SiteRequest } from "./site.ts";

const counter = app({
  init: () => 0,
  update: (n: number, msg: 1 | -1) => n + msg,
  view: (n) => h("p", null, h("button", { onClick: 1 }, "+"), h("output", null, String(n))),
});

let sites: Site[] = [];
function site(...args: Parameters<typeof createSite>) {
  const created = createSite(...args);
  sites.push(created);
  return created;
}
afterEach(() => {
  for (const s of sites) s.shutdown();
  sites = [];
});

function request(url: string, headers: Record<string, string> = {}): SiteRequest {
  return { method: "GET", url, headers: { get: (name) => headers[name] ?? null } };
}
const upgrade = { upgrade: "websocket" };

describe("pages", () => {
  test("renders a page with the view, its socket route and the script", () => {
    const s = site("/* client */", "/* extras */");
    const page = s.page("/counter", { app: counter, title: "A & B", head: "<style></style>" });
    expect(page.socketPath).toBe("/counter/__lucent");
    const response = page.render("http://localhost/counter");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.body).toContain("<title>A &amp; B</title>");
    expect(response.body).toContain('<script type="module" src="/_lucent/client.js"></script>');
    expect(response.body).toMatch(
      /<lucent-view route="\/counter\/__lucent" token="[\w-]+" seq="0"><p><button on:click="\w+">\+<\/button><output>0<\/output><\/p><\/lucent-view>/,
    );
    expect(page.endpoint.sessionCount).toBe(1);
  });

  test("the root page's socket is /__lucent; a custom document wraps the view", () => {
    const s = site("", "", { scriptPath: "/assets/lucent.js" });
    const page = s.page("/", {
      app: counter,
      document: (parts) => `${parts.script}|${parts.view}`,
    });
    expect(page.socketPath).toBe("/__lucent");
    expect(page.render("http://localhost/").body).toMatch(/^\/assets\/lucent\.js\|<lucent-view /);
  });

  test("answers 503 when the session limit is reached", () => {
    const page = site("", "").page("/", { app: counter, maxSessions: 1 });
    expect(page.render("http://localhost/").status).toBe(200);
    const full = page.render("http://localhost/");
    expect(full.status).toBe(503);
    expect(full.body).toBe("Too many sessions; try again shortly.");
  });

  test("shutdown stops every page's sessions and sockets", () => {
    const s = site("", "");
    const page = s.page("/", { app: counter });
    page.render("http://localhost/");
    const closed: number[] = [];
    const connection: Connection = { send: () => {}, close: (code) => closed.push(code) };
    page.endpoint.connect(connection, { url: "http://localhost/__lucent" }).message('[0,1,"",0]');
    s.shutdown();
    expect(closed).toEqual([1001]);
    expect(page.endpoint.sessionCount).toBe(0);
  });
});

describe("upgrades", () => {
  test("same origin and listed origins pass; others get 403", () => {
    const s = site("", "", { allowedOrigins: ["https://app.example"] });
    const url = "http://localhost:3000/__lucent";
    expect(s.refuseUpgrade("http://localhost:3000", url)).toBeUndefined();
    expect(s.refuseUpgrade("https://app.example", url)).toBeUndefined();
    expect(s.refuseUpgrade(null, url)).toBeUndefined();
    expect(s.refuseUpgrade("http://evil.example", url)).toEqual({
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: "WebSocket origin not allowed",
    });
  });

  test("the transport's frame cap is the default unless set", () => {
    expect(site("", "").maxFrameBytes).toBe(DEFAULT_MAX_FRAME_BYTES);
    expect(site("", "", { maxFrameBytes: 300_000 }).maxFrameBytes).toBe(300_000);
  });

  // Below it, a host would close with 1009 frames the client keeps and sends again (SPEC §10).
  test("a frame cap under the least a client needs is raised to it", () => {
    expect(site("", "", { maxFrameBytes: 4096 }).maxFrameBytes).toBe(MIN_FRAME_BYTES);
    expect(site("", "", { maxFrameBytes: MIN_FRAME_BYTES - 1 }).maxFrameBytes).toBe(
      MIN_FRAME_BYTES,
    );
    expect(site("", "", { maxFrameBytes: MIN_FRAME_BYTES }).maxFrameBytes).toBe(MIN_FRAME_BYTES);
  });

  // `length > NaN` is never true: a cap that is not a number would turn the check off.
  test("a frame cap that is not a number is refused, not ignored", () => {
    expect(() => site("", "", { maxFrameBytes: Number.NaN })).toThrow(
      "maxFrameBytes must be a number, got NaN",
    );
    expect(() => site("", "", { maxFrameBytes: "4096" as unknown as number })).toThrow(RangeError);
  });
});

describe("dispatch", () => {
  const s = () => {
    const created = site("console.log(1)", "console.log(2)");
    return { site: created, page: created.page("/counter", { app: counter }) };
  };

  test("serves the script, the page, and upgrades the socket route", () => {
    const { site, page } = s();
    const script = site.dispatch(request("http://localhost/_lucent/client.js?v=1"));
    expect(script).toEqual({ kind: "respond", response: site.script });
    expect(site.script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    const extras = site.dispatch(request("http://localhost/_lucent/lucent-extras.min.js"));
    expect(site.extrasPath).toBe("/_lucent/lucent-extras.min.js");
    expect(extras).toEqual({ kind: "respond", response: site.extras });
    expect(site.extras).toMatchObject({ status: 200, body: "console.log(2)" });
    expect(site.extras.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    const rendered = site.dispatch(request("http://localhost/counter"));
    expect(rendered?.kind === "respond" && rendered.response.status).toBe(200);
    const url = "http://localhost/counter/__lucent";
    expect(site.dispatch(request(url, upgrade))).toEqual({ kind: "upgrade", page, url });
  });

  test("serves the extras beside a custom script path", () => {
    const custom = site("a", "b", { scriptPath: "/assets/js/lucent.js" });
    expect(custom.extrasPath).toBe("/assets/js/lucent-extras.min.js");
    const extras = custom.dispatch(request("http://localhost/assets/js/lucent-extras.min.js"));
    expect(extras).toEqual({ kind: "respond", response: custom.extras });
    expect(site("a", "b", { scriptPath: "/lucent.js" }).extrasPath).toBe("/lucent-extras.min.js");
  });

  test("leaves other paths and methods to the host", () => {
    const { site } = s();
    expect(site.dispatch(request("http://localhost/"))).toBeUndefined();
    expect(site.dispatch(request("http://localhost/counter/"))).toBeUndefined();
    expect(site.dispatch({ ...request("http://localhost/counter"), method: "POST" })).toBe(
      undefined,
    );
  });

  test("refuses a socket route without an upgrade, or from another origin", () => {
    const { site } = s();
    const url = "http://localhost/counter/__lucent";
    const plain = site.dispatch(request(url));
    expect(plain?.kind === "respond" && plain.response.status).toBe(426);
    const foreign = site.dispatch(request(url, { ...upgrade, origin: "http://evil.example" }));
    expect(foreign?.kind === "respond" && foreign.response).toMatchObject({ status: 403 });
  });
});
