import { performance } from "node:perf_hooks";

/** How much work an area does: `--quick` for a smoke run, full for the published figures. */
export interface AreaOptions {
  readonly quick: boolean;
}

/**
 * Runs one benchmark area as a script: its result is printed to stdout as one JSON line (the
 * runner reads it), progress goes to stderr. The process exits when the area is done, so a socket
 * or timer left behind cannot keep it alive.
 */
export function runArea(name: string, body: (options: AreaOptions) => Promise<unknown>): void {
  const quick = process.argv.includes("--quick");
  const started = performance.now();
  body({ quick })
    .then((result) => {
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(`${JSON.stringify({ area: name, quick, seconds, result })}\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(`[bench:${name}] failed:`, error);
      process.exit(1);
    });
}

export function log(area: string, message: string): void {
  process.stderr.write(`[bench:${area}] ${message}\n`);
}
