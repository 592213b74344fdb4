import {
  type Json,
  type Patch,
  type Payload,
  PROTOCOL_VERSION,
  type WireNode,
} from "@lucent/protocol";
import { applyPatch } from "./apply-patch.ts";
import { buildNode } from "./build-node.ts";
import { reapplyCommands } from "./commands.ts";
import { CONTROLLED, createDomWriter, type DomWriter, HTML_NAMESPACE } from "./dom-writer.ts";
import { delegateEvents, LISTENED } from "./events.ts";
import { restoreForms, saveForms, trackEdits } from "./form-recovery.ts";
import { createHooks } from "./hooks.ts";
import { createTransport, socketUrl, type Transport } from "./transport.ts";

/** The client side of one Lucent session, bound to one `<lucent-view>` element. */
export interface Session {
  /** Connects (or reconnects, resuming with the last token and sequence number). */
  start(): void;
  /** Closes with 1000 and stops reconnecting. */
  stop(): void;
  /** Sends the app a message from page code (a cast), now or after the next mount. */
  cast(name: string, detail: Json): void;
}

/** What the `state` attribute of `<lucent-view>` says. */
export type ConnectionState = "connecting" | "connected" | "disconnected" | "failed";

/**
 * A message waiting to be sent: an event (its `ref` is set when it goes), an attribute change,
 * a history navigation or a cast.
 */
type Outgoing =
  | [1, number, string, number, Payload?]
  | [2, string, string | null]
  | [5, string]
  | [6, string, Json?];

/**
 * An event not yet acknowledged: the element whose binding sent it, its message, and the element
 * that had focus when it was sent.
 */
type Pending = [element: Element, message: Outgoing, focus: Element | null];

/** The `lucent-pending` attribute, and the value of `disabled` on the controls `w` disabled. */
const PENDING = "lucent-pending";

/** What `w` disables: a form's controls, or the element itself. */
const controlsOf = (element: Element): Element[] => {
  const form = element as HTMLFormElement;
  return form.elements ? [...form.elements] : [element];
};

const isIndex = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

/** The element's own attributes, which are not the app's and are not sent. */
const OWN_ATTRIBUTE = /^(route|token|seq|state|history)$/;
/** SPEC §9 `maxBatch`: also the most messages kept while not mounted, oldest dropped first. */
const MAX_BATCH = 64;

