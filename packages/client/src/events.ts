import { type EventBinding, type Json, type Payload, parseBinding } from "@lucent/protocol";
import { CHECKABLE } from "./form-recovery.ts";
import { extras, whenExtras } from "./lazy.ts";

/** Where delegated events go, and the sequence number of the DOM they were caused on. */
export interface EventSink {
  /** The sequence number of the DOM as the user sees it now. */
  seq(): number;
  /** Sends one event of the binding on `element`; called at once, or later when debounced. */
  send(element: Element, binding: EventBinding, seq: number, payload: Payload): void;
  /**
   * Called once, when {@link EventDelegation.note} first sees a `js:` or `lucent-hook` attribute
   * before the runtime's second module has loaded: the view needs that module.
   */
  need?(): void;
}

/** The event listeners of one `<lucent-view>` element. */
export interface EventDelegation {
  /**
   * Starts listening for DOM events of `type` (`click`), or of the window or document
   * (`window:resize`, `document:visibilitychange`); repeated calls are free.
   */
  listen(type: string): void;
  /**
   * Takes note of an attribute about to be set: listens for an `on:` or `js:` attribute's type,
   * and tells the sink when a `js:` or `lucent-hook` attribute needs the second module.
   */
  note(name: string): void;
  /** Notes every attribute already present in the subtree (adoption). */
  scan(): void;
}

interface Slot {
  /** When the throttle last let an event through. */
  last: number;
  timer?: ReturnType<typeof setTimeout>;
}

type Bag = Record<string, unknown>;

const MODIFIERS = ["altKey", "ctrlKey", "metaKey", "shiftKey"] as const;

/** Attributes that need a listener: `on:<type>` bindings and `js:<type>` commands. */
export const LISTENED: RegExp = /^(on|js):/;

/** Attributes whose features live in the runtime's second module: commands and hooks. */
const EXTRA = /^(js:|lucent-hook$)/;

/**
 * Delegates the `on:<type>` bindings and `js:<type>` commands under `root`, a `<lucent-view>`
 * element, to listeners on `root` itself.
 *
 * Listeners are added lazily, per event type seen in an `on:` attribute, rather than for a fixed
 * set: a fixed set would run a walk for every `mousemove`, `scroll` and `pointermove` of pages that
 * bind none of them, and would still miss custom events. Each type gets a capture listener, which
 * handles the events that do not bubble (focus, mouseenter, scroll, load, ...), and a bubble
 * listener, which handles those that do; `event.bubbles` says which, so no list of non-bubbling
 * types is needed and page code on inner elements runs before a binding's `s` stops the event.
 *
 * `on:window:<type>` and `on:document:<type>` get one listener on the window or document; each
 * event is sent for every element under `root` that carries the attribute, as if it happened
 * there. A binding's `k` flags let through only the listed keys: other key events are not sent,
 * not delayed and not prevented.
 *
 * Commands run in the runtime's second module. An event that meets a `js:` attribute before that
 * module has loaded is held, and so is every event after it until the load ends: then their
 * commands run and their bindings are sent, in order. What cannot wait (`preventDefault`,
 * `stopPropagation`, reading the payload) still happens during the event.
 *
 * @example const events = delegateEvents(view, { seq: () => seq, send }); events.listen("click")
 */
