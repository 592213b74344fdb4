/**
 * Client-side commands: DOM changes the browser makes at once when an event fires, without a
 * round trip (open a menu, mark a row, focus a field). The server attaches them to an element as
 * the attribute `js:<type>`, whose value is a JSON list of commands run in order.
 *
 * Each command is `[name, target, ...arguments]`. `target` is a CSS selector matched against the
 * document, or "" for the element that carries the attribute. Changes to classes, attributes and
 * visibility are sticky: the client re-applies them after patches, until another command changes
 * them, so a server render does not undo what the user opened.
 */
export type Command =
  | readonly ["show" | "hide" | "toggle" | "focus", target: string]
  | readonly ["add-class" | "remove-class" | "toggle-class", target: string, className: string]
  | readonly ["set-attribute", target: string, name: string, value: string]
  | readonly ["remove-attribute" | "toggle-attribute", target: string, name: string]
  | readonly ["dispatch", target: string, eventName: string];

/** Prefix of the attribute that holds an element's commands for one event type: `js:click`. */
export const COMMAND_ATTRIBUTE_PREFIX = "js:";

/** The command names, with how many arguments follow the target. */
export const COMMAND_ARITY: Readonly<Record<Command[0], number>> = {
  show: 0,
  hide: 0,
  toggle: 0,
  focus: 0,
  "add-class": 1,
  "remove-class": 1,
  "toggle-class": 1,
  "set-attribute": 2,
  "remove-attribute": 1,
  "toggle-attribute": 1,
  dispatch: 1,
};
