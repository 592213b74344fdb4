// LiveViewJS 0.8.1 runs as a peer in its own directory, apps/bench/.peers/liveview (gitignored),
// installed with plain npm on first use. Not a workspace dependency: it needs Express 4 while the
// workspace uses Express 5, it pulls in an old jsonwebtoken/redis tree that would enter the
// lockfile of every package, and its import fetches a MIME database from a CDN (the server script
// stubs that fetch, so the bench never leaves 127.0.0.1).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH_DIR, type ServerProcess, startServer } from "./process.ts";

export const PEER_DIR = join(BENCH_DIR, ".peers", "liveview");

/** Exact versions, as measured in shared/reference/liveview.md §6.4. */
export const PEER_PACKAGES: Readonly<Record<string, string>> = {
  liveviewjs: "0.8.1",
  "@liveviewjs/express": "0.8.1",
  express: "4.22.3",
  "express-session": "1.19.0",
  ws: "8.23.0",
};

function installedVersion(name: string): string | undefined {
  const file = join(PEER_DIR, "node_modules", name, "package.json");
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

/** Installs the peer if missing; returns the installed versions. */
export function ensurePeer(): Record<string, string> {
  const missing = Object.entries(PEER_PACKAGES).filter(([n, v]) => installedVersion(n) !== v);
  if (missing.length > 0) {
    mkdirSync(PEER_DIR, { recursive: true });
    writeFileSync(
      join(PEER_DIR, "package.json"),
      `${JSON.stringify({ name: "lucent-bench-liveview-peer", private: true, type: "module", dependencies: PEER_PACKAGES }, null, 2)}\n`,
    );
    process.stderr.write("[bench] installing LiveViewJS 0.8.1 into .peers/liveview with npm…\n");
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: PEER_DIR,
      // stdout carries the area's JSON result: npm's output goes to stderr.
      stdio: ["ignore", 2, 2],
      timeout: 300_000,
    });
  }
  const versions: Record<string, string> = {};
  for (const name of Object.keys(PEER_PACKAGES)) versions[name] = installedVersion(name) ?? "?";
  return versions;
}

/** Starts the LiveViewJS server (src/peers/liveview-server.mjs, run from the peer directory). */
export function startLiveView(extraArgs: readonly string[] = []): Promise<ServerProcess> {
  ensurePeer();
  copyFileSync(
    join(BENCH_DIR, "src", "peers", "liveview-server.mjs"),
    join(PEER_DIR, "server.mjs"),
  );
  return startServer(["--expose-gc", ...extraArgs, "server.mjs"], {
    cwd: PEER_DIR,
    name: "LiveViewJS server",
  });
}
