import { AckStatus, type AckStatusCode, type Json, type Payload } from "@lucent/protocol";
import { createRoot, diffView, mountView } from "../diff/diff.ts";
import { createHandlerRegistry, type HandlerRegistry } from "../diff/handlers.ts";
import { type LiveElement, toWire } from "../diff/live.ts";
import { renderChildren } from "../render/html.ts";
import type { Node } from "../view/node.ts";
import { type App, type ClientInfo, splitTransition } from "./app.ts";
import type { Effect } from "./effect.ts";
import { createReplayBuffer } from "./replay-buffer.ts";
import { type EffectHost, runEffect } from "./run-effect.ts";
import { createSubscriptionSet } from "./subscription-set.ts";

/** A connection as the runtime sees it; the connection layer turns these calls into frames. */
export interface RuntimeClient {
  readonly info: ClientInfo;
  /** A patch serialised once for every client; `ack` is this client's latest event in it. */
  patch(opsJson: string, ack: number | undefined): void;
  ack(ref: number, status: AckStatusCode): void;
  emit(name: string, detail: Json): void;
  navigate(url: string, replace: boolean): void;
  title(title: string): void;
  /** The live tree was rebuilt: the client needs a full mount. */
  remount(): void;
}

/** Where an error in user code happened. */
export type ErrorPhase = "init" | "update" | "view" | "effect" | "subscription" | "handler";

export interface RuntimeOptions {
  /** Called for every error in user code; the runtime keeps its last good model. @default console.error */
  readonly onError?: (error: unknown, phase: ErrorPhase) => void;
  /** Patches kept for clients that resume after a reconnect. @default 256 */
  readonly replayLimit?: number;
  /** Total characters of kept patches. @default 1_000_000 */
  readonly replayCharacters?: number;
}

/** A running app: its model, its live tree, and the clients that show it. */
export interface Runtime<Msg> {
  /** Patches produced so far; the sequence number of the current tree. */
  readonly seq: number;
  readonly clientCount: number;
  readonly closed: boolean;
  /** The document title for the current model, when the app defines one. */
  readonly title: string | undefined;
  /** Queues a message; messages are processed one at a time, in order. */
  dispatch(message: Msg): void;
  /** Turns a client's DOM event into a message (or a stale/ignored outcome) and queues it. */
  event(client: RuntimeClient, ref: number, handler: string, seq: number, payload: Payload): void;
  /** Queues the acknowledgement of an event that was refused before reaching the runtime. */
  refuse(client: RuntimeClient, ref: number, status: AckStatusCode): void;
  /** An attribute of a `<lucent-view>` changed; a message if the app observes that name. */
  attribute(name: string, value: string | null): void;
  /** The user went back or forward in the history to `url`. */
  navigated(url: string): void;
  /** Page JavaScript sent the app a message. */
  cast(name: string, detail: Json): void;
  /** Starts sending patches to `client`; it must already show the tree at {@link seq}. */
  attach(client: RuntimeClient): void;
  detach(client: RuntimeClient): void;
  /** The current tree as a JSON list of wire nodes (cached per sequence number). */
  treeJson(): string;
  /** The current tree as HTML, for server-side rendering. */
  html(): string;
  /** Serialised patches after `seq`, or undefined when they are no longer kept. */
  patchesSince(seq: number): readonly string[] | undefined;
  /** Stops subscriptions, timers and pending tasks; further messages are ignored. */
  shutdown(): void;
}

interface Entry<Msg> {
  readonly message: Msg | undefined;
  readonly hasMessage: boolean;
  readonly client: RuntimeClient | undefined;
  readonly ref: number;
  /** The live element whose event produced the message, if any. */
  readonly owner: object | null;
  status: AckStatusCode;
}

const MAX_PENDING_EMITS = 32;

/**
 * Starts an app. The runtime outlives its clients: it runs until {@link Runtime.shutdown}.
 *
 * @example const runtime = createRuntime(counter, undefined); runtime.dispatch("inc")
 */
