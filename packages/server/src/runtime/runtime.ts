import { AckStatus, type AckStatusCode, type Json, type Payload } from "@lucent/protocol";
import { createRoot, diffView, mountView } from "../diff/diff.ts";
import { createHandlerRegistry, type HandlerRegistry } from "../diff/handlers.ts";
import { type LiveElement, toWire } from "../diff/live.ts";
import { renderChildren } from "../render/html.ts";
import type { Node } from "../view/node.ts";
import { type App, type ClientInfo, splitTransition } from "./app.ts";
import type { Effect } from "./effect.ts";
import { ReplayBuffer } from "./replay-buffer.ts";
import { type EffectHost, runEffect } from "./run-effect.ts";
import type { Subscription } from "./subscription.ts";
import { SubscriptionSet } from "./subscription-set.ts";

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
/**
 * Where an error came from; "payload" is a client's event whose payload lacks the types its
 * handler is promised (refused before the handler runs: a bug in a page script, or a forgery).
 */
export type ErrorPhase =
  | "init"
  | "update"
  | "view"
  | "effect"
  | "subscription"
  | "handler"
  | "payload";

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
  /**
   * An event on `handler` that the client sent before, on a socket that died (protocol v2): it is
   * not processed again. It is acknowledged as `ref`, after everything queued before it, and the
   * values of its element's form controls are sent again, as for an event just handled: the patch
   * that set them may have died with the socket while the client held them for the user.
   */
  resent(client: RuntimeClient, ref: number, handler: string): void;
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
const defaultReport = (error: unknown, phase: ErrorPhase) =>
  console.error(`[lucent] ${phase} failed:`, error);

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
  return new AppRuntime(app, flags, options);
}

/**
 * The runtime. A class rather than closures: a server holds one per session, tens of thousands
 * of them idle, and prototype methods plus collections allocated only when first needed keep an
 * idle counter session within a few kilobytes.
 */
class AppRuntime<Model, Msg, Flags> implements Runtime<Msg>, EffectHost<Msg> {
  seq = 0;
  closed = false;
  title: string | undefined;
  private registry: HandlerRegistry = createHandlerRegistry();
  private root: LiveElement = createRoot();
  private model: Model;
  /** The last model whose view is the live tree. */
  private rendered: Model;
  private readonly clients = new Set<RuntimeClient>();
  private queue: Entry<Msg>[] | null = null;
  private cachedTree: string | null = null;
  private cachedSeq = -1;
  private replay: ReplayBuffer | null = null;
  private pendingEmits: [string, Json][] | null = null;
  private timers: Set<ReturnType<typeof setTimeout>> | null = null;
  private subscriptions: SubscriptionSet<Msg> | null = null;

  constructor(
    private readonly app: App<Model, Msg, Flags>,
    flags: Flags,
    private readonly options: RuntimeOptions,
  ) {
    const [initial, effect] = splitTransition(app.init(flags));
    this.model = this.rendered = initial;
    this.title = this.titleOf(initial);
    mountView(this.root, app.view(initial), this.registry, 0);
    this.registry.commit(true, 0);
    if (app.subscriptions) {
      this.subscriptions = new SubscriptionSet(
        (message) => this.dispatch(message),
        (error) => this.report(error, "subscription"),
      );
      this.subscriptions.update(app.subscriptions(initial));
    }
    if (effect) runEffect(effect, this);
  }

  get clientCount(): number {
    return this.clients.size;
  }

  private report(error: unknown, phase: ErrorPhase): void {
    (this.options.onError ?? defaultReport)(error, phase);
  }

  // --- EffectHost ---

  dispatch(message: Msg): void {
    this.enqueue({
      message,
      hasMessage: true,
      client: undefined,
      ref: 0,
      owner: null,
      status: AckStatus.Ok,
    });
  }

  emit(name: string, detail: Json): void {
    if (this.clients.size === 0) {
      // Lustre loses emits made before any client joins (its issue #485); Lucent keeps a few.
      const pending = (this.pendingEmits ??= []);
      if (pending.length < MAX_PENDING_EMITS) pending.push([name, detail]);
      return;
    }
    for (const client of this.clients) client.emit(name, detail);
  }

  navigate(url: string, replace: boolean): void {
    for (const client of this.clients) client.navigate(url, replace);
  }

