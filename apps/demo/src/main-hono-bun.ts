import { createLucent } from "@lucent/hono";
import { DEFAULT_MAX_FRAME_BYTES } from "@lucent/server";
import { Hono } from "hono";
import { upgradeWebSocket, websocket } from "hono/bun";
import { addDemoPages, announce, LANDING_PAGE } from "./pages.ts";

const hono = new Hono();
const lucent = createLucent(hono, { upgradeWebSocket });
addDemoPages(lucent);
hono.get("/", (c) => c.html(LANDING_PAGE));
hono.get("/favicon.ico", (c) => c.body(null, 204));
const server = Bun.serve({
  port: Number(process.env.PORT ?? 3000),
  hostname: process.env.HOST ?? "127.0.0.1",
  fetch: hono.fetch,
  websocket: { ...websocket, maxPayloadLength: DEFAULT_MAX_FRAME_BYTES },
});
announce(server.url.origin, "Bun (Hono)");

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    lucent.shutdown();
    void server.stop();
  });
