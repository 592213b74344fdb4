import { createLucent } from "@lucent/hono";
import { Hono } from "hono";
import { upgradeWebSocket } from "hono/deno";
import { addDemoPages, announce, LANDING_PAGE } from "./pages.ts";

const hono = new Hono();
const lucent = createLucent(hono, { upgradeWebSocket });
addDemoPages(lucent);
hono.get("/", (c) => c.html(LANDING_PAGE));
hono.get("/favicon.ico", (c) => c.body(null, 204));
const server = Deno.serve(
  {
    port: Number(Deno.env.get("PORT") ?? 3000),
    hostname: Deno.env.get("HOST") ?? "127.0.0.1",
    onListen: ({ hostname, port }) => announce(`http://${hostname}:${port}`, "Deno (Hono)"),
  },
  hono.fetch,
);

for (const signal of ["SIGINT", "SIGTERM"] as const)
  Deno.addSignalListener(signal, () => {
    lucent.shutdown();
    // Deno keeps running after shutdown while a socket's peer has vanished uncleanly.
    void server.shutdown().then(() => Deno.exit(0));
  });
