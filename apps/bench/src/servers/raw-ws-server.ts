// The floor under any framework: bare `ws` on node:http. A text frame `B<n>` is answered by a
// frame of n bytes to every connected socket (a broadcast with no framework work); anything else
// is echoed to its sender, after `ECHO_WORK_US` microseconds of busy work (default 0) when set, to
// stand in for the least a framework does per event. Serves /__bench/memory; prints `READY <port>`
// once listening.
import { createServer } from "node:http";
import { WebSocketServer } from "ws";

const server = createServer((request, response) => {
  if (request.url === "/__bench/memory") {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify(process.memoryUsage()));
    return;
  }
  response.statusCode = 404;
  response.end();
});
const workNs = BigInt(Math.round(Number(process.env.ECHO_WORK_US ?? 0) * 1000));
const work = () => {
  const end = process.hrtime.bigint() + workNs;
  while (process.hrtime.bigint() < end);
};

const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on("connection", (socket) => {
  socket.on("message", (data) => {
    const text = data.toString();
    if (text.startsWith("B")) {
      const frame = "x".repeat(Number(text.slice(1)));
      for (const client of wss.clients) client.send(frame);
    } else {
      if (workNs > 0n) work();
      socket.send(text);
    }
  });
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  console.log(`READY ${typeof address === "object" && address ? address.port : 0}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
