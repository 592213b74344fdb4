// Memory per idle session (counter app): heap per session through a real endpoint with fake
// connections (in this process), then heap and RSS per connection with real sockets over
// loopback, for Lucent, bare `ws` (the floor) and LiveViewJS; connections that fit in 1 GB.
import { createEndpoint } from "@lucent/server";
import type WebSocket from "ws";
import { counterApp } from "../lib/apps.ts";
import { log, runArea } from "../lib/area.ts";
import { type HeapShare, heapPerItem } from "../lib/heap.ts";
import { connectLucent, newSessionJoin } from "../lib/lucent-client.ts";
import { connectLiveView } from "../lib/lv-client.ts";
import { openMany, openRaw } from "../lib/many.ts";
import { startLiveView } from "../lib/peers.ts";
import { getJson, type ServerProcess, sleep, startLucent, startRawWs } from "../lib/process.ts";

const GIB = 1024 ** 3;
const gc = (globalThis as { gc?: () => void }).gc;

function collect(): NodeJS.MemoryUsage {
  gc?.();
  gc?.();
  return process.memoryUsage();
}

async function inProcess(count: number) {
  const endpoint = createEndpoint({ app: counterApp, graceMs: 600_000 });
  const held: unknown[] = [];
  // One stand-in socket for every session: it plays the host's socket object, which is not
  // Lucent's heap (the real-socket measurement below counts the host's sockets too).
  const socket = { send: () => {}, close: () => {} };
  const open = (n: number) => {
    for (let i = 0; i < n; i++) {
      const handler = endpoint.connect(socket, { url: "ws://127.0.0.1/counter/__lucent" });
      handler.message(newSessionJoin());
      held.push(handler);
    }
  };
  open(200);
  await sleep(10);
  const before = collect();
  open(count);
  await sleep(10);
  const after = collect();
  const heapPerSession = (after.heapUsed - before.heapUsed) / count;
  if (endpoint.sessionCount !== count + 200) throw new Error("sessions were not all created");
  // The same, by kind of object, over a smaller count (heap snapshots).
  const breakdown = await heapPerItem(Math.min(count, 2000), open);
  endpoint.shutdown();
  return {
    sessions: count,
    heapPerSession,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
    breakdown: { total: breakdown.total, kinds: breakdown.kinds.slice(0, 25) },
  };
}

interface SocketMemory {
  readonly connections: number;
  readonly heapPerConnection: number;
  readonly rssPerConnection: number;
  readonly rssBefore: number;
  readonly rssAfter: number;
  /** (1 GiB − RSS before) / RSS per connection. */
  readonly within1GiB: number;
  readonly seconds: number;
}

async function overSockets(
  server: ServerProcess,
  count: number,
  open: (i: number) => Promise<{ close(): void } | WebSocket>,
): Promise<SocketMemory> {
  const warm = await openMany(50, 25, open);
  const before = await getJson<NodeJS.MemoryUsage>(`${server.url}/__bench/memory`);
  const t0 = Date.now();
  const sockets = await openMany(count, 100, open);
  const seconds = (Date.now() - t0) / 1000;
  await sleep(500);
  const after = await getJson<NodeJS.MemoryUsage>(`${server.url}/__bench/memory`);
  for (const s of [...warm, ...sockets]) "terminate" in s ? s.terminate() : s.close();
  const rssPerConnection = (after.rss - before.rss) / count;
  return {
    connections: count,
    heapPerConnection: (after.heapUsed - before.heapUsed) / count,
    rssPerConnection,
    rssBefore: before.rss,
    rssAfter: after.rss,
    within1GiB: Math.floor((GIB - before.rss) / rssPerConnection),
    seconds,
  };
}

runArea("memory", async ({ quick }) => {
  if (!gc) throw new Error("run with --expose-gc");
  const sessions = quick ? 5000 : 20_000;
  const sockets = quick ? 2000 : 10_000;
  const peerSockets = quick ? 500 : 2000;
  log("memory", `${sessions} sessions with fake connections`);
  const fake = await inProcess(sessions);

  log("memory", `${sockets} Lucent sockets`);
  const lucentServer = await startLucent();
  const lucent = await overSockets(lucentServer, sockets, (i) =>
    connectLucent(`${lucentServer.url}/counter`, { localAddress: `127.0.0.${2 + (i % 4)}` }),
  );
  await lucentServer.close();

  // What one socket's session holds on the server, by kind of object (a smaller count keeps the
  // heap snapshots quick).
  const censusCount = quick ? 300 : 1000;
  log("memory", `heap census of ${censusCount} Lucent sockets`);
  const censusServer = await startLucent();
  const warm = await openMany(50, 25, () => connectLucent(`${censusServer.url}/counter`));
  await getJson(`${censusServer.url}/__bench/census`);
  const censused = await openMany(censusCount, 100, (i) =>
    connectLucent(`${censusServer.url}/counter`, { localAddress: `127.0.0.${2 + (i % 4)}` }),
  );
  await sleep(300);
  const socketCensus = await getJson<{ total: number; kinds: HeapShare[] }>(
    `${censusServer.url}/__bench/census?count=${censusCount}`,
  );
  for (const s of [...warm, ...censused]) s.close();
  await censusServer.close();

  log("memory", `${sockets} bare ws sockets`);
  const rawServer = await startRawWs();
  const raw = await overSockets(rawServer, sockets, () => openRaw(rawServer.url));
  await rawServer.close();

  log("memory", `${peerSockets} LiveViewJS sockets`);
  const lvServer = await startLiveView();
  const liveview = await overSockets(lvServer, peerSockets, (i) =>
    connectLiveView(lvServer.url, "/counter", { localAddress: `127.0.0.${2 + (i % 4)}` }),
  );
  await lvServer.close();
  return {
    fake,
    sockets: { lucent, raw, liveview },
    census: { sockets: censusCount, ...socketCensus },
  };
});
