import { performance } from "node:perf_hooks";
import { type Summary, summarize } from "./stats.ts";

/**
 * One contender of a paired comparison: `prepare` builds the untimed input of one run (a fresh
 * live tree to diff, say), `run` is what is timed. Runs are batched so that one sample lasts long
 * enough for the clock, and the inputs of a batch are all prepared before its timer starts.
 */
export interface Contender<S> {
  readonly name: string;
  /**
   * Evict the CPU's caches once a batch's inputs are prepared, so that every run reads its
   * inputs from memory, whatever the batch size (which otherwise decides how much of them the
   * cache still holds).
   */
  readonly cold?: boolean;
  prepare(): S;
  run(state: S): unknown;
}

export interface CompareOptions {
  /** Samples per contender, interleaved round by round. */
  readonly samples: number;
  /** Untimed warm-up time per contender, ms. */
  readonly warmupMs: number;
  /** Target duration of one sample, ms; sets the batch size. */
  readonly sampleMs: number;
  /** Most prepared inputs held at once (memory bound for big trees). */
  readonly maxBatch: number;
}

export interface Compared {
  /** Time per run, microseconds, per contender. */
  readonly times: Record<string, Summary>;
  /** Per-round ratios `baseline / contender` (>1: the contender is faster), per baseline name. */
  readonly ratios: Record<string, Summary>;
  readonly batch: Record<string, number>;
  /** Every round's time per contender, in round order, for ratios between any two of them. */
  readonly rounds: Record<string, number[]>;
}

/** Per-round ratios `baseline / contender` of two contenders of one comparison. */
export function pairRatio(compared: Compared, baseline: string, contender: string): Summary {
  const a = compared.rounds[baseline] as number[];
  const b = compared.rounds[contender] as number[];
  return summarize(a.map((value, i) => value / (b[i] as number)));
}

// A collection before each timed batch keeps one contender's garbage out of the next one's time.
// Profiled runs skip it, or the profile would be mostly these forced collections.
const gc = process.env.BENCH_PROFILE_DIR ? undefined : (globalThis as { gc?: () => void }).gc;

let sink: unknown;

// Larger than the last-level cache of the machines this runs on (32 MiB on this EPYC).
const EVICT = new Float64Array(8 * 1024 * 1024);

/** Writes and reads 64 MiB, pushing everything else out of the CPU's caches. */
export function evictCaches(): void {
  let sum = 0;
  for (let i = 0; i < EVICT.length; i += 8) {
    EVICT[i] = i;
    sum += EVICT[i] as number;
  }
  sink = sum;
}

function timeBatch<S>(contender: Contender<S>, batch: number): number {
  const states: S[] = new Array(batch);
  for (let i = 0; i < batch; i++) states[i] = contender.prepare();
  gc?.();
  if (contender.cold) evictCaches();
  const start = performance.now();
  for (let i = 0; i < batch; i++) sink = contender.run(states[i] as S);
  return ((performance.now() - start) * 1000) / batch;
}

/**
 * Times contenders in interleaved rounds (A B C, B C A, …) so that drift on a shared machine hits
 * all of them alike, and reports per-round ratios of every contender against `subject`.
 */
export function compare(
  subject: string,
  // biome-ignore lint/suspicious/noExplicitAny: contenders carry different state types
  contenders: readonly Contender<any>[],
  options: CompareOptions,
): Compared {
  const batch: Record<string, number> = {};
  for (const c of contenders) {
    // Warm up and calibrate: double the batch until one sample lasts sampleMs.
    let size = 1;
    const until = performance.now() + options.warmupMs;
    for (;;) {
      const us = timeBatch(c, size);
      if (us * size >= options.sampleMs * 1000 || size >= options.maxBatch) {
        if (performance.now() >= until) break;
        continue;
      }
      size = Math.min(options.maxBatch, size * 2);
    }
    batch[c.name] = size;
  }
  const samples: Record<string, number[]> = {};
  for (const c of contenders) samples[c.name] = [];
  const ratioSamples: Record<string, number[]> = {};
  for (let round = 0; round < options.samples; round++) {
    const roundTimes: Record<string, number> = {};
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(round + k) % contenders.length] as Contender<unknown>;
      const us = timeBatch(c, batch[c.name] as number);
      roundTimes[c.name] = us;
      (samples[c.name] as number[]).push(us);
    }
    const own = roundTimes[subject] as number;
    for (const c of contenders) {
      if (c.name === subject) continue;
      (ratioSamples[c.name] ??= []).push((roundTimes[c.name] as number) / own);
    }
  }
  if (sink === Symbol.for("never")) console.error(sink);
  const times: Record<string, Summary> = {};
  for (const name in samples) times[name] = summarize(samples[name] as number[]);
  const ratios: Record<string, Summary> = {};
  for (const name in ratioSamples) ratios[name] = summarize(ratioSamples[name] as number[]);
  return { times, ratios, batch, rounds: samples };
}