  reportEffect(error: unknown): void {
    this.report(error, "effect");
  }

  after(ms: number, callback: () => void): void {
    const timers = (this.timers ??= new Set());
    const timer = setTimeout(() => {
      timers.delete(timer);
      callback();
    }, ms);
    timers.add(timer);
  }

  // --- input ---

  event(
    client: RuntimeClient,
    ref: number,
    handler: string,
    clientSeq: number,
    payload: Payload,
  ): void {
    let message: unknown;
    let owner: object | null = null;
    let status: AckStatusCode = AckStatus.Ok;
    try {
      const resolution = this.registry.resolve(handler, clientSeq, payload);
      if (resolution.status === "message") ({ message, owner } = resolution);
      else if (resolution.status === "stale") status = AckStatus.Stale;
      else if (resolution.status === "refused") {
        this.report(new TypeError(resolution.reason), "payload");
        status = AckStatus.Failed;
      }
    } catch (error) {
      this.report(error, "handler");
      status = AckStatus.Failed;
    }
    this.enqueue({
      message: message as Msg,
      hasMessage: message !== undefined,
      client,
      ref,
      owner,
      status,
    });
  }

  refuse(client: RuntimeClient, ref: number, status: AckStatusCode): void {
    this.enqueue({ message: undefined, hasMessage: false, client, ref, owner: null, status });
  }

  resent(client: RuntimeClient, ref: number, handler: string): void {
    const owner = this.registry.ownerOf(handler);
    this.enqueue({
      message: undefined,
      hasMessage: false,
      client,
      ref,
      owner,
      status: AckStatus.Ok,
    });
  }

  attribute(name: string, value: string | null): void {
    const observed = this.app.attributes;
    if (observed && Object.hasOwn(observed, name)) this.deliver(() => observed[name]?.(value));
  }

  navigated(url: string): void {
    this.deliver(() => this.app.onUrlChange?.(url));
  }

  cast(name: string, detail: Json): void {
    this.deliver(() => this.app.onMessage?.(name, detail));
  }

  attach(client: RuntimeClient): void {
    this.clients.add(client);
    if (this.pendingEmits) {
      for (const [name, detail] of this.pendingEmits) client.emit(name, detail);
      this.pendingEmits = null;
    }
    this.deliver(() => this.app.onConnect?.(client.info));
    for (const name in client.info.attributes)
      this.attribute(name, client.info.attributes[name] ?? null);
  }

  detach(client: RuntimeClient): void {
    if (!this.clients.delete(client)) return;
    this.deliver(() => this.app.onDisconnect?.(client.info));
  }

  /** Queues the message an app hook makes of outside input; a hook that throws is reported. */
  private deliver(produce: () => Msg | undefined): void {
    try {
      const message = produce();
      if (message !== undefined) this.dispatch(message);
    } catch (error) {
      this.report(error, "handler");
    }
  }

  private enqueue(entry: Entry<Msg>): void {
    if (this.closed) return;
    if (this.queue) {
      this.queue.push(entry);
      return;
    }
    this.queue = [entry];
    queueMicrotask(() => this.flush());
  }

  // --- processing ---

  private flush(): void {
    const entries = this.queue;
    this.queue = null;
    if (this.closed || !entries) return;
    const collected: Effect<Msg>[] = [];
    const json = this.render(this.apply(this.model, entries, collected), touchedBy(entries));
    if (json !== undefined) {
      this.sendAcks(entries, json);
      this.updateTitle();
      for (const effect of collected) runEffect(effect, this);
      return;
    }
    // The batch's view failed: replay it one message at a time from the last good model, so only
    // the message that breaks the view is lost.
    for (const entry of entries) {
      const single: Effect<Msg>[] = [];
      const patch = this.render(this.apply(this.model, [entry], single), touchedBy([entry]));
      if (patch === undefined) {
        if (entry.hasMessage) entry.status = AckStatus.Failed;
        continue;
      }
      if (patch !== "") for (const client of this.clients) client.patch(patch, undefined);
      this.updateTitle();
      for (const effect of single) runEffect(effect, this);
    }
    this.sendAcks(entries, "");
  }

