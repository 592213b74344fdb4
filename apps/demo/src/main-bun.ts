import { createLucent } from "@lucent/bun";
import { addDemoPages, announce, landing } from "./pages.ts";

const lucent = createLucent({ fallback: landing });
addDemoPages(lucent);
const server = Bun.serve({
  port: Number(process.env.PORT ?? 3000),
  hostname: process.env.HOST ?? "127.0.0.1",
  fetch: lucent.fetch,
  websocket: lucent.websocket,
});
announce(server.url.origin, "Bun");

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    lucent.shutdown();
    void server.stop();
  });
