import type { BindingOptions, Payload } from "@lucent/protocol";
import type { EventHandler, Handler } from "./node.ts";

/** What an `input` or `change` event carries: the control's value, and `checked` for boxes. */
export interface InputPayload extends Payload {
  readonly value: string;
  /** The control's `name`, when it has one: which field changed. */
  readonly name?: string;
  readonly checked?: boolean;
  /** A multiple select's selected values. */
  readonly values?: readonly string[];
}

/** What a key event carries; modifier flags are present only when held. */
export interface KeyPayload extends Payload {
  readonly key: string;
  readonly altKey?: true;
  readonly ctrlKey?: true;
  readonly metaKey?: true;
  readonly shiftKey?: true;
}

/** What a `submit` event carries: the form's fields, including the submitting button's. */
export interface SubmitPayload extends Payload {
  readonly formData: readonly (readonly [name: string, value: string])[];
}

/** Options of an event binding; the client applies them without a round trip. */
export interface EventOptions {
  /** Call `preventDefault()` in the browser. @default false */
  readonly preventDefault?: boolean;
  /** Stop the event at this element. @default false */
  readonly stopPropagation?: boolean;
  /** For `submit`: reset the form in the browser once its data is sent. @default false */
  readonly reset?: boolean;
  /** For `submit`: names of fields to empty in the browser once the data is sent. @default [] */
  readonly clear?: readonly string[];
  /**
   * For key events: send only these keys (`event.key` values such as `"Enter"`), filtered in the
   * browser so other keystrokes cost no round trip. @default [] (all keys)
   */
  readonly keys?: readonly string[];
  /** Disable the element (for a form: its controls) until the server has handled the event. @default false */
  readonly disableWhilePending?: boolean;
  /** Send only after this many quiet milliseconds (trailing edge). @default 0 */
  readonly debounce?: number;
  /** Send at most once per this many milliseconds (leading edge). @default 0 */
  readonly throttle?: number;
  /** More event properties to send, as dot paths such as `"target.dataset.id"` or `"clientX"`. */
  readonly include?: readonly string[];
}

const EVENT_SPEC: unique symbol = Symbol("lucent.event");

/** A handler with options, made by {@link on}. */
export interface EventSpec<Msg, P = Payload> {
  readonly [EVENT_SPEC]: true;
  readonly handler: Handler<Msg, P>;
  readonly options: EventOptions;
}

/**
 * Attaches options to an event handler.
 *
 * @example h("input", { onInput: on((e) => ({ type: "search", q: e.value }), { debounce: 200 }) })
 */
export function on<Msg, P = Payload>(
  handler: Handler<Msg, P>,
  options: EventOptions,
): EventSpec<Msg, P> {
  return { [EVENT_SPEC]: true, handler, options };
}

/** True for values made by {@link on}. */
export function isEventSpec(value: unknown): value is EventSpec<unknown> {
  return typeof value === "object" && value !== null && EVENT_SPEC in value;
}

const FIELD_NAME = /^[^\s"]+$/;
/** Shared by every binding without include paths, fields to clear or key filters. */
const NONE: readonly string[] = Object.freeze([]);
const INCLUDE_PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

const DEFAULT_OPTIONS: BindingOptions = Object.freeze({
  preventDefault: false,
  stopPropagation: false,
  reset: false,
  clear: NONE,
  keys: NONE,
  disableWhilePending: false,
  debounce: 0,
  throttle: 0,
  include: NONE,
});
/** Forms are submitted by the server, never by the browser, unless an app says otherwise. */
const SUBMIT_OPTIONS: BindingOptions = Object.freeze({ ...DEFAULT_OPTIONS, preventDefault: true });

/** Builds the handler record of one event type from what a view wrote. */
export function eventHandler<Msg>(
  type: string,
  value: Handler<Msg> | EventSpec<Msg>,
): EventHandler<Msg> {
  if (!isEventSpec(value)) {
    return { type, handler: value, options: type === "submit" ? SUBMIT_OPTIONS : DEFAULT_OPTIONS };
  }
  return {
    type,
    handler: value.handler as Handler<Msg>,
    options: resolveOptions(type, value.options),
  };
}

function resolveOptions(type: string, options: EventOptions): BindingOptions {
  const include = options.include ?? NONE;
  for (const path of include) {
    if (!INCLUDE_PATH.test(path)) throw new Error(`include path "${path}" is not a dot path`);
  }
  for (const name of options.clear ?? []) {
    if (!FIELD_NAME.test(name))
      throw new Error(`clear: "${name}" is not a field name without spaces`);
  }
  return {
    preventDefault: options.preventDefault ?? type === "submit",
    stopPropagation: options.stopPropagation ?? false,
    reset: options.reset ?? false,
    clear: options.clear ?? NONE,
    keys: options.keys ?? NONE,
    disableWhilePending: options.disableWhilePending ?? false,
    debounce: Math.max(0, Math.round(options.debounce ?? 0)),
    throttle: Math.max(0, Math.round(options.throttle ?? 0)),
    include,
  };
}
