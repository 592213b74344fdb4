// Global setup of the "release" project: packs every public package once, as `pnpm publish`
// would (publishConfig applied, workspace:* rewritten to versions), for the tests to install and
// lint. Packing reads `dist`, so the packages must be built (the test command builds first).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { TestProject } from "vitest/node";
import { ROOT } from "../support/runtimes.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Folder holding one `.tgz` per public package. */
    tarballs: string;
  }
}

/** pnpm itself: the one running this test command if any (npx may have fetched it), else PATH's. */
function pnpm(): [string, string[]] {
  const exec = process.env.npm_execpath ?? "";
  if (!/pnpm/.test(basename(exec))) return ["pnpm", []];
  return /\.c?js$/.test(exec) ? [process.execPath, [exec]] : [exec, []];
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "lucent-tarballs-"));
  const [command, prefix] = pnpm();
  const args = [...prefix, "-r", "--filter", "./packages/**", "pack", "--pack-destination", dir];
  const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(`pnpm pack failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  if (readdirSync(dir).length === 0) throw new Error(`pnpm pack wrote nothing to ${dir}`);
  project.provide("tarballs", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
