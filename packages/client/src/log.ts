/**
 * Writes to the console, prefixed with `lucent:` as every message of the client is.
 *
 * @example log("warn", "ignored a frame", data, error)
 */
export function log(level: "warn" | "error", ...details: unknown[]): void {
  console[level]("lucent:", ...details);
}
