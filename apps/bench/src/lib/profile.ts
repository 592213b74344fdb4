// Summarises V8 CPU profiles (`node --cpu-prof`): self time per function, with its source file
// and line, so a report can say which functions of packages/* dominate.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT_DIR } from "./process.ts";

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  readonly name: string;
  /** `path:line` relative to the repository root, or a runtime/library location. */
  readonly location: string;
  readonly selfMs: number;
  /** Share of the busy time of the process's main thread (GC included, idle excluded). */
  readonly percent: number;
}

function sourceLine(file: string, name: string, fallback: number, strict = false): number {
  if (!existsSync(file) || !name || name === "(anonymous)") return fallback;
  const lines = readFileSync(file, "utf8").split("\n");
  const escaped = name.replace(/[$]/g, "\\$");
  const patterns = [
    new RegExp(`function\\s+${escaped}\\b`),
    new RegExp(`\\b(const|let)\\s+${escaped}\\s*=`),
    new RegExp(`^\\s*((private|protected|public|static|async|override)\\s+)*${escaped}\\s*[(<]`),
    new RegExp(`^\\s*${escaped}\\s*:`),
  ];
  for (const pattern of strict ? patterns.slice(0, 1) : patterns) {
    // A signature in an interface or a type ends with `;`: a definition does not.
    const at = lines.findIndex((line) => pattern.test(line) && !line.trimEnd().endsWith(";"));
    if (at >= 0) return at + 1;
  }
  return fallback;
}

const sources = new Map<string, string[]>();

/** The TypeScript files of a package's src/, for mapping built code back to its source. */
function sourceFiles(pkgDir: string): string[] {
  let files = sources.get(pkgDir);
  if (!files) {
    files = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith(".ts") && !entry.name.includes(".test.")) files?.push(path);
      }
    };
    if (existsSync(join(pkgDir, "src"))) walk(join(pkgDir, "src"));
    sources.set(pkgDir, files);
  }
  return files;
}

/** A function of a package's dist, located in its source by name (dist keeps names). */
function fromDist(file: string, name: string, line: number): string {
  const pkgDir = file.slice(0, file.indexOf("/dist/"));
  // A declaration anywhere first, then the looser patterns (methods, object members); a name
  // defined in several places lists them all.
  for (const strict of [true, false]) {
    const found: string[] = [];
    for (const source of sourceFiles(pkgDir)) {
      const at = sourceLine(source, name, -1, strict);
      if (at > 0) found.push(`${relative(ROOT_DIR, source)}:${at}`);
    }
    if (found.length > 0) return found.join(" or ");
  }
  return `${relative(ROOT_DIR, file)}:${line + 1}`;
}

function locate(url: string, name: string, line: number): string {
  if (!url) return "(native)";
  if (url.startsWith("file://")) {
    const file = fileURLToPath(url);
    const rel = relative(ROOT_DIR, file);
    if (/^packages\/.*\/dist\//.test(rel)) return fromDist(file, name, line);
    if (rel.includes("node_modules"))
      return rel.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "");
    return `${rel}:${sourceLine(file, name, line + 1)}`;
  }
  return url.replace(/^node:/, "node:");
}

/**
 * The top `limit` functions by self time over the profiles in `dir`. A process run under tsx also
 * profiles its loader thread, which is idle almost always: profiles with under a tenth of the
 * busiest one's busy time are skipped, and idle time never counts.
 */
export function summarizeProfiles(
  dir: string,
  limit = 15,
  /** Count only samples under a call of this function (e.g. the timed part of a trial). */
  within?: string,
): { totalMs: number; top: HotFunction[] } {
  const profiles = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as CpuProfile);
  const busy = profiles.map((profile) => {
    const idle = new Set(
      profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id),
    );
    let us = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      if (!idle.has(profile.samples[i] as number)) us += profile.timeDeltas[i] ?? 0;
    }
    return us;
  });
  const most = Math.max(0, ...busy);
  const self = new Map<string, { name: string; location: string; us: number }>();
  let total = 0;
  profiles.forEach((profile, p) => {
    if ((busy[p] as number) < most / 10) return;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const inside = (id: number): boolean => {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        if (byId.get(at)?.callFrame.functionName === within) return true;
      }
      return false;
    };
    for (let i = 0; i < profile.samples.length; i++) {
      const node = byId.get(profile.samples[i] as number);
      const dt = profile.timeDeltas[i] ?? 0;
      if (!node || node.callFrame.functionName === "(idle)") continue;
      if (within && !inside(node.id)) continue;
      total += dt;
      const { functionName, url, lineNumber } = node.callFrame;
      const name = functionName || "(anonymous)";
      const key = `${name}@${url}:${lineNumber}`;
      let entry = self.get(key);
      if (!entry) {
        entry = { name, location: locate(url, name, lineNumber), us: 0 };
        self.set(key, entry);
      }
      entry.us += dt;
    }
  });
  const top = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, limit)
    .map((e) => ({
      name: e.name,
      location: e.location,
      selfMs: e.us / 1000,
      percent: (e.us / total) * 100,
    }));
  return { totalMs: total / 1000, top };
}
