import { createLucent } from "@lucent/deno";
import { addDemoPages, announce, landing } from "./pages.ts";

const lucent = createLucent({ fallback: landing });
addDemoPages(lucent);
const server = Deno.serve(
  {
    port: Number(Deno.env.get("PORT") ?? 3000),
    hostname: Deno.env.get("HOST") ?? "127.0.0.1",
    onListen: ({ hostname, port }) => announce(`http://${hostname}:${port}`, "Deno"),
  },
  lucent.fetch,
);

for (const signal of ["SIGINT", "SIGTERM"] as const)
  Deno.addSignalListener(signal, () => {
    lucent.shutdown();
    // Deno keeps running after shutdown while a socket's peer has vanished uncleanly.
    void server.shutdown().then(() => Deno.exit(0));
  });