  private apply(from: Model, entries: readonly Entry<Msg>[], collected: Effect<Msg>[]): Model {
    let current = from;
    for (const entry of entries) {
      if (!entry.hasMessage) continue;
      try {
        const [next, effect] = splitTransition(this.app.update(current, entry.message as Msg));
        current = next;
        if (effect) collected.push(effect);
        entry.status = AckStatus.Ok;
      } catch (error) {
        entry.status = AckStatus.Failed;
        this.report(error, "update");
      }
    }
    return current;
  }

  /**
   * Renders `next`; returns the serialised patch ("" for none), or undefined if the view failed.
   * `touched` are the elements whose events were just handled: their form controls get their
   * values re-sent, so an edit the app rejected is undone in the browser.
   */
  private render(next: Model, touched: ReadonlySet<object> | null): string | undefined {
    if (next === this.rendered && touched === null) return "";
    let view: Node<Msg>;
    try {
      view = this.app.view(next);
    } catch (error) {
      this.report(error, "view");
      return undefined;
    }
    let ops: unknown[];
    try {
      ops = diffView(this.root, view, this.registry, this.seq + 1, touched);
    } catch (error) {
      // A memo's render threw halfway through the diff: the live tree is no longer trustworthy.
      this.report(error, "view");
      this.rebuild();
      return undefined;
    }
    const changed = next !== this.rendered;
    this.rendered = this.model = next;
    const patched = ops.length > 0;
    if (patched) this.seq++;
    this.registry.commit(patched, this.seq);
    if (changed && this.subscriptions) this.subscriptions.update(this.subscriptionsOf(next));
    if (!patched) return "";
    const json = JSON.stringify(ops);
    (this.replay ??= this.newReplay(this.seq - 1)).push(json);
    return json;
  }

  private newReplay(seq: number): ReplayBuffer {
    return new ReplayBuffer(
      this.options.replayLimit ?? 256,
      this.options.replayCharacters ?? 1_000_000,
      seq,
    );
  }

  private subscriptionsOf(m: Model): readonly Subscription<Msg>[] | undefined {
    try {
      return this.app.subscriptions?.(m) ?? [];
    } catch (error) {
      this.report(error, "subscription");
      return undefined;
    }
  }

  private titleOf(m: Model): string | undefined {
    if (!this.app.title) return undefined;
    try {
      return this.app.title(m);
    } catch (error) {
      this.report(error, "view");
      return this.title;
    }
  }

  private updateTitle(): void {
    const next = this.titleOf(this.model);
    if (next === undefined || next === this.title) return;
    this.title = next;
    for (const client of this.clients) client.title(next);
  }

  private rebuild(): void {
    this.registry = createHandlerRegistry();
    this.root = createRoot();
    this.seq++;
    mountView(this.root, this.app.view(this.rendered), this.registry, this.seq);
    this.registry.commit(true, this.seq);
    this.model = this.rendered;
    this.replay = this.newReplay(this.seq);
    for (const client of this.clients) client.remount();
  }

  private sendAcks(entries: readonly Entry<Msg>[], json: string): void {
    const latest = new Map<RuntimeClient, number>();
    for (const entry of entries) {
      if (!entry.client || !this.clients.has(entry.client)) continue;
      if (entry.status !== AckStatus.Ok) entry.client.ack(entry.ref, entry.status);
      latest.set(entry.client, Math.max(latest.get(entry.client) ?? -1, entry.ref));
    }
    if (json !== "") {
      for (const client of this.clients) client.patch(json, latest.get(client));
    } else {
      for (const [client, ref] of latest) client.ack(ref, AckStatus.Ok);
    }
  }

  // --- output ---

  treeJson(): string {
    if (this.cachedSeq !== this.seq || this.cachedTree === null) {
      this.cachedTree = JSON.stringify(this.root.children.map(toWire));
      this.cachedSeq = this.seq;
    }
    return this.cachedTree;
  }

  html(): string {
    return renderChildren(this.root);
  }

  patchesSince(since: number): readonly string[] | undefined {
    if (since === this.seq) return [];
    return this.replay?.since(since, this.seq);
  }

  shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = null;
    this.subscriptions?.update([]);
    if (this.timers) for (const timer of this.timers) clearTimeout(timer);
    this.timers = null;
    this.clients.clear();
  }
}

function touchedBy<Msg>(entries: readonly Entry<Msg>[]): Set<object> | null {
  let touched: Set<object> | null = null;
  for (const entry of entries) if (entry.owner) (touched ??= new Set()).add(entry.owner);
  return touched;
}
