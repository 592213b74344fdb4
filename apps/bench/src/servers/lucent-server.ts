// Lucent on Node as an app would run it: Hono, @hono/node-server and ws through @lucent/hono.
// Serves the bench apps and /__bench/memory; prints `READY <port>` once listening on 127.0.0.1.
import type { AddressInfo } from "node:net";
import { serve, upgradeWebSocket, type WebSocketServerLike } from "@hono/node-server";
import { createLucent } from "@lucent/hono";
import { Hono } from "hono";
import { WebSocketServer } from "ws";
import { chatApp, counterApp, listApp } from "../lib/apps.ts";
import { type Census, census, perItem } from "../lib/heap.ts";
import { jfbApp } from "../lib/jfb.ts";

// The default limit (100 events/s per connection) guards a real server against a flooding
// client; the bench measures how many events the engine handles, so it lifts the limit.
const rateLimit = { perSecond: 1_000_000, burst: 1_000_000 };
// Idle sessions are the point of the memory benchmark: keep them for the whole run.
const graceMs = 600_000;

const hono = new Hono();
const lucent = createLucent(hono, { upgradeWebSocket });
lucent.page("/counter", { app: counterApp, rateLimit, graceMs });
lucent.page("/list", { app: listApp, rateLimit, graceMs });
lucent.page("/jfb", { app: jfbApp, rateLimit, graceMs });
lucent.page("/chat", { app: chatApp, shared: true, rateLimit, graceMs });
hono.get("/__bench/memory", (c) => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return c.json(process.memoryUsage());
});

// Heap census for the memory area: `?count=N` after N sockets returns what each one holds.
let baseline: Census | undefined;
hono.get("/__bench/census", async (c) => {
  const count = Number(c.req.query("count") ?? 0);
  if (count === 0) {
    baseline = await census();
    return c.json({ ok: true });
  }
  const result = perItem(baseline ?? new Map(), await census(), count);
  return c.json({ total: result.total, kinds: result.kinds.slice(0, 25) });
});

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
serve(
  {
    fetch: hono.fetch,
    port: Number(process.env.PORT ?? 0),
    hostname: "127.0.0.1",
    websocket: { server: wss as unknown as WebSocketServerLike },
  },
  (info: AddressInfo) => console.log(`READY ${info.port}`),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
