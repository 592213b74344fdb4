#!/usr/bin/env node
// Runs the README's two commands (`npm run demo`, `npm test`) on a machine that has only Node 20
// and npm: pnpm comes through npx at the pinned version, dependencies from the lockfile, and, for
// the browser tests, Debian's Chromium when it is missing and this process may install it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PNPM = "pnpm@12.21.0";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DENO_NO_UPDATE_CHECK: "1" };

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n✗ ${command} ${args.join(" ")} failed (${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

const pnpm = (...args) => run("npx", ["--yes", PNPM, ...args]);

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { env }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(`✗ The browser tests need Chromium at ${CHROMIUM}.`);
    console.error(
      "  Install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH.",
    );
    process.exit(1);
  }
  console.log("Installing Debian's chromium for the browser tests…");
  run("apt-get", ["update", "-qq"]);
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"]);
}

const task = process.argv[2];
pnpm("install", "--frozen-lockfile");

if (task === "demo") {
  // `npm run demo -- bun` runs the demo's `start:bun` script: express, bun, deno, hono-bun, hono-deno.
  const host = process.argv[3];
  pnpm("exec", "turbo", "run", "build", "--filter=@lucent/client");
  pnpm("--filter", "@lucent/demo", host ? `start:${host}` : "start");
} else if (task === "test") {
  ensureChromium();
  pnpm("exec", "turbo", "run", "build", "typecheck");
  pnpm("exec", "biome", "check", ".");
  pnpm("exec", "vitest", "run");
} else {
  console.error("usage: node scripts/run.mjs demo [express|bun|deno|hono-bun|hono-deno] | test");
  process.exit(2);
}
