import {
  type Json,
  type Patch,
  type Payload,
  PROTOCOL_VERSION,
  type WireNode,
} from "@lucent/protocol";
import { applyPatch, isIndex } from "./apply-patch.ts";
import { buildNode } from "./build-node.ts";
import { CONTROLLED, createDomWriter, type DomWriter, HTML_NAMESPACE } from "./dom-writer.ts";
import { delegateEvents } from "./events.ts";
import { type FormFields, formsOf, trackEdits } from "./form-recovery.ts";
import { registry } from "./hooks.ts";
import { extras, whenExtras } from "./lazy.ts";
import { log } from "./log.ts";
import { createTransport, socketUrl, type Transport } from "./transport.ts";

/** The client side of one Lucent session, bound to one `<lucent-view>` element. */
export interface Session {
  /** Connects (or reconnects, resuming with the last token and sequence number). */
  start(): void;
  /** Closes with 1000 and stops reconnecting. */
  stop(): void;
  /**
   * Sends the app a message from page code (a cast), now or after the next mount; a null or
   * missing detail is left out.
   */
  cast(name: string, detail?: Json): void;
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

/** What `w` disables: a form's (or fieldset's) controls, or the element itself. */
const controlsOf = (element: Element): Iterable<Element> =>
  (element as HTMLFormElement).elements ?? [element];

const isText = (value: unknown): value is string => typeof value === "string";

/** The element's own attributes, which are not the app's and are not sent. */
const OWN_ATTRIBUTE = /^(route|token|seq|state|history)$/;
/** The most messages kept while not mounted (SPEC §8), oldest dropped first. */
const MAX_KEPT = 64;

/**
 * Runs the protocol for `root`: joins with the token and sequence number of the page (or of the
 * last mount and patches) and the page's URL, applies mounts and patches, sends events, attribute
 * changes, history navigations and casts, and asks for a resync when a patch does not fit the DOM.
 *
 * Messages made while not mounted are kept (at most 64) and sent after the next mount. Events
 * among them are sent only if that mount belongs to the same session (same token): handler
 * references are only unique within a session, so events aimed at an earlier session are dropped
 * rather than misrouted, and counted in a `lucent:dropped` event with the ones the limit pushed out.
 * Events sent but not acknowledged when a socket dies are sent again, first, with the refs they
 * had: the page names itself in every join, and the session acknowledges without processing the
 * refs it had already received from it (SPEC §8), so each event is processed exactly once.
 * When a mount brings a new session and a new tree, what the user typed into forms is put back.
 *
 * Commands, hooks and form restore live in the runtime's second module, loaded when a view first
 * meets a `js:` or `lucent-hook` attribute or has forms to restore (or a hook is defined): hooks'
 * `mounted` then runs for the hooked elements already present, and the forms are restored.
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
  // The page's name for itself in its joins, which the session keys the refs it received by:
  // random digits, as unlikely to meet another page's as two tabs are to share a token.
  const page = `${Math.random()}`;
  let transport: Transport | undefined;
  let live = false;
  let resyncing = false;
  let ref = 0;
  let queue: Outgoing[] = [];
  let dropped = 0;
  let pending: Pending[] = [];
  // The nodes the paths of the current patch passed through.
  const touched = new Set<Node>();
  let syncHooks: ((touched: Iterable<Node>) => void) | undefined;

  const setState = (state: ConnectionState) => root.setAttribute("state", state);
  const dispatch = (type: string, detail?: unknown) =>
    root.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  const send = (message: unknown) => transport?.send(JSON.stringify(message));
  const ownsHistory = () =>
    root.hasAttribute("history") || !document.querySelector("lucent-view[history]");

  // Events and attribute changes travel together in a batch, so the server resolves every event
  // against the DOM it was made on before it renders (SPEC §8). At most 64 messages wait, the most
  // a batch may hold. Navigations and casts cannot be batched (SPEC §3): the list is cut before
  // each, and each goes alone. Events can carry large payloads (a textarea's whole value): a run
  // longer than 60,000 characters, which could pass the server's frame limit and be refused
  // whole, goes in parts, each as many messages as fit (a longer one alone): the fewer parts, the
  // fewer renders between them. In order; events get their refs as they go.
  const flush = (batch: Outgoing[]): void => {
    let size = 1;
    const at = batch.findIndex(
      (message) => message[0] > 2 || (size += JSON.stringify(message).length + 1) > 6e4,
    );
    if (batch[1] && at >= 0) {
      flush(batch.splice(0, at || 1));
      flush(batch);
    } else if (batch[0]) {
      for (const message of batch) if (message[0] === 1) message[1] = ++ref;
      send(batch[1] ? [3, batch] : batch[0]);
    }
  };
  const post = (message: Outgoing): void => {
    if (live) flush([message]);
    else if (queue.push(message) > MAX_KEPT) {
      queue.shift();
      dropped++;
    }
  };

  // Ends the pending state of the events `done` picks. An element with no event left pending
  // loses `lucent-pending`, and its controls that `w` disabled are enabled again; a control the
  // server has since disabled itself has another value of `disabled`, and stays as it is.
  const settle = (done: (message: Outgoing) => unknown): void => {
    const before = pending;
    pending = pending.filter((entry) => !done(entry[1]));
    // Every element that had an event pending: one that still has one (an element none of whose
    // events ended, among them) stays as it is.
    for (const [element] of before) {
      if (pending.some((entry) => entry[0] === element)) continue;
      element.removeAttribute(PENDING);
      for (const control of controlsOf(element)) {
        if (control.getAttribute("disabled") === PENDING) control.removeAttribute("disabled");
      }
    }
  };
  const acknowledge = (to: number): void =>
    settle((message) => message[1] && (message[1] as number) <= to);

  const edited = trackEdits(root);
  const events = delegateEvents(root, {
    seq: () => seq,
    need: () => whenExtras(settleDom),
    send(element, binding, at, payload) {
      const message: Outgoing = [1, 0, binding.handler, at];
      if (Object.keys(payload)[0]) message.push(payload);
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
  const held = (element: Element, name: string): boolean =>
    CONTROLLED.includes(name) &&
    (element.closest("select") ?? element) === document.activeElement &&
    pending.some((entry) => entry[2] === document.activeElement);
  const base = createDomWriter(document);
  const writer: DomWriter = {
    ...base,
    setAttribute(element, name, value, built) {
      events.note(name);
      if (!held(element, name)) base.setAttribute(element, name, value, built);
      else if (name !== "selected") element.setAttribute(name, value);
    },
    removeAttribute(element, name) {
      if (!held(element, name)) base.removeAttribute(element, name);
      else if (name !== "selected") element.removeAttribute(name);
    },
  };

  // After a mount or patch, and when the second module arrives: hooks see what entered, left and
  // changed; commands' changes return.
  const settleDom = (): void => {
    if (extras) {
      extras.reapplyCommands();
      (syncHooks ??= extras.createHooks(root, registry))(touched);
    }
    touched.clear();
  };

  const mount = (at: number, newToken: string, tree: WireNode[] | undefined): void => {
    const fresh = newToken !== token;
    let replaced: FormFields[] | undefined;
    if (tree) {
      // Built apart, so that a tree that cannot be built leaves the page as it was.
      const nodes = document.createDocumentFragment();
      for (const node of tree) nodes.append(buildNode(node, HTML_NAMESPACE, writer));
      // A new session starts from its own state; what the user typed in the old content's forms
      // is put back afterwards (by the extras), from the fields read before they leave the page.
      if (fresh) replaced = formsOf(root);
      root.replaceChildren(nodes);
    } else events.scan();
    // A new session cannot place events meant for the old one: they end, counted as dropped. So
    // do events the 64-message limit pushed out of the queue, which were never sent (no ref).
    if (fresh) queue = queue.filter((message) => message[0] !== 1 || !++dropped);
    settle((message) => fresh || !(message[1] || queue.includes(message)));
    seq = at;
    token = newToken;
    live = true;
    resyncing = false;
    transport?.reset();
    // Events sent but not acknowledged go again, one frame each as they went the first time, with
    // their refs, before what waited: the session drops the ones it received (SPEC §8).
    for (const [, message] of pending) if (message[1]) send(message);
    flush(queue.splice(0));
    // Reported by the event alone: the page decides how to tell the user.
    if (dropped) {
      dispatch("lucent:dropped", { count: dropped });
      dropped = 0;
    }
    if (replaced?.length) {
      const recover = () => extras?.recoverForms(root, replaced, edited);
      extras ? recover() : whenExtras(recover);
    }
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
      // Logged as the PatchMismatch it is, which says what did not fit; the resync follows.
      log("warn", error);
    }
    settleDom();
  };

  // Frames are checked for the types this client relies on, not decoded in full: the codec of
  // @lucent/protocol would double the size of the bundle. A frame that fails (bad JSON, a tag or
  // field this protocol does not have, more fields than its tag takes) is logged and ignored.
  const receive = (data: unknown): void => {
    try {
      const frame = JSON.parse(data as string) as unknown[];
      const [tag, a, b, c] = frame;
      const n = frame.length;
      // What is refused is thrown as it is, to be logged with the data.
      if (n > (tag ? 3 : 4)) throw frame;
      if (tag === 0 && isIndex(a) && isText(b) && (n === 3 || Array.isArray(c))) {
        mount(a, b, c as WireNode[] | undefined);
      } else if (tag === 1 && Array.isArray(a) && (n === 2 || isIndex(b))) {
        patch(a as Patch, b as number | undefined);
      } else if (tag === 2 && isIndex(a) && (n === 2 || (isIndex(b) && b < 5))) acknowledge(a);
      else if (tag === 3 && isText(a) && a) dispatch(a, b);
      else if (tag === 5 && isText(a) && (n === 2 || b === 1)) {
        if (ownsHistory()) history[b ? "replaceState" : "pushState"](null, "", a);
      } else if (tag === 6 && isText(a) && n === 2) document.title = a;
      else if (tag === 4 && isIndex(a) && a > 0 && a < 7 && isText(b)) {
        dispatch("lucent:error", { code: a, message: b });
        // A refused version stays refused: reconnecting cannot help until the page reloads.
        if (a === 2) {
          log("error", b);
          close("failed");
        } else log("warn", b);
      } else throw frame;
    } catch (error) {
      log("warn", "ignored a frame", data, error);
    }
  };

  /** Stops the transport for good, leaving the element in `state`. */
  const close = (state: ConnectionState): void => {
    transport?.close();
    transport = undefined;
    live = false;
    setState(state);
  };

