import { type Patch, type Payload, PROTOCOL_VERSION, type WireNode } from "@lucent/protocol";
import { applyPatch } from "./apply-patch.ts";
import { buildNode } from "./build-node.ts";
import { createDomWriter, type DomWriter, HTML_NAMESPACE } from "./dom-writer.ts";
import { delegateEvents } from "./events.ts";
import { createTransport, socketUrl, type Transport } from "./transport.ts";

/** The client side of one Lucent session, bound to one `<lucent-view>` element. */
export interface Session {
  /** Connects (or reconnects, resuming with the last token and sequence number). */
  start(): void;
  /** Closes with 1000 and stops reconnecting. */
  stop(): void;
}

/** What the `state` attribute of `<lucent-view>` says. */
export type ConnectionState = "connecting" | "connected" | "disconnected" | "failed";

/** A message waiting to be sent: an event (its `ref` is set when it goes) or an attribute. */
type Outgoing = [1, number, string, number, Payload?] | [2, string, string | null];

const isIndex = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

/** The element's own attributes, which are not the app's and are not sent. */
const OWN_ATTRIBUTE = /^(route|token|seq|state)$/;
/** SPEC §9 `maxBatch`: also the most messages kept while not mounted, oldest dropped first. */
const MAX_BATCH = 64;

/**
 * Runs the protocol for `root`: joins with the token and sequence number of the page (or of the
 * last mount and patches), applies mounts and patches, sends events and attribute changes, and
 * asks for a resync when a patch does not fit the DOM.
 *
 * Events and attribute changes made while not mounted are kept and sent after the next mount, as
 * long as it belongs to the same session (same token): handler references are only unique within
 * a session, so events aimed at an earlier session are dropped rather than misrouted.
 *
 * @example const session = createSession(element); session.start()
 */
