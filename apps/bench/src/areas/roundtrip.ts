// Event round trip on loopback (one client per framework clicking a counter, sequentially, the
// frameworks taking short turns) and events per second with 50 clients clicking at once, Lucent
// against LiveViewJS 0.8.1, alternating round by round. Two floors run beside them: bare `ws`
// echoing, and bare `ws` echoing after 5 µs of busy work. Every server also times its own replies
// (src/servers/reply-timer.mjs), which separates what a framework takes from the loopback's
// wake-ups. Servers and the load-generating clients are separate processes on the same 2 cores.
// Beside the budget's comparison (both frameworks on Node), Lucent on Bun (@lucent/bun) and Bun's
// bare echo: LiveViewJS has no Bun binding, so this is what choosing Lucent's runtime buys.
// Then the same round trips again with every process on one core: on this 2-core VM a reply that
// lands on an idle core wakes it, which costs about 100 µs and happens in runs of rounds, so the
// unpinned p50 is partly a lottery of where each process sleeps; on one core every hand-off is a
// context switch, and the round trip is the work of both ends.
import { performance } from "node:perf_hooks";
import { log, runArea } from "../lib/area.ts";
import { connectLucent } from "../lib/lucent-client.ts";
import { connectLiveView } from "../lib/lv-client.ts";
import { openRaw } from "../lib/many.ts";
import { startLiveView } from "../lib/peers.ts";
import {
  pinToOneCore,
  REPLY_TIMER_FLAGS,
  replyTimes,
  type ServerProcess,
  sleep,
  startLucent,
  startLucentBun,
  startRawBun,
  startRawWs,
} from "../lib/process.ts";
import { type Latency, latency, type Summary, summarize } from "../lib/stats.ts";
import { findElement, handlerOf } from "../lib/wire-tree.ts";

type Framework = "lucent" | "liveview" | "raw" | "work" | "lucent-bun" | "raw-bun";
const FRAMEWORKS: readonly Framework[] = [
  "lucent",
  "liveview",
  "raw",
  "work",
  "lucent-bun",
  "raw-bun",
];
/** The Node servers, which time their own replies (reply-timer.mjs preloads into Node only). */
const NODE_SERVERS: readonly Framework[] = ["lucent", "liveview", "raw", "work"];
type Loaded = "lucent" | "liveview" | "raw" | "lucent-bun" | "raw-bun";
const LOADED: readonly Loaded[] = ["lucent", "liveview", "raw", "lucent-bun", "raw-bun"];
const byFramework = <T>(make: (f: Framework) => T): Record<Framework, T> =>
  Object.fromEntries(FRAMEWORKS.map((f) => [f, make(f)])) as Record<Framework, T>;
/** The busy work of the `work` echo, per frame: less than any framework's update cycle. */
const ECHO_WORK_US = 5;
type Click = () => Promise<unknown>;

interface Clicker {
  readonly click: Click;
  close(): void;
}

async function clicker(framework: Framework, server: ServerProcess): Promise<Clicker> {
  if (framework === "raw" || framework === "work" || framework === "raw-bun") {
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
  if (framework === "lucent" || framework === "lucent-bun") {
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
  const times = byFramework((): number[] => []);
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
  return byFramework((f) => latency(times[f]));
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
    "lucent-bun": await startLucentBun(),
    "raw-bun": await startRawBun(),
  };
  const trips = byFramework((): Latency[] => []);
  const rates = byFramework((): number[] => []);
  // Per round, the median time each Node server took to answer a click, timed inside it (µs).
  const replies = byFramework((): number[] => []);
  const replyRatios: number[] = [];
  const workP50Ratios: number[] = [];
  const rawP50Ratios: number[] = [];
  const floorP50Ratios: number[] = [];
  const rawRateRatios: number[] = [];
  const p50Ratios: number[] = [];
  const p99Ratios: number[] = [];
  const rateRatios: number[] = [];
  const bunP50Ratios: number[] = [];
  const bunP99Ratios: number[] = [];
  const bunRateRatios: number[] = [];
  const bunFloorP50Ratios: number[] = [];
  // Round trips with every process on the first core (null where `taskset` is missing).
  const pinned = byFramework((): Latency[] => []);
  let pinnable = true;
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
      const single = {} as Record<Framework, Clicker>;
      for (const f of FRAMEWORKS) single[f] = await clicker(f, servers[f]);
      const warmup = Math.min(200, clicks);
      const measured = await roundTrips(single, warmup, clicks, () =>
        Promise.all(NODE_SERVERS.map((f) => replyTimes(servers[f]))),
      );
      for (const framework of FRAMEWORKS) {
        trips[framework].push(measured[framework]);
        if (NODE_SERVERS.includes(framework)) {
          replies[framework].push(median(await replyTimes(servers[framework])));
        }
      }
      const pids = [process.pid, ...FRAMEWORKS.map((f) => servers[f].child.pid as number)];
      const restore: (() => void) | null = pinnable ? pinToOneCore(pids) : null;
      pinnable = restore !== null;
      try {
        if (restore) {
          log("roundtrip", `round ${round + 1}/${rounds}: round trips on one core`);
          const onOneCore = await roundTrips(single, warmup, clicks, async () => {});
          for (const framework of FRAMEWORKS) pinned[framework].push(onOneCore[framework]);
        }
      } finally {
        restore?.();
        for (const framework of FRAMEWORKS) single[framework].close();
      }
      // Throughput saturates the machine, so each framework has it to itself, in rotating order.
      const order = round % 2 === 0 ? LOADED : [...LOADED].reverse();
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
      const b = trips["lucent-bun"][round] as Latency;
      bunP50Ratios.push(b.p50 / v.p50);
      bunP99Ratios.push(b.p99 / v.p99);
      bunFloorP50Ratios.push((trips["raw-bun"][round] as Latency).p50 / v.p50);
      bunRateRatios.push(
        (rates["lucent-bun"][round] as number) / (rates.liveview[round] as number),
      );
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
    /** The same round trips with every process on one core; absent without `taskset`. */
    oneCore: pinnable
      ? {
          p50: byFramework((f) => over(pinned[f], "p50")),
          p99: byFramework((f) => over(pinned[f], "p99")),
          /** Per round, each server's p50 ÷ LiveViewJS's. */
          p50Ratio: byFramework((f) =>
            summarize(pinned[f].map((l, i) => l.p50 / (pinned.liveview[i] as Latency).p50)),
          ),
        }
      : undefined,
    /** Lucent on Bun (@lucent/bun), and Bun's bare echo, against LiveViewJS on Node. */
    bun: {
      p50: over(trips["lucent-bun"], "p50"),
      p99: over(trips["lucent-bun"], "p99"),
      eventsPerSecond: summarize(rates["lucent-bun"]),
      /** Lucent on Bun ÷ LiveViewJS per round. */
      p50Ratio: summarize(bunP50Ratios),
      p99Ratio: summarize(bunP99Ratios),
      rateRatio: summarize(bunRateRatios),
      raw: {
        p50: over(trips["raw-bun"], "p50"),
        p99: over(trips["raw-bun"], "p99"),
        eventsPerSecond: summarize(rates["raw-bun"]),
        /** Bun's bare echo ÷ LiveViewJS per round. */
        p50Ratio: summarize(bunFloorP50Ratios),
      },
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
