import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { CHROMIUM_PATH } from "./chromium.ts";
import { BENCH_DIR, ROOT_DIR } from "./process.ts";

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly loadAverage: readonly number[];
  readonly node: string;
  readonly chromium: string;
  readonly commit: string;
  readonly packages: Record<string, string>;
}

function version(dir: string): string {
  const file = join(dir, "package.json");
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version
    : "?";
}

function run(command: string, args: string[], cwd = ROOT_DIR): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "?";
  }
}

export function describeMachine(): Machine {
  const modules = join(BENCH_DIR, "node_modules");
  const names = [
    "@lucent/server",
    "@lucent/client",
    "@lucent/hono",
    "virtual-dom",
    "@kitajs/html",
    "phoenix",
    "phoenix_live_view",
    "playwright-core",
    "esbuild",
    "ws",
    "hono",
    "@hono/node-server",
    "tsx",
  ];
  const packages: Record<string, string> = {};
  for (const name of names) packages[name] = version(join(modules, name));
  // The bench's own code counts too: its reference diffs and prototypes are measured as well.
  const dirty = run("git", ["status", "--porcelain", "--", "packages", "apps/bench/src"]) !== "";
  return {
    cpu: cpus()[0]?.model ?? "?",
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
    node: process.version,
    chromium: run(CHROMIUM_PATH, ["--version"]).replace(/\s+built on.*$/, ""),
    commit: `${run("git", ["rev-parse", "--short", "HEAD"])}${dirty ? " + uncommitted changes in packages/ or apps/bench/src/" : ""}`,
    packages,
  };
}
