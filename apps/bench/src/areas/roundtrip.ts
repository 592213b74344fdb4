// Event round trip on loopback (one client per framework clicking a counter, sequentially, the
// frameworks taking short turns) and events per second with 50 clients clicking at once, Lucent
// against LiveViewJS 0.8.1, alternating round by round. Two floors run beside them: bare `ws`
// echoing, and bare `ws` echoing after 5 µs of busy work. Every server also times its own replies
// (src/servers/reply-timer.mjs), which separates what a framework takes from the loopback's
// wake-ups. Servers and the load-generating clients are separate processes on the same 2 cores.
import { performance } from "node:perf_hooks";
import { log, runArea } from "../lib/area.ts";
import { connectLucent } from "../lib/lucent-client.ts";
import { connectLiveView } from "../lib/lv-client.ts";
import { openRaw } from "../lib/many.ts";
import { startLiveView } from "../lib/peers.ts";
import {
  REPLY_TIMER_FLAGS,
  replyTimes,
  type ServerProcess,
  sleep,
  startLucent,
  startRawWs,
} from "../lib/process.ts";
import { type Latency, latency, type Summary, summarize } from "../lib/stats.ts";
import { findElement, handlerOf } from "../lib/wire-tree.ts";

type Framework = "lucent" | "liveview" | "raw" | "work";
const FRAMEWORKS: readonly Framework[] = ["lucent", "liveview", "raw", "work"];
/** The busy work of the `work` echo, per frame: less than any framework's update cycle. */
const ECHO_WORK_US = 5;
type Click = () => Promise<unknown>;

interface Clicker {
  readonly click: Click;
  close(): void;
}

async function clicker(framework: Framework, server: ServerProcess): Promise<Clicker> {
  if (framework === "raw" || framework === "work") {
    // The same size as Lucent's event frame; the echo is the reply.
    const ws = await openRaw(server.url);
    let pending: (() => void) | null = null;
    ws.on("message", () => pending?.());
    return {
      click: () =>
        new Promise<void>((resolve) => {
          pending = resolve;
          ws.send('[1,4,"2",3]');
        }),
      close: () => ws.terminate(),
    };
  }
  if (framework === "lucent") {
    const socket = await connectLucent(`${server.url}/counter`, { mirror: true });
    const inc = handlerOf(
      findElement(socket.mirror!, (e) => e.tag === "button" && e.children[0] === "+"),
    );
    return { click: () => socket.event(inc), close: () => socket.close() };
  }
  const socket = await connectLiveView(server.url, "/counter");
  return { click: () => socket.click("increment"), close: () => socket.close() };
}

/**
 * Round trips of every framework, in short turns that rotate (25 clicks each), so a burst of load
 * from a neighbour on this shared machine lands on all of them alike instead of on whichever long
 * block of clicks it coincided with. Within a turn the server answers back to back, as when one
 * user clicks; only a turn's first click finds it idle, which the median leaves out.
 */
async function roundTrips(
  clickers: Record<Framework, Clicker>,
  warmup: number,
  count: number,
  afterWarmup: () => Promise<unknown>,
): Promise<Record<Framework, Latency>> {
  const turn = 25;
  for (const f of FRAMEWORKS) for (let i = 0; i < warmup; i++) await clickers[f].click();
  await afterWarmup();
  const times: Record<Framework, number[]> = { lucent: [], liveview: [], raw: [], work: [] };
  for (let done = 0, t = 0; done < count; done += turn, t++) {
    for (let k = 0; k < FRAMEWORKS.length; k++) {
      const f = FRAMEWORKS[(t + k) % FRAMEWORKS.length] as Framework;
      for (let i = 0; i < Math.min(turn, count - done); i++) {
        const t0 = performance.now();
        await clickers[f].click();
        times[f].push(performance.now() - t0);
      }
    }
  }
  return {
    lucent: latency(times.lucent),
    liveview: latency(times.liveview),
    raw: latency(times.raw),
    work: latency(times.work),
  };
}

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[values.length >> 1] ?? Number.NaN;

/** Every client clicks as fast as its replies come back; counts replies inside the window. */
async function throughput(
  clients: readonly Clicker[],
  warmupMs: number,
  windowMs: number,
): Promise<number> {
  let counting = false;
  let stop = false;
  let count = 0;
  const loops = clients.map(async (c) => {
    while (!stop) {
      await c.click();
      if (counting) count++;
    }
  });
  await sleep(warmupMs);
  counting = true;
  const t0 = performance.now();
  await sleep(windowMs);
  counting = false;
  const elapsed = performance.now() - t0;
  stop = true;
  await Promise.all(loops);
  return (count / elapsed) * 1000;
}