export function createSession(root: HTMLElement): Session {
  const document = root.ownerDocument;
  let token = root.getAttribute("token") ?? "";
  let seq = Number(root.getAttribute("seq")) || 0;
  let transport: Transport | undefined;
  let observer: MutationObserver | undefined;
  let live = false;
  let resyncing = false;
  let ref = 0;
  let acked = 0;
  let heldElement: Element | null = null;
  let heldRef = 0;
  let queue: Outgoing[] = [];

  const setState = (state: ConnectionState) => root.setAttribute("state", state);
  const dispatch = (type: string, detail: unknown = null) =>
    root.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  const send = (message: unknown) => transport?.send(JSON.stringify(message));

  const flush = (messages: Outgoing[]): void => {
    for (const message of messages) if (message[0] === 1) message[1] = ++ref;
    for (let i = 0; i < messages.length; i += MAX_BATCH) {
      const chunk = messages.slice(i, i + MAX_BATCH);
      send(chunk.length > 1 ? [3, chunk] : chunk[0]);
    }
  };
  const post = (message: Outgoing): void => {
    if (live) flush([message]);
    else if (queue.push(message) > MAX_BATCH) queue.shift();
  };

  const events = delegateEvents(root, {
    seq: () => seq,
    send(handler, at, payload) {
      post(Object.keys(payload).length ? [1, 0, handler, at, payload] : [1, 0, handler, at]);
      if (live) {
        heldElement = document.activeElement;
        heldRef = ref;
      }
    },
  });

  const base = createDomWriter(document);
  const writer: DomWriter = {
    ...base,
    setAttribute(element, name, value) {
      if (name.startsWith("on:")) events.listen(name.slice(3));
      // The server's value lags behind a user who is typing; writing it would undo keystrokes and
      // move the caret. So the focused element keeps its value until the events sent while it had
      // focus are acknowledged; the patch that carries that ack then writes the settled value.
      if (
        name === "value" &&
        element === heldElement &&
        heldRef > acked &&
        element === document.activeElement
      ) {
        element.setAttribute(name, value);
      } else base.setAttribute(element, name, value);
    },
  };

  const mount = (at: number, newToken: string, tree: WireNode[] | undefined): void => {
    if (tree) {
      const nodes = tree.map((node) => buildNode(node, HTML_NAMESPACE, writer));
      while (root.firstChild) writer.remove(root.firstChild);
      for (const node of nodes) writer.insertBefore(root, node, null);
      events.prune();
    } else events.scan();
    if (newToken !== token) queue = queue.filter((message) => message[0] === 2);
    seq = at;
    token = newToken;
    live = true;
    resyncing = false;
    transport?.reset();
    flush(queue.splice(0));
    dispatch("lucent:mount");
  };

  const patch = (ops: Patch, ack: number | undefined): void => {
    if (ack !== undefined) acked = ack;
    if (resyncing) return;
    try {
      applyPatch(root, ops, writer);
      seq++;
    } catch (error) {
      resyncing = true;
      send([4]);
      console.warn("lucent: patch did not fit the DOM; resyncing", error);
    }
    events.prune();
  };

  // Frames are checked for the types this client relies on, not decoded in full: the codec of
  // @lucent/protocol would double the size of the bundle. A frame that fails is logged and ignored.
  const receive = (data: unknown): void => {
    try {
      const frame = JSON.parse(data as string) as unknown[];
      const [tag, a, b, c] = frame;
      const n = frame.length;
      if (n > (tag === 0 ? 4 : 3)) throw Error("too many fields");
      if (tag === 0 && isIndex(a) && typeof b === "string" && (n === 3 || Array.isArray(c))) {
        mount(a, b, c as WireNode[] | undefined);
      } else if (tag === 1 && Array.isArray(a) && (n === 2 || isIndex(b))) {
        patch(a as Patch, b as number | undefined);
      } else if (tag === 2 && isIndex(a) && (n === 2 || (isIndex(b) && b < 4))) acked = a;
      else if (tag === 3 && typeof a === "string" && a) dispatch(a, b);
      else if (tag === 4 && isIndex(a) && a > 0 && a < 7 && typeof b === "string") {
        dispatch("lucent:error", { code: a, message: b });
        // A refused version stays refused: reconnecting cannot help until the page reloads.
        if (a === 2) {
          console.error(`lucent: ${b}`);
          close();
          setState("failed");
        } else console.warn(`lucent: ${b}`);
      } else throw Error("not a server message of protocol 1");
    } catch (error) {
      console.warn("lucent: ignored a frame", data, error);
    }
  };

  const close = (): void => {
    transport?.close();
    transport = undefined;
    live = false;
  };

  const start = (): void => {
    const route = root.getAttribute("route");
    if (transport || route === null) return;
    // The parser may connect the element before its children: look again once they are in.
    queueMicrotask(events.scan);
    observer = new MutationObserver((records) => {
      for (const name of new Set(records.map((record) => record.attributeName as string))) {
        if (name === "route") {
          stop();
          token = "";
          seq = 0;
          return start();
        }
        if (!OWN_ATTRIBUTE.test(name)) post([2, name, root.getAttribute(name)]);
      }
    });
    observer.observe(root, { attributes: true });
    transport = createTransport(socketUrl(route, document.baseURI), {
      connecting: () => setState("connecting"),
      open() {
        ref = acked = 0;
        live = resyncing = false;
        setState("connected");
        const attributes: Record<string, string> = {};
        for (const { name, value } of root.attributes) {
          if (!OWN_ATTRIBUTE.test(name)) attributes[name] = value;
        }
        const join = [0, PROTOCOL_VERSION, token, seq];
        send(Object.keys(attributes).length ? [...join, attributes] : join);
        dispatch("lucent:connect");
      },
      message: receive,
      close(code, reason) {
        live = false;
        setState(code === 4426 ? "failed" : "disconnected");
        dispatch("lucent:disconnect", { code, reason });
      },
    });
  };

  const stop = (): void => {
    close();
    observer?.disconnect();
    setState("disconnected");
  };

  return { start, stop };
}