/**
 * Runs the protocol for `root`: joins with the token and sequence number of the page (or of the
 * last mount and patches) and the page's URL, applies mounts and patches, sends events, attribute
 * changes, history navigations and casts, and asks for a resync when a patch does not fit the DOM.
 *
 * Messages made while not mounted are kept (at most 64) and sent after the next mount. Events
 * among them are sent only if that mount belongs to the same session (same token): handler
 * references are only unique within a session, so events aimed at an earlier session are dropped
 * rather than misrouted, and counted in a `lucent:dropped` event with the ones the limit pushed out.
 * When a mount brings a new session and a new tree, what the user typed into forms is put back.
 *
 * The element with the `history` attribute owns the browser history: it sends `popstate`
 * navigations and applies the server's `navigate` frames. When no view on the page has the
 * attribute, every view does both. Any view may set the title.
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
  let queue: Outgoing[] = [];
  let dropped = 0;
  let pending: Pending[] = [];
  // What the current mount or patch put into the view, and the nodes its paths passed through.
  let added: Node[] = [];
  const touched = new Set<Node>();
  const syncHooks = createHooks(root);

  const setState = (state: ConnectionState) => root.setAttribute("state", state);
  const dispatch = (type: string, detail: unknown = null) =>
    root.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  const send = (message: unknown) => transport?.send(JSON.stringify(message));
  const ownsHistory = () =>
    root.hasAttribute("history") || !document.querySelector("lucent-view[history]");

  // Events and attribute changes travel together in a batch; navigations and casts cannot be
  // batched (SPEC §3), so they split it, keeping the order.
  const flush = (messages: Outgoing[]): void => {
    let batch: Outgoing[] = [];
    const out = () => {
      if (batch[0]) send(batch[1] ? [3, batch] : batch[0]);
      batch = [];
    };
    for (const message of messages) {
      if (message[0] === 1) message[1] = ++ref;
      if (message[0] > 2) {
        out();
        send(message);
      } else batch.push(message);
    }
    out();
  };
  const post = (message: Outgoing): void => {
    if (live) flush([message]);
    else if (queue.push(message) > MAX_BATCH) {
      queue.shift();
      dropped++;
    }
  };

  // Ends the pending state of the events `done` picks. An element with no event left pending
  // loses `lucent-pending`, and its controls that `w` disabled are enabled again; a control the
  // server has since disabled itself has another value of `disabled`, and stays as it is.
  const settle = (done: (message: Outgoing) => unknown): void => {
    const ended = pending.filter((entry) => done(entry[1]));
    pending = pending.filter((entry) => !done(entry[1]));
    for (const [element] of ended) {
      if (pending.some((entry) => entry[0] === element)) continue;
      element.removeAttribute(PENDING);
      for (const control of controlsOf(element)) {
        if (control.getAttribute("disabled") === PENDING) control.removeAttribute("disabled");
      }
    }
  };
  const acknowledge = (to: number): void => {
    acked = to;
    settle((message) => message[1] && (message[1] as number) <= acked);
  };

  const edited = trackEdits(root);
  const events = delegateEvents(root, {
    seq: () => seq,
    send(element, binding, at, payload) {
      const { handler } = binding;
      const message: Outgoing = Object.keys(payload).length
        ? [1, 0, handler, at, payload]
        : [1, 0, handler, at];
      if (binding.disableWhilePending) {
        for (const control of controlsOf(element)) {
          if (!control.hasAttribute("disabled")) control.setAttribute("disabled", PENDING);
        }
      }
      element.setAttribute(PENDING, "");
      pending.push([element, message, document.activeElement]);
      post(message);
    },
  });

  // The server's value lags behind a user who is typing; writing it would undo keystrokes and
  // move the caret. So the focused control (or the focused select's options) keeps what it shows
  // while events sent from it are pending; the patch that acknowledges the last of them writes
  // the settled value. The attribute alone may still change, since a control the user edited no
  // longer follows its `value` or `checked` attribute; an option that the user did not pick would
  // follow `selected`, so that is not written at all.
  const held = (element: Element, name: string): boolean => {
    const focus = document.activeElement;
    return (
      CONTROLLED.test(name) &&
      (element.closest("select") ?? element) === focus &&
      pending.some((entry) => entry[2] === focus)
    );
  };
  const base = createDomWriter(document);
  const writer: DomWriter = {
    ...base,
    insertBefore(parent, node, before) {
      base.insertBefore(parent, node, before);
      // Nodes built for the tree are put together detached; only the top one enters the view.
      if (parent.isConnected) added.push(node);
    },
    setAttribute(element, name, value) {
      if (LISTENED.test(name)) events.listen(name.slice(3));
      if (name === "lucent-hook") added.push(element);
      if (!held(element, name)) base.setAttribute(element, name, value);
      else if (name !== "selected") element.setAttribute(name, value);
    },
    removeAttribute(element, name) {
      if (!held(element, name)) base.removeAttribute(element, name);
      else if (name !== "selected") element.removeAttribute(name);
    },
  };

  // After a mount or patch: hooks see what entered, left and changed; commands' changes return.
  const settleDom = (): void => {
    events.prune();
    reapplyCommands();
    syncHooks(added, touched);
    added = [];
    touched.clear();
  };

  const mount = (at: number, newToken: string, tree: WireNode[] | undefined): void => {
    const fresh = newToken !== token;
    // A new session starts from its own state: what the user typed is put back afterwards.
    const saved = tree && fresh && saveForms(root, edited);
    if (tree) {
      const nodes = tree.map((node) => buildNode(node, HTML_NAMESPACE, writer));
      while (root.firstChild) writer.remove(root.firstChild);
      for (const node of nodes) writer.insertBefore(root, node, null);
    } else {
      events.scan();
      added.push(root);
    }
    if (fresh) {
      const kept = queue.filter((message) => message[0] !== 1);
      dropped += queue.length - kept.length;
      queue = kept;
    }
    seq = at;
    token = newToken;
    live = true;
    resyncing = false;
    transport?.reset();
    settle((message) => !queue.includes(message));
    flush(queue.splice(0));
    if (dropped) {
      dispatch("lucent:dropped", { count: dropped });
      console.warn("lucent: dropped messages made while disconnected:", dropped);
      dropped = 0;
    }
    if (saved) restoreForms(root, saved);
    settleDom();
    dispatch("lucent:mount");
  };

  const patch = (ops: Patch, ack: number | undefined): void => {
    if (ack !== undefined) acknowledge(ack);
    if (resyncing) return;
    try {
      applyPatch(root, ops, writer, (node) => touched.add(node));
      seq++;
    } catch (error) {
      resyncing = true;
      send([4]);
      console.warn("lucent: patch did not fit the DOM; resyncing", error);
    }
    settleDom();
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
      } else if (tag === 2 && isIndex(a) && (n === 2 || (isIndex(b) && b < 4))) acknowledge(a);
      else if (tag === 3 && typeof a === "string" && a) dispatch(a, b);
      else if (tag === 5 && typeof a === "string" && (n === 2 || b === 1)) {
        if (ownsHistory()) history[b ? "replaceState" : "pushState"](null, "", a);
      } else if (tag === 6 && typeof a === "string" && n === 2) document.title = a;
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
        // The longest URL a join may carry is 4,096 characters; a longer one is not sent at all.
        const url = document.URL;
        send([0, PROTOCOL_VERSION, token, seq, attributes, url.length > 4096 ? "" : url]);
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

  document.defaultView?.addEventListener("popstate", () => {
    if (root.isConnected && ownsHistory()) post([5, document.URL]);
  });

  return {
    start,
    stop,
    cast: (name, detail) => post(detail == null ? [6, name] : [6, name, detail]),
  };
}
