import type { Command } from "@lucent/protocol";

const CHAIN: unique symbol = Symbol("lucent.commands");

/**
 * Client-side commands, run by the browser the moment an event happens, with no round trip.
 * Chains are immutable: each call returns a longer chain. `target` is a CSS selector; leave it
 * out to act on the element that carries the commands. Give a chain to a `js:<type>` prop.
 *
 * @example h("button", { "js:click": js.toggle("#menu").toggleClass("open") }, "Menu")
 */
export interface Commands {
  readonly [CHAIN]: readonly Command[];
  /** Removes the `hidden` attribute. */
  show(target?: string): Commands;
  /** Sets the `hidden` attribute. */
  hide(target?: string): Commands;
  /** Toggles the `hidden` attribute. */
  toggle(target?: string): Commands;
  focus(target?: string): Commands;
  addClass(className: string, target?: string): Commands;
  removeClass(className: string, target?: string): Commands;
  toggleClass(className: string, target?: string): Commands;
  setAttribute(name: string, value: string, target?: string): Commands;
  removeAttribute(name: string, target?: string): Commands;
  toggleAttribute(name: string, target?: string): Commands;
  /** Dispatches a bubbling `CustomEvent` (which an `on:<name>` binding may send to the server). */
  dispatch(eventName: string, target?: string): Commands;
}

function chain(commands: readonly Command[]): Commands {
  const add = (command: Command) => chain([...commands, command]);
  return {
    [CHAIN]: commands,
    show: (target = "") => add(["show", target]),
    hide: (target = "") => add(["hide", target]),
    toggle: (target = "") => add(["toggle", target]),
    focus: (target = "") => add(["focus", target]),
    addClass: (name, target = "") => add(["add-class", target, name]),
    removeClass: (name, target = "") => add(["remove-class", target, name]),
    toggleClass: (name, target = "") => add(["toggle-class", target, name]),
    setAttribute: (name, value, target = "") =>
      add(["set-attribute", target, notScript(name, "setAttribute"), value]),
    removeAttribute: (name, target = "") => add(["remove-attribute", target, name]),
    toggleAttribute: (name, target = "") =>
      add(["toggle-attribute", target, notScript(name, "toggleAttribute")]),
    dispatch: (eventName, target = "") => add(["dispatch", target, eventName]),
  };
}

/**
 * An attribute name a command may write: not `onclick` and the like, whose value the browser
 * runs as script (a name or value from data would be script injection). Events bind with props.
 */
function notScript(name: string, command: string): string {
  if (/^on/i.test(name)) {
    throw new Error(
      `js.${command}: ${name} would run its value as script (bind events with onClick)`,
    );
  }
  return name;
}

/**
 * Whether a prop names client-side commands (`js:click`), which only a chain may fill. In any
 * case: the browser lowercases attribute names, so `JS:click` would reach the client as one.
 */
export const isCommandProp = (name: string): boolean =>
  (name.charCodeAt(0) | 32) === 106 /* j */ && name.slice(0, 3).toLowerCase() === "js:";

/** The empty chain; start every command list from it. */
export const js: Commands = chain([]);

/** The commands of a chain, or undefined for any other value. */
export function commandsOf(value: unknown): readonly Command[] | undefined {
  return typeof value === "object" && value !== null && CHAIN in value
    ? (value as Commands)[CHAIN]
    : undefined;
}
