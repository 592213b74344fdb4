// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import extras from "./extras.ts";
import { createHooks, defineHook, type HookContext, registry } from "./hooks.ts";
import { provideExtras } from "./lazy.ts";

let log: string[];
let contexts: Map<Element, HookContext>;
let root: HTMLElement;
let sync: ReturnType<typeof createHooks>;

beforeEach(() => {
  provideExtras(extras);
  log = [];
  contexts = new Map();
  const record = (stage: string) => (element: Element, context: HookContext) => {
    log.push(`${stage} ${element.id}`);
    contexts.set(element, context);
  };
  defineHook("rec", {
    mounted: record("mounted"),
    updated: record("updated"),
    removed: record("removed"),
  });
  root = document.createElement("lucent-view");
  document.body.append(root);
  sync = createHooks(root, registry);
});

afterEach(() => {
  document.body.innerHTML = "";
  vi.restoreAllMocks();
});

function html(markup: string): Element {
  const template = document.createElement("template");
  template.innerHTML = markup;
  return template.content.firstElementChild as Element;
}

describe("lifecycle", () => {
  test("mounted for the hooked elements under the root, at any depth", () => {
    const tree = html(
      '<div id="a" lucent-hook="rec"><p id="b" lucent-hook="rec"></p><p id="c"></p></div>',
    );
    root.append(tree);
    sync([]);
    expect(log).toEqual(["mounted a", "mounted b"]);
  });

  test("mounted once, however often the hooks are synced", () => {
    const tree = html('<p id="a" lucent-hook="rec"></p>');
    root.append(tree);
    sync([]);
    sync([]);
    expect(log).toEqual(["mounted a"]);
  });

  test("hooked elements that are not under the root are skipped", () => {
    const detached = html('<p id="a" lucent-hook="rec"></p>');
    document.body.append(detached);
    sync([detached, document.createTextNode("x")]);
    expect(log).toEqual([]);
  });

  test("an unknown hook name attaches nothing; a later definition attaches at the next sync", () => {
    const tree = html('<p id="a" lucent-hook="later"></p>');
    root.append(tree);
    sync([]);
    defineHook("later", { mounted: (element) => log.push(`later ${element.id}`) });
    sync([]);
    expect(log).toEqual(["later a"]);
  });

  test("updated for touched nodes that are hooked and still attached", () => {
    const tree = html('<div id="a" lucent-hook="rec"><p id="b" lucent-hook="rec"></p></div>');
    root.append(tree);
    sync([]);
    log = [];
    const text = document.createTextNode("t");
    sync(new Set<Node>([root, tree, text]));
    expect(log).toEqual(["updated a"]);
  });

  test("removed when an element leaves the root, with the same context it was mounted with", () => {
    const tree = html('<div id="a" lucent-hook="rec"><p id="b" lucent-hook="rec"></p></div>');
    root.append(tree);
    sync([]);
    const mountedWith = contexts.get(tree);
    tree.remove();
    sync([tree]);
    expect(log).toEqual(["mounted a", "mounted b", "removed a", "removed b"]);
    expect(contexts.get(tree)).toBe(mountedWith);
    sync([]);
    expect(log).toHaveLength(4);
  });

  test("a hook that throws is logged; the other hooks still run", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    defineHook("boom", {
      mounted: () => {
        throw new Error("boom");
      },
    });
    const tree = html('<div id="a" lucent-hook="boom"><p id="b" lucent-hook="rec"></p></div>');
    root.append(tree);
    expect(() => sync([])).not.toThrow();
    expect(log).toEqual(["mounted b"]);
    expect(error).toHaveBeenCalledWith("lucent:", "hook", "mounted", expect.any(Error));
  });
});

describe("context", () => {
  test("pushEvent dispatches a bubbling CustomEvent with the detail on the element", () => {
    const tree = html('<p id="a" lucent-hook="rec"></p>');
    root.append(tree);
    sync([]);
    const seen: unknown[] = [];
    root.addEventListener("picked", (event) => {
      seen.push([(event.target as Element).id, (event as CustomEvent).detail]);
    });
    contexts.get(tree)?.pushEvent("picked", { id: 3 });
    expect(seen).toEqual([["a", { id: 3 }]]);
  });

  test("onEmit hears what the root dispatches, not events bubbling up to it, until removal", () => {
    const tree = html('<p id="a" lucent-hook="rec"></p>');
    root.append(tree);
    sync([]);
    const heard: unknown[] = [];
    contexts.get(tree)?.onEmit("zoom", (detail) => heard.push(detail));
    root.dispatchEvent(new CustomEvent("zoom", { detail: 2 }));
    tree.dispatchEvent(new CustomEvent("zoom", { detail: "from the page", bubbles: true }));
    tree.remove();
    sync([]);
    root.dispatchEvent(new CustomEvent("zoom", { detail: 3 }));
    expect(heard).toEqual([2]);
  });
});
