import WebSocket from "ws";

/** Runs `open(i)` for i < count with at most `concurrency` in flight; keeps the results in order. */
export async function openMany<T>(
  count: number,
  concurrency: number,
  open: (i: number) => Promise<T>,
): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      out[i] = await open(i);
    }
  });
  await Promise.all(workers);
  return out;
}

/** A raw `ws` client of src/servers/raw-ws-server.ts. */
export function openRaw(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url.replace(/^http/, "ws"), { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}
