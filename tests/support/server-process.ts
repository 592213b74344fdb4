import { type ChildProcess, spawn } from "node:child_process";

/** A server running in a child process. */
export interface ServerProcess {
  /** The line that said the server is ready, matched against `ready`. */
  readonly ready: RegExpExecArray;
  /** Everything the process printed so far, for failure messages. */
  output(): string;
  /** Resolves with the exit code once the process has exited (null if a signal ended it). */
  readonly exited: Promise<number | null>;
  /** SIGTERM to the process and its children; SIGKILL if they are still there after `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Starts a server and waits for it to print a line matching `ready`. The process leads its own
 * process group, so stopping it also stops the runtimes that npm shims start as grandchildren.
 */
export function startServerProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; ready: RegExp; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<ServerProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const stop = (graceMs = 5_000) => stopGroup(child, exited, graceMs);

  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop(0);
      reject(new Error(`${command} ${args.join(" ")}: ${why}\n${output}`));
    };
    const timer = setTimeout(() => fail("not ready in time"), options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = options.ready.exec(output);
      if (!ready) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.stdout.on("data", (more: Buffer) => (output += more.toString()));
      resolve({ ready, output: () => output, exited, stop });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => fail(`exited with ${code} before it was ready`));
  });
}

async function stopGroup(
  child: ChildProcess,
  exited: Promise<number | null>,
  graceMs: number,
): Promise<number | null> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // The group is gone already.
    }
  };
  if (child.exitCode === null && child.signalCode === null) signal("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([exited, late]);
  clearTimeout(timer);
  // Whatever is left of the group: the runtime if it hung, children it left behind if it did not.
  signal("SIGKILL");
  return exited;
}
