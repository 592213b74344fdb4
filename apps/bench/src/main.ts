// The bench runner: `pnpm bench [area…] [--quick] [--profile] [--no-build] [--report]`. Runs
// each area in its own Node process (a fresh heap, and nothing one area leaves behind can slow
// the next), collects their JSON, writes results/latest.json and regenerates BENCHMARKS.md at
// the repository root. `--report` only regenerates BENCHMARKS.md from the saved results.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { describeMachine, type Machine } from "./lib/machine.ts";
import { BENCH_DIR, ROOT_DIR, TS_FLAGS } from "./lib/process.ts";
import { type HotFunction, summarizeProfiles } from "./lib/profile.ts";
import { renderReport } from "./lib/report.ts";

export const AREAS = [
  "diff",
  "bytes",
  "client-apply",
  "roundtrip",
  "memory",
  "broadcast",
  "ssr",
  "size",
] as const;
export type AreaName = (typeof AREAS)[number];

export interface AreaResult {
  readonly area: AreaName;
  readonly quick: boolean;
  readonly seconds: number;
  readonly date: string;
  /** The commit Lucent was at (areas can come from different runs). */
  readonly commit?: string;
  // biome-ignore lint/suspicious/noExplicitAny: each area has its own result shape
  readonly result: any;
  /** CPU profile summaries: the area's own process, then each server it started. */
  readonly profile?: Record<string, { totalMs: number; top: HotFunction[] }>;
}

export interface Results {
  machine: Machine;
  date: string;
  areas: Partial<Record<AreaName, AreaResult>>;
}

const RESULTS = join(BENCH_DIR, "results", "latest.json");
/** `--profile` runs write here, so profiling overhead never replaces the published figures. */
const PROFILE_RESULTS = join(BENCH_DIR, "results", "profile.json");

function load(file: string): Results | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Results) : undefined;
}
/** An area that runs longer than this is stopped: the run must end on its own. */
const AREA_TIMEOUT_MS = 8 * 60_000;

function runOne(
  area: AreaName,
  quick: boolean,
  profileDir: string | undefined,
): Promise<AreaResult> {
  const args = [
    "--expose-gc",
    ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    ...TS_FLAGS,
    join(BENCH_DIR, "src", "areas", `${area}.ts`),
    ...(quick ? ["--quick"] : []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: BENCH_DIR,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...(profileDir ? { BENCH_PROFILE_DIR: profileDir } : {}) },
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), AREA_TIMEOUT_MS);
  return new Promise((resolve, reject) => {
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) {
        reject(new Error(`area ${area} failed (${signal ?? code})`));
        return;
      }
      const parsed = JSON.parse(line) as Omit<AreaResult, "date">;
      resolve({ ...parsed, date: new Date().toISOString() });
    });
  });
}

function profiles(dir: string): Record<string, { totalMs: number; top: HotFunction[] }> {
  const out: Record<string, { totalMs: number; top: HotFunction[] }> = {
    area: summarizeProfiles(dir, 20),
  };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    // The page's profile covers untimed setup too: keep what runs inside Lucent's applier.
    const within = entry.name.startsWith("chromium") ? "applyPatch" : undefined;
    out[entry.name] = summarizeProfiles(join(dir, entry.name), 20, within);
  }
  return out;
}

/** Regenerates BENCHMARKS.md and formats the generated files as the repository's Biome does. */
function writeReport(): void {
  const latest = load(RESULTS);
  if (!latest) return;
  const report = join(ROOT_DIR, "BENCHMARKS.md");
  writeFileSync(report, renderReport(latest, load(PROFILE_RESULTS)));
  const files = [report, RESULTS, PROFILE_RESULTS].filter((f) => existsSync(f));
  execFileSync(join(ROOT_DIR, "node_modules", ".bin", "biome"), ["format", "--write", ...files], {
    cwd: ROOT_DIR,
    stdio: ["ignore", "ignore", 2],
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes("--quick");
  const profile = argv.includes("--profile");
  const unknown = argv.filter(
    (a) => !a.startsWith("--") && !(AREAS as readonly string[]).includes(a),
  );
  if (unknown.length > 0) {
    console.error(`unknown area ${unknown.join(", ")}; areas: ${AREAS.join(", ")}`);
    process.exit(2);
  }
  if (argv.includes("--report")) {
    // Only regenerate BENCHMARKS.md from the saved results.
    if (!existsSync(RESULTS)) throw new Error("no results/latest.json yet: run pnpm bench first");
    writeReport();
    return;
  }
  const chosen = AREAS.filter((a) => argv.includes(a));
  const areas = chosen.length > 0 ? chosen : [...AREAS];
  const target = profile ? PROFILE_RESULTS : RESULTS;
  const previous = load(target);
  const results: Results = {
    machine: describeMachine(),
    date: new Date().toISOString(),
    areas: { ...previous?.areas },
  };
  const started = performance.now();
  if (!argv.includes("--no-build")) {
    // The areas load Lucent from dist: build it (turbo skips what is up to date).
    console.error("== building @lucent/hono, @lucent/bun and their dependencies (turbo)");
    const filters = ["--filter=@lucent/hono...", "--filter=@lucent/bun..."];
    execFileSync("pnpm", ["exec", "turbo", "run", "build", ...filters], {
      cwd: ROOT_DIR,
      stdio: ["ignore", 2, 2],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    });
  }
  let failed = 0;
  for (const area of areas) {
    console.error(`\n== ${area}${quick ? " (quick)" : ""}`);
    const profileDir = profile ? join(BENCH_DIR, "results", "profiles", area) : undefined;
    if (profileDir) {
      rmSync(profileDir, { recursive: true, force: true });
      mkdirSync(profileDir, { recursive: true });
    }
    try {
      const result = await runOne(area, quick, profileDir);
      if (profileDir && area === "diff") {
        // The area's own profile is dominated by preparing inputs; this one is updates only.
        execFileSync(
          process.execPath,
          [
            "--cpu-prof",
            `--cpu-prof-dir=${join(profileDir, "update-path-steady-state")}`,
            ...TS_FLAGS,
            join(BENCH_DIR, "src", "profile", "engine.ts"),
            "--seconds=2",
          ],
          { cwd: BENCH_DIR, stdio: ["ignore", 2, 2] },
        );
      }
      const stamped = { ...result, commit: results.machine.commit };
      results.areas[area] = profileDir ? { ...stamped, profile: profiles(profileDir) } : stamped;
      console.error(`   ${area} done in ${result.seconds.toFixed(1)} s`);
    } catch (error) {
      failed++;
      console.error(`   ${(error as Error).message}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  mkdirSync(join(BENCH_DIR, "results"), { recursive: true });
  writeFileSync(target, `${JSON.stringify(results, null, 2)}\n`);
  writeReport();
  console.error(
    `\nbench: ${areas.length - failed}/${areas.length} areas in ${seconds.toFixed(0)} s; wrote ${target.slice(ROOT_DIR.length + 1)} and BENCHMARKS.md`,
  );
  process.exit(failed > 0 ? 1 : 0);
}

await main();
