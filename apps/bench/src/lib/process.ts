import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** apps/bench */
export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The monorepo root. */
export const ROOT_DIR = join(BENCH_DIR, "..", "..");

/**
 * Node flags that run this package's TypeScript with tsx. Lucent itself is loaded from its built
 * `dist` (what users run), not through the `lucent-source` condition: tsx compiles with esbuild's
 * `keepNames`, which wraps every function in `__name()` and gives each closure its own property
 * dictionary, so a closure-heavy session measured from source holds ~60% more heap (11.0 KiB vs
 * 6.8 KiB per counter session here) and allocates more per update than the shipped code.
 */
export const TS_FLAGS = ["--import", "tsx"];

/**
 * Bun from the root devDependencies (`bun@npm:bun@…`), its binary run directly. It reads the
 * bench's TypeScript itself and loads Lucent from `dist`, as on Node.
 */
export function bunBinary(): string {
  const root = createRequire(join(ROOT_DIR, "package.json"));
  return join(dirname(root.resolve("bun/package.json")), "bin", "bun.exe");
}

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  close(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/**
 * Starts a server process that prints `READY <port>` when it listens on 127.0.0.1. It is killed
 * when this process exits, and its startup is bounded by `timeoutMs`.
 */
export function startServer(
  args: readonly string[],
  options: {
    cwd?: string;
    env?: Record<string, string>;
    timeoutMs?: number;
    name: string;
    /** The runtime's binary; Node (this one) by default. */
    runtime?: string;
  },
): Promise<ServerProcess> {
  const runtime = options.runtime ?? process.execPath;
  // `--profile` runs: every Node server writes a CPU profile into its own folder, summarised by
  // main.
  const profileRoot = process.env.BENCH_PROFILE_DIR;
  const profileFlags =
    profileRoot && runtime === process.execPath
      ? ["--cpu-prof", `--cpu-prof-dir=${join(profileRoot, options.name.replace(/\W+/g, "-"))}`]
      : [];
  const child = spawn(runtime, [...profileFlags, ...args], {
    cwd: options.cwd ?? BENCH_DIR,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  child.once("exit", () => live.delete(child));
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${options.name} did not start in time:\n${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code} before it was ready:\n${stderr}`));
    });
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\d+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.removeAllListeners("data");
      child.stdout?.resume();
      const port = Number(match[1]);
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        child,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
            setTimeout(() => child.kill("SIGKILL"), 3000).unref();
          }),
      });
    });
  });
}

/** Starts src/servers/lucent-server.ts (Hono + @lucent/hono on Node). */
export function startLucent(extraArgs: readonly string[] = [], env: Record<string, string> = {}) {
  return startServer(
    [
      "--expose-gc",
      ...extraArgs,
      ...TS_FLAGS,
      join(BENCH_DIR, "src", "servers", "lucent-server.ts"),
    ],
    { name: "lucent server", env },
  );
}

/** Starts src/servers/lucent-bun-server.ts (@lucent/bun on Bun.serve). */
export function startLucentBun(): Promise<ServerProcess> {
  return startServer([join(BENCH_DIR, "src", "servers", "lucent-bun-server.ts")], {
    name: "lucent server on Bun",
    runtime: bunBinary(),
  });
}

/** Starts src/servers/raw-bun-server.ts: Bun.serve echoing, the floor under Lucent on Bun. */
export function startRawBun(): Promise<ServerProcess> {
  return startServer([join(BENCH_DIR, "src", "servers", "raw-bun-server.ts")], {
    name: "bun echo server",
    runtime: bunBinary(),
  });
}

/** Starts src/servers/raw-ws-server.ts: bare `ws`, the floor under any framework. */
export function startRawWs(extraArgs: readonly string[] = [], env: Record<string, string> = {}) {
  return startServer(
    [
      "--expose-gc",
      ...extraArgs,
      ...TS_FLAGS,
      join(BENCH_DIR, "src", "servers", "raw-ws-server.ts"),
    ],
    {
      name: env.ECHO_WORK_US ? `raw ws server, ${env.ECHO_WORK_US} µs of work` : "raw ws server",
      env,
    },
  );
}

/** Node flags that preload src/servers/reply-timer.mjs (see there). */
export const REPLY_TIMER_FLAGS = ["--import", join(BENCH_DIR, "src", "servers", "reply-timer.mjs")];

/**
 * The reply times a server started with {@link REPLY_TIMER_FLAGS} recorded since the last call, in
 * microseconds.
 */
export function replyTimes(server: ServerProcess): Promise<number[]> {
  const stdout = server.child.stdout;
  if (!stdout) return Promise.reject(new Error("the server's stdout is not piped"));
  return new Promise((resolve) => {
    let out = "";
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /REPLY-TIMES (\[[^\n]*\])\n/.exec(out);
      if (!match) return;
      stdout.off("data", read);
      resolve(JSON.parse(match[1] as string) as number[]);
    };
    stdout.on("data", read);
    server.child.kill("SIGUSR2");
  });
}

/** GETs JSON from a server of ours on 127.0.0.1. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return (await response.json()) as T;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Pins processes and all their threads (`taskset -a -p`) to one core: the first this process may
 * use. Returns what gives them back this process's affinity, or null, having pinned nothing,
 * where `taskset` is missing or cannot pin (a container's cpuset, a process that has exited).
 */
export function pinToOneCore(pids: readonly number[]): (() => void) | null {
  const taskset = (args: string[]) =>
    execFileSync("taskset", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  let mask: bigint;
  try {
    const out = taskset(["-p", String(process.pid)]);
    mask = BigInt(`0x${(out.trim().split(/\s+/).pop() as string).replace(/,/g, "")}`);
  } catch {
    return null;
  }
  const before = mask.toString(16);
  const restore = (list: readonly number[]) => {
    for (const pid of list) {
      try {
        taskset(["-a", "-p", before, String(pid)]);
      } catch {
        // The process has exited: nothing to give back.
      }
    }
  };
  const pinned: number[] = [];
  for (const pid of pids) {
    try {
      taskset(["-a", "-p", (mask & -mask).toString(16), String(pid)]);
      pinned.push(pid);
    } catch {
      restore(pinned);
      return null;
    }
  }
  return () => restore(pinned);
}