export function createRuntime<Model, Msg, Flags>(
  app: App<Model, Msg, Flags>,
  flags: Flags,
  options: RuntimeOptions = {},
): Runtime<Msg> {
  const report =
    options.onError ??
    ((error: unknown, phase: ErrorPhase) => console.error(`[lucent] ${phase} failed:`, error));
  const replay = createReplayBuffer(
    options.replayLimit ?? 256,
    options.replayCharacters ?? 1_000_000,
  );

  const clients = new Set<RuntimeClient>();
  let registry: HandlerRegistry = createHandlerRegistry();
  let root: LiveElement = createRoot();
  let seq = 0;
  let closed = false;
  let queue: Entry<Msg>[] = [];
  let scheduled = false;
  let treeCache: { seq: number; json: string } | undefined;
  const pendingEmits: [string, Json][] = [];

  const host: EffectHost<Msg> = {
    dispatch,
    emit,
    navigate(url, replace) {
      for (const client of clients) client.navigate(url, replace);
    },
    report: (error) => report(error, "effect"),
    isClosed: () => closed,
  };
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const subscriptions = createSubscriptionSet<Msg>(dispatch, (error) =>
    report(error, "subscription"),
  );

  const [initialModel, initialEffect] = splitTransition(app.init(flags));
  let model = initialModel;
  let rendered = initialModel;
  let title = titleOf(initialModel);
  mountView(root, app.view(model), registry, 0);
  registry.commit(true, 0);
  subscriptions.update(app.subscriptions?.(model) ?? []);
  if (initialEffect) runEffect(initialEffect, host, timers);

  function titleOf(m: Model): string | undefined {
    if (!app.title) return undefined;
    try {
      return app.title(m);
    } catch (error) {
      report(error, "view");
      return title;
    }
  }

  function dispatch(message: Msg): void {
    enqueue({
      message,
      hasMessage: true,
      client: undefined,
      ref: 0,
      owner: null,
      status: AckStatus.Ok,
    });
  }

  /** Queues the message an app hook makes of outside input; a hook that throws is reported. */
  function deliver(produce: () => Msg | undefined, phase: ErrorPhase): void {
    try {
      const message = produce();
      if (message !== undefined) dispatch(message);
    } catch (error) {
      report(error, phase);
    }
  }

  function emit(name: string, detail: Json): void {
    if (clients.size === 0) {
      if (pendingEmits.length < MAX_PENDING_EMITS) pendingEmits.push([name, detail]);
      return;
    }
    for (const client of clients) client.emit(name, detail);
  }

  function enqueue(entry: Entry<Msg>): void {
    if (closed) return;
    queue.push(entry);
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  }

  function apply(from: Model, entries: readonly Entry<Msg>[], collected: Effect<Msg>[]): Model {
    let current = from;
    for (const entry of entries) {
      if (!entry.hasMessage) continue;
      try {
        const [next, effect] = splitTransition(app.update(current, entry.message as Msg));
        current = next;
        if (effect) collected.push(effect);
        entry.status = AckStatus.Ok;
      } catch (error) {
        entry.status = AckStatus.Failed;
        report(error, "update");
      }
    }
    return current;
  }

  /**
   * Renders `next`; returns the serialised patch ("" for none), or undefined if the view failed.
   * `touched` are the elements whose events were just handled: their form controls get their
   * values re-sent, so an edit the app rejected is undone in the browser.
   */
  function render(next: Model, touched: ReadonlySet<object> | null): string | undefined {
    if (next === rendered && touched === null) return "";
    let view: Node<Msg>;
    try {
      view = app.view(next);
    } catch (error) {
      report(error, "view");
      return undefined;
    }
    let ops: unknown[];
    try {
      ops = diffView(root, view, registry, seq + 1, touched);
    } catch (error) {
      // A memo's render threw halfway through the diff: the live tree is no longer trustworthy.
      report(error, "view");
      rebuild();
      return undefined;
    }
    const changed = next !== rendered;
    rendered = model = next;
    const patched = ops.length > 0;
    if (patched) seq++;
    registry.commit(patched, seq);
    if (changed) subscriptions.update(safeSubscriptions(next));
    if (!patched) return "";
    const json = JSON.stringify(ops);
    replay.push(json);
    return json;
  }

  function updateTitle(m: Model): void {
    const next = titleOf(m);
    if (next === undefined || next === title) return;
    title = next;
    for (const client of clients) client.title(next);
  }

  function rebuild(): void {
    registry = createHandlerRegistry();
    root = createRoot();
    seq++;
    mountView(root, app.view(rendered), registry, seq);
    registry.commit(true, seq);
    model = rendered;
    replay.reset(seq);
    for (const client of clients) client.remount();
  }

  function safeSubscriptions(m: Model) {
    try {
      return app.subscriptions?.(m) ?? [];
    } catch (error) {
      report(error, "subscription");
      return undefined;
    }
  }

  function touchedBy(entries: readonly Entry<Msg>[]): Set<object> | null {
    let touched: Set<object> | null = null;
    for (const entry of entries) if (entry.owner) (touched ??= new Set()).add(entry.owner);
    return touched;
  }

  function flush(): void {
    scheduled = false;
    if (closed) return;
    const entries = queue;
    queue = [];
    const collected: Effect<Msg>[] = [];
    const json = render(apply(model, entries, collected), touchedBy(entries));
    if (json !== undefined) {
      sendAcks(entries, json);
      updateTitle(model);
      for (const effect of collected) runEffect(effect, host, timers);
      return;
    }
    // The batch's view failed: replay it one message at a time from the last good model, so only
    // the message that breaks the view is lost.
    for (const entry of entries) {
      const single: Effect<Msg>[] = [];
      const patch = render(apply(model, [entry], single), touchedBy([entry]));
      if (patch === undefined) {
        if (entry.hasMessage) entry.status = AckStatus.Failed;
        continue;
      }
      if (patch !== "") for (const client of clients) client.patch(patch, undefined);
      updateTitle(model);
      for (const effect of single) runEffect(effect, host, timers);
    }
    sendAcks(entries, "");
  }

  function sendAcks(entries: readonly Entry<Msg>[], json: string): void {
    const latest = new Map<RuntimeClient, number>();
    for (const entry of entries) {
      if (!entry.client || !clients.has(entry.client)) continue;
      if (entry.status !== AckStatus.Ok) entry.client.ack(entry.ref, entry.status);
      latest.set(entry.client, Math.max(latest.get(entry.client) ?? -1, entry.ref));
    }
    if (json !== "") {
      for (const client of clients) client.patch(json, latest.get(client));
    } else {
      for (const [client, ref] of latest) client.ack(ref, AckStatus.Ok);
    }
  }

  return {
    get seq() {
      return seq;
    },
    get clientCount() {
      return clients.size;
    },
    get closed() {
      return closed;
    },
    get title() {
      return title;
    },
    dispatch,
    event(client, ref, handler, clientSeq, payload) {
      let message: unknown;
      let owner: object | null = null;
      let status: AckStatusCode = AckStatus.Ok;
      try {
        const resolution = registry.resolve(handler, clientSeq, payload);
        if (resolution.status === "message") ({ message, owner } = resolution);
        else if (resolution.status === "stale") status = AckStatus.Stale;
      } catch (error) {
        report(error, "handler");
        status = AckStatus.Failed;
      }
      const hasMessage = message !== undefined;
      enqueue({ message: message as Msg, hasMessage, client, ref, owner, status });
    },
    refuse(client, ref, status) {
      enqueue({ message: undefined, hasMessage: false, client, ref, owner: null, status });
    },
    attribute(name, value) {
      const observe =
        app.attributes && Object.hasOwn(app.attributes, name) ? app.attributes[name] : undefined;
      if (observe) deliver(() => observe(value), "handler");
    },
    navigated(url) {
      if (app.onUrlChange) deliver(() => app.onUrlChange?.(url), "handler");
    },
    cast(name, detail) {
      if (app.onMessage) deliver(() => app.onMessage?.(name, detail), "handler");
    },
    attach(client) {
      clients.add(client);
      for (const [name, detail] of pendingEmits.splice(0)) client.emit(name, detail);
      if (app.onConnect) deliver(() => app.onConnect?.(client.info), "handler");
      for (const name in client.info.attributes)
        this.attribute(name, client.info.attributes[name] ?? null);
    },
    detach(client) {
      if (!clients.delete(client)) return;
      if (app.onDisconnect) deliver(() => app.onDisconnect?.(client.info), "handler");
    },
    treeJson() {
      if (treeCache?.seq !== seq)
        treeCache = { seq, json: JSON.stringify(root.children.map(toWire)) };
      return treeCache.json;
    },
    html() {
      return renderChildren(root);
    },
    patchesSince(since) {
      return replay.since(since, seq);
    },
    shutdown() {
      if (closed) return;
      closed = true;
      queue = [];
      subscriptions.update([]);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      clients.clear();
    },
  };
}