  const start = (): void => {
    const route = root.getAttribute("route");
    if (transport || route === null) return;
    // The parser may connect the element before its children: look again once they are in.
    queueMicrotask(events.scan);
    observer.observe(root, { attributes: true });
    transport = createTransport(socketUrl(route, document.baseURI), {
      connecting: () => setState("connecting"),
      open() {
        live = resyncing = false;
        setState("connected");
        const attributes: Record<string, string> = {};
        for (const { name, value } of root.attributes) {
          if (!OWN_ATTRIBUTE.test(name)) attributes[name] = value;
        }
        // The longest URL a join may carry is 4,096 characters; a longer one is not sent at all.
        const url = document.URL;
        send([0, PROTOCOL_VERSION, token, seq, attributes, url.length > 4096 ? "" : url, page]);
        dispatch("lucent:connect");
      },
      message: receive,
      close(code, reason) {
        // Final: an unsupported version (4426), and a 1009 before the mount (below).
        let final = code === 4426;
        // 1009: the host refused a frame as larger than its transport's cap (`maxFrameBytes`, at
        // least 210,000 bytes). Before the mount that was the join itself (the element's
        // attributes are over the cap), which every retry would send again: the page stops.
        // After it: a batch frame stays under 61,000 characters (183,000 bytes), so the refused
        // frame was one message sent alone; only events are resent, and such an event would
        // close every next socket too. Sent events still pending that are longer than 70,000
        // characters end, counted in the next mount's lucent:dropped: the default limit (65,536)
        // refuses them anyway. (A server that raised its limit could have taken such an event
        // sent beside the refused one: it ends too.)
        if (code === 1009) {
          final = !live;
          settle((message) => message[1] && JSON.stringify(message).length > 7e4 && ++dropped);
        }
        live = false;
        setState(final ? "failed" : "disconnected");
        dispatch("lucent:disconnect", { code, reason });
        return final;
      },
    });
  };

  const observer = new MutationObserver((records) => {
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

  const stop = (): void => {
    close("disconnected");
    observer.disconnect();
  };

  addEventListener("popstate", () => {
    if (root.isConnected && ownsHistory()) post([5, document.URL]);
  });

  return {
    start,
    stop,
    cast: (name, detail) => post(detail == null ? [6, name] : [6, name, detail]),
  };
}
