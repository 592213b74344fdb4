// The floor under any framework on Bun: Bun.serve's own WebSockets echoing each text frame to its
// sender, as raw-ws-server.ts does on Node. Prints `READY <port>` once listening on 127.0.0.1.
interface EchoSocket {
  send(data: string | Uint8Array): number;
}
declare const Bun: {
  serve(options: {
    port: number;
    hostname: string;
    fetch(request: Request, server: { upgrade(request: Request): boolean }): Response | undefined;
    websocket: { message(ws: EchoSocket, message: string | Uint8Array): void };
  }): { readonly port: number };
};

const server = Bun.serve({
  port: Number(process.env.PORT ?? 0),
  hostname: "127.0.0.1",
  fetch: (request, bun) =>
    bun.upgrade(request) ? undefined : new Response("not found", { status: 404 }),
  websocket: { message: (ws, message) => void ws.send(message) },
});
console.log(`READY ${server.port}`);
