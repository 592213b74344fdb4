import type { AddressInfo } from "node:net";
import { createLucent } from "@lucent/express";
import express from "express";
import { addDemoPages, announce, LANDING_PAGE } from "./pages.ts";

const server = express();
const lucent = createLucent(server);
addDemoPages(lucent);
server.get("/", (_req, res) => res.type("html").send(LANDING_PAGE));
server.get("/favicon.ico", (_req, res) => res.status(204).end());

const hostname = process.env.HOST ?? "127.0.0.1";
const http = server.listen(Number(process.env.PORT ?? 3000), hostname, () =>
  announce(`http://${hostname}:${(http.address() as AddressInfo).port}`, "Node (Express)"),
);
http.on("upgrade", lucent.handleUpgrade);

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    lucent.shutdown();
    http.close();
  });