runArea("roundtrip", async ({ quick }) => {
  const rounds = quick ? 2 : 7;
  const clicks = quick ? 300 : 500;
  const clientCount = 50;
  const windowMs = quick ? 1500 : 2000;
  const servers: Record<Framework, ServerProcess> = {
    lucent: await startLucent(REPLY_TIMER_FLAGS),
    liveview: await startLiveView(REPLY_TIMER_FLAGS),
    raw: await startRawWs(REPLY_TIMER_FLAGS),
    work: await startRawWs(REPLY_TIMER_FLAGS, { ECHO_WORK_US: String(ECHO_WORK_US) }),
  };
  const trips: Record<Framework, Latency[]> = { lucent: [], liveview: [], raw: [], work: [] };
  const rates: Record<"lucent" | "liveview" | "raw", number[]> = {
    lucent: [],
    liveview: [],
    raw: [],
  };
  // Per round, the median time each server took to answer a click, timed inside it (µs).
  const replies: Record<Framework, number[]> = { lucent: [], liveview: [], raw: [], work: [] };
  const replyRatios: number[] = [];
  const workP50Ratios: number[] = [];
  const rawP50Ratios: number[] = [];
  const floorP50Ratios: number[] = [];
  const rawRateRatios: number[] = [];
  const p50Ratios: number[] = [];
  const p99Ratios: number[] = [];
  const rateRatios: number[] = [];
  try {
    // Fresh server processes: let every one compile its hot paths before anything is timed.
    for (const framework of FRAMEWORKS) {
      log("roundtrip", `warming up ${framework}`);
      const c = await clicker(framework, servers[framework]);
      for (let i = 0; i < (quick ? 500 : 2000); i++) await c.click();
      c.close();
    }
    for (let round = 0; round < rounds; round++) {
      log("roundtrip", `round ${round + 1}/${rounds}: round trips, in turns`);
      const single = {
        lucent: await clicker("lucent", servers.lucent),
        liveview: await clicker("liveview", servers.liveview),
        raw: await clicker("raw", servers.raw),
        work: await clicker("work", servers.work),
      };
      const warmup = Math.min(200, clicks);
      const measured = await roundTrips(single, warmup, clicks, () =>
        Promise.all(FRAMEWORKS.map((f) => replyTimes(servers[f]))),
      );
      for (const framework of FRAMEWORKS) {
        trips[framework].push(measured[framework]);
        replies[framework].push(median(await replyTimes(servers[framework])));
        single[framework].close();
      }
      // Throughput saturates the machine, so each framework has it to itself, in rotating order.
      const order: ("lucent" | "liveview" | "raw")[] =
        round % 2 === 0 ? ["lucent", "liveview", "raw"] : ["raw", "liveview", "lucent"];
      for (const framework of order) {
        log("roundtrip", `round ${round + 1}/${rounds}: ${framework} ${clientCount} clients`);
        const clients: Clicker[] = [];
        for (let i = 0; i < clientCount; i++)
          clients.push(await clicker(framework, servers[framework]));
        rates[framework].push(await throughput(clients, 500, windowMs));
        for (const client of clients) client.close();
        await sleep(200);
      }
      const l = trips.lucent[round] as Latency;
      const v = trips.liveview[round] as Latency;
      p50Ratios.push(l.p50 / v.p50);
      p99Ratios.push(l.p99 / v.p99);
      rateRatios.push((rates.lucent[round] as number) / (rates.liveview[round] as number));
      rawP50Ratios.push(l.p50 / (trips.raw[round] as Latency).p50);
      floorP50Ratios.push((trips.raw[round] as Latency).p50 / v.p50);
      workP50Ratios.push((trips.work[round] as Latency).p50 / v.p50);
      replyRatios.push((replies.lucent[round] as number) / (replies.liveview[round] as number));
      rawRateRatios.push((rates.lucent[round] as number) / (rates.raw[round] as number));
    }
  } finally {
    await Promise.all(FRAMEWORKS.map((f) => servers[f].close()));
  }
  const over = (list: Latency[], key: keyof Latency): Summary => summarize(list.map((l) => l[key]));
  return {
    clicks,
    clients: clientCount,
    windowMs,
    roundTrip: {
      lucent: {
        p50: over(trips.lucent, "p50"),
        p99: over(trips.lucent, "p99"),
        runs: trips.lucent,
      },
      liveview: {
        p50: over(trips.liveview, "p50"),
        p99: over(trips.liveview, "p99"),
        runs: trips.liveview,
      },
      /** Lucent / LiveViewJS per round: < 1 means Lucent is faster. */
      p50Ratio: summarize(p50Ratios),
      p99Ratio: summarize(p99Ratios),
    },
    /** Bare `ws` echoing each frame: the floor under both frameworks. */
    raw: {
      p50: over(trips.raw, "p50"),
      p99: over(trips.raw, "p99"),
      eventsPerSecond: summarize(rates.raw),
      p50Ratio: summarize(rawP50Ratios),
      /** Bare ws / LiveViewJS per round: above 0.5, no framework over ws could meet the budget. */
      floorP50Ratio: summarize(floorP50Ratios),
      rateRatio: summarize(rawRateRatios),
    },
    /** Bare ws echoing after {@link ECHO_WORK_US} µs of work: the least any framework adds. */
    work: {
      workUs: ECHO_WORK_US,
      p50: over(trips.work, "p50"),
      p99: over(trips.work, "p99"),
      /** Per round, ÷ LiveViewJS: above 0.5, no server doing that much work meets the budget. */
      p50Ratio: summarize(workP50Ratios),
    },
    /** Median reply time inside each server process, per round (µs): frame read to reply written. */
    replyUs: {
      lucent: summarize(replies.lucent),
      liveview: summarize(replies.liveview),
      raw: summarize(replies.raw),
      work: summarize(replies.work),
      /** Lucent ÷ LiveViewJS per round. */
      ratio: summarize(replyRatios),
    },
    eventsPerSecond: {
      lucent: summarize(rates.lucent),
      liveview: summarize(rates.liveview),
      /** Lucent / LiveViewJS per round: > 1 means Lucent handles more. */
      ratio: summarize(rateRatios),
    },
  };
});
