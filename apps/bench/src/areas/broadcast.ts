// Broadcast latency: one chat message posted to a shared runtime, timed until each of N connected
// clients (in this process, over loopback) has the patch; against bare `ws` sending a frame of the
// same size to the same number of clients (the floor under any framework).
import { performance } from "node:perf_hooks";
import type WebSocket from "ws";
import { log, runArea } from "../lib/area.ts";
import { connectLucent, type LucentSocket } from "../lib/lucent-client.ts";
import { openMany, openRaw } from "../lib/many.ts";
import { sleep, startLucent, startRawWs } from "../lib/process.ts";
import { type Latency, latency, type Summary, summarize } from "../lib/stats.ts";
import { findElement, handlerOf } from "../lib/wire-tree.ts";

interface Run {
  readonly clients: number;
  readonly frameBytes: number;
  readonly lucent: { p50: Summary; p99: Summary; runs: Latency[] };
  readonly raw: { p50: Summary; p99: Summary; runs: Latency[] };
  /** Lucent / bare ws, per message (> 1: Lucent is slower than the floor). */
  readonly p50Ratio: Summary;
  readonly p99Ratio: Summary;
}

const address = (i: number) => `127.0.0.${2 + (i % 4)}`;

/** Waits until every receiver has reported, or the deadline passes. */
async function settle(arrivals: number[], count: number, deadlineMs: number): Promise<void> {
  const until = performance.now() + deadlineMs;
  while (arrivals.length < count && performance.now() < until) await sleep(5);
  if (arrivals.length < count)
    throw new Error(`only ${arrivals.length}/${count} clients got the message`);
}

async function lucentRun(url: string, clients: number, messages: number) {
  const receivers: LucentSocket[] = await openMany(clients, 100, (i) =>
    connectLucent(`${url}/chat`, { localAddress: address(i) }),
  );
  const poster = await connectLucent(`${url}/chat`, { mirror: true });
  const submit = handlerOf(
    findElement(poster.mirror!, (e) => e.tag === "form"),
    "submit",
  );
  const runs: Latency[] = [];
  let frameBytes = 0;
  for (let k = -1; k < messages; k++) {
    const arrivals: number[] = [];
    let t0 = 0;
    for (const r of receivers) {
      r.onPatch = (frame) => {
        arrivals.push(performance.now() - t0);
        frameBytes = Buffer.byteLength(frame);
        r.onPatch = null;
      };
    }
    await sleep(100);
    t0 = performance.now();
    void poster.event(submit, {
      formData: [
        ["name", "bench"],
        ["text", `message number ${k + 2} from the broadcast benchmark`],
      ],
    });
    await settle(arrivals, clients, 30_000);
    if (k >= 0) runs.push(latency(arrivals));
  }
  for (const r of [...receivers, poster]) r.close();
  return { runs, frameBytes };
}

async function rawRun(url: string, clients: number, messages: number, frameBytes: number) {
  const receivers: WebSocket[] = await openMany(clients, 100, () => openRaw(url));
  const poster = await openRaw(url);
  const runs: Latency[] = [];
  for (let k = -1; k < messages; k++) {
    const arrivals: number[] = [];
    let t0 = 0;
    for (const r of receivers) r.once("message", () => arrivals.push(performance.now() - t0));
    await sleep(100);
    t0 = performance.now();
    poster.send(`B${frameBytes}`);
    await settle(arrivals, clients, 30_000);
    if (k >= 0) runs.push(latency(arrivals));
  }
  for (const r of [...receivers, poster]) r.terminate();
  return runs;
}

runArea("broadcast", async ({ quick }) => {
  const sizes = quick ? [1000, 3000] : [1000, 10_000];
  const results: Run[] = [];
  for (const clients of sizes) {
    const messages = quick ? 3 : clients >= 10_000 ? 7 : 15;
    log("broadcast", `${clients} clients: Lucent`);
    const server = await startLucent();
    const lucent = await lucentRun(server.url, clients, messages);
    await server.close();
    log("broadcast", `${clients} clients: bare ws`);
    const rawServer = await startRawWs();
    const raw = await rawRun(rawServer.url, clients, messages, lucent.frameBytes);
    await rawServer.close();
    const ratio = (key: "p50" | "p99") =>
      summarize(lucent.runs.map((l, i) => l[key] / (raw[i] as Latency)[key]));
    results.push({
      clients,
      frameBytes: lucent.frameBytes,
      lucent: {
        p50: summarize(lucent.runs.map((l) => l.p50)),
        p99: summarize(lucent.runs.map((l) => l.p99)),
        runs: lucent.runs,
      },
      raw: {
        p50: summarize(raw.map((l) => l.p50)),
        p99: summarize(raw.map((l) => l.p99)),
        runs: raw,
      },
      p50Ratio: ratio("p50"),
      p99Ratio: ratio("p99"),
    });
  }
  return { runs: results };
});
