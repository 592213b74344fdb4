/**
 * Whether a WebSocket upgrade may proceed. Browsers send `Origin` on every WebSocket request and
 * WebSockets are exempt from CORS, so a page on another site could otherwise drive a user's
 * session (cross-site WebSocket hijacking). Same origin passes; other origins pass only when
 * listed. A request without `Origin` does not come from a browser page and passes.
 *
 * @example isOriginAllowed(req.headers.get("origin"), new URL(req.url), [])
 */
export function isOriginAllowed(
  origin: string | null | undefined,
  requestUrl: URL,
  allowed: readonly string[],
): boolean {
  if (origin === null || origin === undefined || origin === "") return true;
  if (allowed.includes("*") || allowed.includes(origin)) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.host === requestUrl.host;
}

/** The refusal an adapter sends for a disallowed origin. */
export const ORIGIN_REFUSED = { status: 403, body: "WebSocket origin not allowed" } as const;
