import { COMMAND_ARITY, type Command } from "@lucent/protocol";
import { log } from "./log.ts";

/**
 * What commands changed, per element: a class (key `.name`, value "" when present, null when
 * absent) or an attribute (its name; the value, or null when removed). Visibility is the `hidden`
 * attribute. One map serves the whole document, like the selectors commands are matched with.
 */
const sticky = new Map<Element, Record<string, string | null>>();

/**
 * Runs the client-side commands of a `js:<type>` attribute (SPEC §5) for `element`: each command
 * is `[name, target, ...arguments]`, `target` a CSS selector or "" for the element itself. The
 * whole list is checked, and its targets found, before any command runs, so a malformed list
 * (bad JSON, an unknown command, a wrong argument count, a selector the DOM refuses) changes
 * nothing; it is logged and ignored, never thrown.
 *
 * @example runCommands(button, '[["toggle","#menu"],["add-class","","open"]]')
 */
export function runCommands(element: Element, json: string): void {
  try {
    const steps = (JSON.parse(json) as Command[]).map((command) => {
      const [name, target] = command;
      if (COMMAND_ARITY[name] !== command.length - 2 || !command.every(isString)) throw command;
      return [
        command,
        target ? element.ownerDocument.querySelectorAll(target) : [element],
      ] as const;
    });
    for (const [[name, , a, b], targets] of steps) {
      for (const target of targets) {
        if (name === "focus") (target as HTMLElement).focus();
        else if (name === "dispatch") {
          target.dispatchEvent(new CustomEvent(a as string, { bubbles: true }));
        } else {
          // show, hide and toggle change `hidden`; the others name what they change.
          const key = /class/.test(name) ? `.${a}` : /attr/.test(name) ? (a as string) : "hidden";
          const value = /^tog/.test(name)
            ? read(target, key) === null
              ? ""
              : null
            : /^(add|hide|set)/.test(name)
              ? (b ?? "")
              : null;
          sticky.set(target, { ...sticky.get(target), [key]: value });
          write(target, key, value);
        }
      }
    }
  } catch (error) {
    log("warn", "ignored commands", json, error);
  }
}

/**
 * Puts back what commands changed on elements that are still in the document, after a patch may
 * have undone it; forgets elements that left.
 */
export function reapplyCommands(): void {
  for (const [element, changes] of sticky) {
    if (!element.isConnected) sticky.delete(element);
    else for (const key in changes) write(element, key, changes[key] as string | null);
  }
}

const isString = (value: unknown) => typeof value === "string";

function read(element: Element, key: string): string | null {
  if (key[0] !== ".") return element.getAttribute(key);
  return element.classList.contains(key.slice(1)) ? "" : null;
}

// Writes only what differs, so that re-applying is free when nothing undid the change.
function write(element: Element, key: string, value: string | null): void {
  if (read(element, key) === value) return;
  if (key[0] === ".") element.classList.toggle(key.slice(1), value !== null);
  else if (value === null) element.removeAttribute(key);
  else element.setAttribute(key, value);
}
