import { announce } from "./pages.ts";
import { startDemo } from "./server.ts";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";
const demo = await startDemo({ port, hostname });
announce(demo.url, "Node (Hono)");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void demo.close().then(() => process.exit(0));
  });
}
