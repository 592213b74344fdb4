/**
 * A size limit from the server's options, raised to the least the protocol needs. A limit that is
 * not a number is a mistake that would silently turn the check off (`length > NaN` is never
 * true), so it throws instead.
 */
export function configuredLimit(name: string, least: number, value: number): number {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new RangeError(`${name} must be a number, got ${String(value)}`);
  }
  return Math.max(least, value);
}
