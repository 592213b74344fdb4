// A user's project outside the workspace: it installs @lucent/server, @lucent/client and one
// adapter from the packed tarballs (plus @lucent/protocol, which they depend on and which is not
// on the registry yet), runs a counter in plain JavaScript and type-checks the same counter in
// TypeScript. Nothing may reach back into the monorepo.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { ROOT } from "../support/runtimes.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";
import { openSocket } from "../support/ws-client.ts";

const run = promisify(execFile);
const tarballs = inject("tarballs");
const tarball = (name: string) => join(tarballs, `lucent-${name}-0.0.0.tgz`);
const LUCENT = ["protocol", "server", "client", "express"];

/** The counter of the adapter's README, in plain JavaScript, on port 0. */
const SERVER_JS = `import { createLucent } from "@lucent/express";
import { app, h } from "@lucent/server";
import express from "express";

const counter = app({
  init: () => 0,
  update: (count, by) => count + by,
  view: (count) =>
    h("p", null, h("button", { onClick: -1 }, "−"), h("output", null, String(count)), h("button", { onClick: 1 }, "+")),
});

const server = express();
const lucent = createLucent(server);
lucent.page("/", { app: counter, title: "Counter" });
const http = server.listen(0, "127.0.0.1").on("upgrade", lucent.handleUpgrade);
http.on("listening", () => console.log("READY", http.address().port));
process.once("SIGTERM", () => { lucent.shutdown(); http.close(); });
`;

/** The same counter in TypeScript: the declarations must carry the message type to the view. */
const CHECK_TS = `import { createLucent } from "@lucent/express";
import { app, h } from "@lucent/server";
import express from "express";

const counter = app({
  init: () => 0,
  update: (count: number, by: number) => count + by,
  view: (count) =>
    h("p", null, h("button", { onClick: -1 }, "−"), h("output", null, String(count)), h("button", { onClick: 1 }, "+")),
});

const server = express();
const lucent = createLucent(server);
lucent.page("/", { app: counter, title: "Counter" });
server.listen(3000).on("upgrade", lucent.handleUpgrade);
// @ts-expect-error the view's messages are numbers
h("button", { onClick: "nope" }, "x") satisfies ReturnType<typeof counter.view>;
`;

let project: string;
let server: ServerProcess | undefined;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "lucent-consumer-"));
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "lucent-consumer", private: true, type: "module" }),
  );
  writeFileSync(join(project, "server.mjs"), SERVER_JS);
  writeFileSync(join(project, "check.ts"), CHECK_TS);
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: "nodenext",
        target: "es2022",
        noEmit: true,
        // Our declarations are checked too, under a config without exactOptionalPropertyTypes.
        skipLibCheck: false,
        types: ["node"],
      },
      files: ["check.ts"],
    }),
  );
  const dependencies = [
    ...LUCENT.map(tarball),
    "express@5.3.0",
    "ws@8.23.0",
    "@types/node@20.19.43",
    "@types/express@5.0.6",
  ];
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...dependencies], {
    cwd: project,
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  rmSync(project, { recursive: true, force: true });
});

test("installs only the packages it asked for, from the tarballs", () => {
  expect(readdirSync(join(project, "node_modules/@lucent")).sort()).toEqual(LUCENT.sort());
  expect(existsSync(join(project, "node_modules/hono"))).toBe(false);
  const lock = JSON.parse(readFileSync(join(project, "package-lock.json"), "utf8")) as {
    packages: Record<string, { resolved?: string; link?: boolean }>;
  };
  for (const name of LUCENT) {
    const entry = lock.packages[`node_modules/@lucent/${name}`];
    expect(entry?.resolved, name).toMatch(new RegExp(`lucent-${name}-0\\.0\\.0\\.tgz$`));
    expect(entry?.link, name).toBeUndefined();
  }
  for (const file of ["server", "express"].map((name) => `node_modules/@lucent/${name}/dist`))
    for (const entry of readdirSync(join(project, file)))
      expect(readFileSync(join(project, file, entry), "utf8")).not.toContain(ROOT);
});

test("type-checks a strict TypeScript counter against the published declarations", async () => {
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
  await expect(run(process.execPath, [tsc, "-p", "."], { cwd: project })).resolves.toBeDefined();
}, 60_000);

test("serves a counter that a WebSocket client drives", async () => {
  server = await startServerProcess(process.execPath, ["server.mjs"], {
    cwd: project,
    ready: /READY (\d+)/,
  });
  const base = `127.0.0.1:${server.ready[1]}`;
  const page = await (await fetch(`http://${base}/`)).text();
  expect(page).toContain("<output>0</output>");
  const script = await fetch(`http://${base}/_lucent/client.js`);
  expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  const token = /token="([^"]+)"/.exec(page)?.[1] ?? "";
  const increment = [...page.matchAll(/on:click="(\w+)"/g)][1]?.[1];

  const socket = await openSocket(`ws://${base}/__lucent`, `http://${base}`);
  socket.send(`[0,1,${JSON.stringify(token)},0]`);
  expect(await socket.next()).toBe(`[0,0,${JSON.stringify(token)}]`);
  socket.send(`[1,0,"${increment}",0]`);
  expect(await socket.next()).toBe('[1,[[0,1,0],0,"1"],0]');
  socket.ws.close();
  expect(await server.stop()).toBe(0);
});
