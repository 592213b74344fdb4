import { type BindingOptions, formatBinding, type Payload } from "@lucent/protocol";
import type { EventHandler, Handler } from "../view/node.ts";
import { payloadMismatch } from "../view/payload-check.ts";

// biome-ignore lint/suspicious/noExplicitAny: mappers compose across child components' message types
export type Mapper = (message: any) => unknown;

/** A handler as the user saw it at some sequence number. */
interface HandlerVersion {
  readonly handler: Handler<unknown>;
  readonly mapper: Mapper | null;
  /** First sequence number at which the client's DOM shows this version. */
  readonly since: number;
}

/** A function handler's message for the probe payload, or {@link UNKNOWN} when it threw. */
const UNKNOWN: unique symbol = Symbol("unknown");

/**
 * One bound event on one live element. The reference (`id`) lives as long as the element; the
 * handler behind it may change as views re-render, and the previous version is kept so that an
 * event sent from an older DOM is delivered as the message the user saw (invariant 5).
 */
export interface HandlerEntry {
  readonly id: string;
  handler: Handler<unknown>;
  mapper: Mapper | null;
  since: number;
  prev: HandlerVersion | null;
  /** The `on:<type>` attribute value last sent for this binding. */
  binding: string;
  /** The live element the binding is on (set by the diff). */
  owner: object | null;
  /** What a function handler returned for the probe payload; see {@link probe}. */
  probed: unknown;
  /** The event type bound; fixed for the entry's life. */
  readonly type: string;
  /** The options `binding` was written from. */
  options: BindingOptions;
}

/** What an event resolved to. */
export type Resolution =
  | { readonly status: "message"; readonly message: unknown; readonly owner: object | null }
  | { readonly status: "ignored" }
  | { readonly status: "stale" }
  /** The payload lacks the types the handler is promised (see `payloadMismatch`): not run. */
  | { readonly status: "refused"; readonly reason: string };

/**
 * The handler references of one live tree (one runtime's): allocation, updates, retirement,
 * resolution. A diff may replace its whole set with the bindings its tree still holds.
 */
export interface HandlerRegistry {
  bind(event: EventHandler<unknown>, mapper: Mapper | null, since: number): HandlerEntry;
  /** Points an existing binding at a new handler; returns whether its attribute value changed. */
  rebind(
    entry: HandlerEntry,
    event: EventHandler<unknown>,
    mapper: Mapper | null,
    since: number,
  ): boolean;
  /** Ends a render: `patched` says whether it sent a patch, `seq` is the sequence now current. */
  commit(patched: boolean, seq: number): void;
  retire(entry: HandlerEntry): void;
  /** Retires every binding but these: cheaper than retiring most of a large registry one by one. */
  retainOnly(entries: readonly HandlerEntry[]): void;
  /** Turns an event on `id`, sent from a DOM at sequence `seq`, into a message. May throw (user code). */
  resolve(id: string, seq: number, payload: Payload): Resolution;
  /** The live element that carries the binding `id`, if it still exists. Runs no user code. */
  ownerOf(id: string): object | null;
  readonly size: number;
}

/** Creates an empty registry; references are base-36 counters, never reused. */
export function createHandlerRegistry(): HandlerRegistry {
  return new Registry();
}

/** A class: every session owns one, and prototype methods cost nothing per session. */
class Registry implements HandlerRegistry {
  private entries = new Map<string, HandlerEntry>();
  /** Bindings whose handler changed during the current render, settled by `commit`. */
  private readonly changed: HandlerEntry[] = [];
  private next = 0;

  get size(): number {
    return this.entries.size;
  }

  bind(event: EventHandler<unknown>, mapper: Mapper | null, since: number): HandlerEntry {
    const id = (this.next++).toString(36);
    // The fields every render reads come first, so that they share the object's first cache line.
    const entry: HandlerEntry = {
      type: event.type,
      handler: event.handler,
      options: event.options,
      mapper,
      probed: probe(event.handler),
      since,
      binding: id + flagsOf(event.options),
      id,
      prev: null,
      owner: null,
    };
    this.entries.set(id, entry);
    return entry;
  }

  rebind(
    entry: HandlerEntry,
    event: EventHandler<unknown>,
    mapper: Mapper | null,
    since: number,
  ): boolean {
    const probed = probe(event.handler);
    if (!sameHandler(entry, event.handler, probed)) {
      entry.prev = { handler: entry.handler, mapper: entry.mapper, since: entry.since };
      entry.handler = event.handler;
      entry.since = since;
      entry.probed = probed;
      this.changed.push(entry);
    } else if (typeof event.handler === "function") {
      // The new closure, so that the one from an older render (and the model it closed over)
      // can be collected. An equal message is not stored: the old one is already long-lived.
      entry.handler = event.handler;
    }
    // Written only when they differ: the entry is long-lived, and a store dirties its cache line.
    if (entry.mapper !== mapper) entry.mapper = mapper;
    const before = entry.options;
    if (before === event.options) return false;
    entry.options = event.options;
    if (sameOptions(before, event.options)) return false;
    const binding = entry.id + flagsOf(event.options);
    if (binding === entry.binding) return false;
    entry.binding = binding;
    return true;
  }

  commit(patched: boolean, seq: number): void {
    // A render that sent no patch changed nothing the user sees: its handlers are current at the
    // sequence number the client already has.
    if (!patched) for (const entry of this.changed) entry.since = seq;
    this.changed.length = 0;
  }

  retire(entry: HandlerEntry): void {
    this.entries.delete(entry.id);
  }