export function delegateEvents(root: Element, sink: EventSink): EventDelegation {
  const types = new Set<string>();
  const slots = new WeakMap<Element, Record<string, Slot>>();
  let needed = false;
  // While the second module loads after an event met a `js:` attribute, actions wait for it: they
  // run in the order they were held, after the module arrives.
  let held = false;
  const later = (action: () => void): unknown => (held ? whenExtras(action) : action());

  const handle = (event: Event): void => {
    // Capture phase (1) for events that do not bubble, bubble phase (3) for those that do.
    if (event.bubbles !== (event.eventPhase === 3)) return;
    const target = event.target as Element;
    // A nested view's elements carry that view's handler references, not ours.
    if (target.closest?.("lucent-view") !== root) return;
    const seq = sink.seq();
    const { type } = event;
    // Below the root, so the walk meets it before it could run out of parents.
    for (let element = target; element !== root; element = element.parentElement as Element) {
      const commands = element.getAttribute(`js:${type}`);
      if (commands !== null) {
        if (!extras && !held) {
          held = true;
          whenExtras(() => (held = false));
        }
        later(() => extras?.runCommands(element, commands));
      }
      if (bind(element, type, event, seq) || !event.bubbles) return;
    }
  };

  // Fires the binding `on:<type>` of `element`, if any; true when it stops the event.
  const bind = (element: Element, type: string, event: Event, seq: number): boolean => {
    const value = element.getAttribute(`on:${type}`);
    if (value === null) return false;
    const binding = parseBinding(value);
    const { keys } = binding;
    if (keys.length && !keys.includes((event as KeyboardEvent).key)) return false;
    if (binding.preventDefault || event.type === "submit") event.preventDefault();
    const payload = payloadOf(event, binding);
    later(() => fire(element, type, binding, seq, payload));
    // After the payload has read the fields, so the server gets what was typed.
    if (binding.reset) (element as HTMLFormElement).reset?.();
    for (const name of binding.clear) {
      for (const field of element.querySelectorAll(`[name="${name}"]`))
        (field as HTMLInputElement).value = "";
    }
    if (binding.stopPropagation) event.stopPropagation();
    return binding.stopPropagation;
  };

  // Throttle (leading) lets one event through per window; debounce (trailing) sends the last
  // event after a quiet period unless the throttle already sent that very event, and unless its
  // element has left the view by then.
  const fire = (el: Element, type: string, b: EventBinding, seq: number, payload: Payload) => {
    const send = () => sink.send(el, b, seq, payload);
    let byType = slots.get(el);
    if (!byType) slots.set(el, (byType = {}));
    const slot = (byType[type] ??= { last: Number.NEGATIVE_INFINITY });
    const now = Date.now();
    clearTimeout(slot.timer);
    if (b.throttle ? now - slot.last >= b.throttle : !b.debounce) {
      slot.last = now;
      send();
    } else if (b.debounce) slot.timer = setTimeout(() => root.contains(el) && send(), b.debounce);
  };

  const listen = (type: string): void => {
    if (types.has(type)) return;
    types.add(type);
    // Other types may hold a colon too: a hook's `chart:zoom` is an ordinary event type.
    const [, scope, global] = /^(window|document):(.+)/.exec(type) ?? [];
    if (!global) {
      root.addEventListener(type, handle, true);
      root.addEventListener(type, handle);
      return;
    }
    // `window` and `document` are both properties of the global object.
    const target = (globalThis as unknown as Record<string, EventTarget>)[scope as string]!;
    target.addEventListener(global, (event) => {
      // Until the view leaves the page; a view put back keeps its listeners.
      if (!root.isConnected) return;
      const seq = sink.seq();
      for (const element of root.querySelectorAll(`[${CSS.escape(`on:${type}`)}]`)) {
        if (element.closest("lucent-view") === root) bind(element, type, event, seq);
      }
    });
  };

  const note = (name: string): void => {
    if (LISTENED.test(name)) listen(name.slice(3));
    if (!extras && !needed && EXTRA.test(name)) {
      needed = true;
      sink.need?.();
    }
  };

  return {
    listen,
    note,
    scan() {
      for (const element of root.querySelectorAll("*")) {
        for (const { name } of element.attributes) note(name);
      }
    },
  };
}

/**
 * The payload of an event: the automatic includes (`value` and `name` of inputs, `checked` of
 * checkboxes and radios, `values` of a multiple select, `key` and the pressed modifiers,
 * `formData` of a submit, `detail` of a CustomEvent), then each `i<path>` of the binding, copied
 * at the same path as JSON (a value JSON cannot hold becomes null).
 */
function payloadOf(event: Event, binding: EventBinding): Payload {
  // Without a prototype, no include path can reach Object.prototype (`i__proto__.x`).
  const out: Record<string, Json | undefined> = Object.create(null);
  const target = event.target as HTMLInputElement;
  const keyboard = event as KeyboardEvent;
  const { type, detail } = event as CustomEvent;
  if (/^(input|change)$/.test(type)) {
    out.value = target.value;
    if (target.name) out.name = target.name;
    if (CHECKABLE.test(target.type)) out.checked = target.checked;
    if (target.type === "select-multiple") {
      out.values = [...(target as unknown as HTMLSelectElement).selectedOptions].map(
        (option) => option.value,
      );
    }
  }

  if (typeof keyboard.key === "string") {
    out.key = keyboard.key;
    for (const modifier of MODIFIERS) if (keyboard[modifier]) out[modifier] = true;
  }
  if (type === "submit") {
    const form = new FormData(
      target as unknown as HTMLFormElement,
      (event as SubmitEvent).submitter,
    );
    out.formData = [...form].filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    );
  }
  for (const path of binding.include) {
    const keys = path.split(".");
    const last = keys.pop() as string;
    let value: unknown = event;
    let into = out as Bag;
    for (const key of keys) {
      value = (value as Bag | undefined)?.[key];
      const next = into[key];
      into = into[key] = next && typeof next === "object" ? (next as Bag) : Object.create(null);
    }
    into[last] = toJson((value as Bag | undefined)?.[last]);
  }
  // A hook's pushEvent, or page code's CustomEvent, sends its detail without an `idetail` flag;
  // `idetail.<path>` flags send only those parts.
  if (event instanceof CustomEvent && detail != null) out.detail ??= toJson(detail);
  return out as Payload;
}

function toJson(value: unknown): Json {
  try {
    return JSON.parse(JSON.stringify(value) ?? "null");
  } catch {
    return null;
  }
}
