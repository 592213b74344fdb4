// Lucent on Bun as an app would run it: Bun.serve and its own WebSockets through @lucent/bun.
// Serves the counter with the same options as lucent-server.ts (Node), so the two differ only in
// the runtime and its socket server. Prints `READY <port>` once listening on 127.0.0.1.
import { createLucent } from "@lucent/bun";
import { counterApp } from "../lib/apps.ts";

// The members of Bun's global used here (the bench is typed against Node).
declare const Bun: {
  serve(options: {
    port: number;
    hostname: string;
    fetch: ReturnType<typeof createLucent>["fetch"];
    websocket: ReturnType<typeof createLucent>["websocket"];
  }): { readonly port: number };
};

const lucent = createLucent();
// As on Node: lift the per-connection event rate limit (the bench measures the engine).
lucent.page("/counter", {
  app: counterApp,
  rateLimit: { perSecond: 1_000_000, burst: 1_000_000 },
  graceMs: 600_000,
});
const server = Bun.serve({
  port: Number(process.env.PORT ?? 0),
  hostname: "127.0.0.1",
  fetch: lucent.fetch,
  websocket: lucent.websocket,
});
console.log(`READY ${server.port}`);