  retainOnly(entries: readonly HandlerEntry[]): void {
    const kept = new Map<string, HandlerEntry>();
    for (const entry of entries) kept.set(entry.id, entry);
    this.entries = kept;
  }

  ownerOf(id: string): object | null {
    return this.entries.get(id)?.owner ?? null;
  }

  resolve(id: string, seq: number, payload: Payload): Resolution {
    const entry = this.entries.get(id);
    if (!entry) return STALE;
    let version: HandlerVersion = entry;
    if (seq < entry.since) {
      if (!entry.prev || seq < entry.prev.since) return STALE;
      version = entry.prev;
    }
    const handler = version.handler;
    // Only a function reads the payload: a message handler has nothing to be misled.
    if (typeof handler === "function") {
      const mismatch = payloadMismatch(entry.type, payload, entry.options.include);
      if (mismatch !== undefined) {
        return { status: "refused", reason: `${entry.type} event refused: ${mismatch}` };
      }
    }
    const message =
      typeof handler === "function" ? (handler as (p: Payload) => unknown)(payload) : handler;
    if (message === undefined) return IGNORED;
    return {
      status: "message",
      message: version.mapper ? version.mapper(message) : message,
      owner: entry.owner,
    };
  }
}

const STALE: Resolution = { status: "stale" };
const IGNORED: Resolution = { status: "ignored" };

function sameOptions(a: BindingOptions, b: BindingOptions): boolean {
  return (
    a === b ||
    (a.preventDefault === b.preventDefault &&
      a.stopPropagation === b.stopPropagation &&
      a.reset === b.reset &&
      a.disableWhilePending === b.disableWhilePending &&
      a.debounce === b.debounce &&
      a.throttle === b.throttle &&
      sameList(a.include, b.include) &&
      sameList(a.clear, b.clear) &&
      sameList(a.keys, b.keys))
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const flagsCache = new WeakMap<BindingOptions, string>();

/**
 * The part of an `on:<type>` value after the handler reference. Computed once per options object:
 * handlers without options share one, so binding a row's events formats nothing.
 */
function flagsOf(options: BindingOptions): string {
  let flags = flagsCache.get(options);
  if (flags === undefined) {
    flags = formatBinding({ ...options, handler: "" });
    flagsCache.set(options, flags);
  }
  return flags;
}

/**
 * Whether a new handler means what the entry's current one means. Messages compare by value.
 * Functions are new closures on every render, so identity says nothing: they compare by what they
 * return for a symbolic probe payload. `(e) => typed(e.value)` probes the same every time, while
 * `() => remove(row.id)` probes differently once the row it closes over changes, which is when an
 * event from the older DOM must get the older message. A probe that throws counts as a change.
 */
function sameHandler(entry: HandlerEntry, next: Handler<unknown>, probed: unknown): boolean {
  const current = entry.handler;
  if (current === next) return true;
  if (typeof current !== "function" || typeof next !== "function") {
    return (
      typeof current !== "function" && typeof next !== "function" && sameValue(current, next, 0)
    );
  }
  return probed !== UNKNOWN && entry.probed !== UNKNOWN && sameValue(entry.probed, probed, 0);
}

/**
 * A stand-in payload: any property read, call or conversion yields the probe again (or a fixed
 * string), so decoders such as `(e) => ({ type: "set", value: e.value.trim() })` run without
 * throwing and return the same shape every time.
 */
const PROBE: unknown = new Proxy(() => {}, {
  get: (_target, key) =>
    key === Symbol.toPrimitive ? () => "\u0000probe" : key === "toJSON" ? undefined : PROBE,
  apply: () => PROBE,
  has: () => true,
});

/**
 * What a mapper makes of a probe message: equal results mean equal mappers, even when each render
 * creates a new closure. Memo reuse depends on it, since reused nodes keep their old mappers.
 */
export function probeMapper(mapper: Mapper | null): unknown {
  if (mapper === null) return null;
  try {
    return mapper(PROBE);
  } catch {
    return UNKNOWN;
  }
}

/** Whether two probe results show the same behaviour. */
export function sameProbe(a: unknown, b: unknown): boolean {
  return a !== UNKNOWN && b !== UNKNOWN && sameValue(a, b, 0);
}

function probe(handler: Handler<unknown>): unknown {
  if (typeof handler !== "function") return undefined;
  try {
    return (handler as (payload: unknown) => unknown)(PROBE);
  } catch {
    return UNKNOWN;
  }
}

// V8 compiles `hasOwnProperty.call(o, k)` inside `for (k in o)` to a check of the enum cache and
// calls `Object.hasOwn`: the comparison of two `{ type, id }` messages takes 1.6× as long with the
// latter (`pnpm --filter @lucent/bench profile:own-keys`).
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Structural equality of messages (and of `html` templates' values): arrays by their items, other
 * objects by their own enumerable properties. Hot (every bound event of every render), so no
 * allocation.
 *
 * @example sameMessage({ type: "select", id: 2 }, { type: "select", id: 2 }) // true
 */
export function sameMessage(a: unknown, b: unknown): boolean {
  return sameValue(a, b, 0);
}

function sameValue(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || depth > 8) {
    return false;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let count = 0;
  for (const k in ra) {
    if (!hasOwn.call(ra, k)) continue;
    if (!hasOwn.call(rb, k) || !sameValue(ra[k], rb[k], depth + 1)) return false;
    count++;
  }
  // Without properties, only plain objects are alike: a Date or a Map keeps its state out of sight.
  if (count === 0 && (!isPlain(ra) || !isPlain(rb))) return false;
  for (const k in rb) if (hasOwn.call(rb, k)) count--;
  return count === 0;
}

function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
