// @vitest-environment happy-dom
import type { Payload } from "@lucent/protocol";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { delegateEvents } from "./events.ts";
import extras from "./extras.ts";
import { provideExtras } from "./lazy.ts";

type Sent = [handler: string, seq: number, payload: Payload];

let root: HTMLElement;
let sent: Sent[];
let elements: Element[];
let classesAtSend: string[];
let seq: number;
let needs: number;

function setup(html: string) {
  root = document.createElement("lucent-view");
  root.innerHTML = html;
  document.body.append(root);
  sent = [];
  elements = [];
  classesAtSend = [];
  seq = 7;
  needs = 0;
  const events = delegateEvents(root, {
    seq: () => seq,
    need: () => needs++,
    send: (element, binding, at, payload) => {
      sent.push([binding.handler, at, payload]);
      elements.push(element);
      classesAtSend.push(element.className);
    },
  });
  events.scan();
  return events;
}

const $ = <T extends Element = HTMLElement>(selector: string) =>
  root.querySelector(selector) as unknown as T;

beforeEach(() => {
  provideExtras(extras);
});

afterEach(() => {
  root.remove();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("delegation", () => {
  test("walks from the target up to the root, firing each binding", () => {
    setup('<div on:click="1"><p><button on:click="2">+</button></p></div>');
    $("button").click();
    expect(sent).toEqual([
      ["2", 7, {}],
      ["1", 7, {}],
    ]);
  });

  test("listens only for types that appear in on: attributes", () => {
    const events = setup('<button on:click="2">+</button>');
    $("button").dispatchEvent(new Event("dblclick", { bubbles: true }));
    expect(sent).toEqual([]);
    $("button").setAttribute("on:dblclick", "3");
    events.listen("dblclick");
    $("button").dispatchEvent(new Event("dblclick", { bubbles: true }));
    expect(sent).toEqual([["3", 7, {}]]);
  });

  test("s stops the walk and the event", () => {
    setup('<div on:click="1"><button on:click="2 s">+</button></div>');
    const outside = vi.fn();
    document.body.addEventListener("click", outside);
    $("button").click();
    document.body.removeEventListener("click", outside);
    expect(sent).toEqual([["2", 7, {}]]);
    expect(outside).not.toHaveBeenCalled();
  });

  test("page listeners on inner elements run before a binding stops the event", () => {
    setup('<div on:click="1 s"><button>+</button></div>');
    const inner = vi.fn();
    $("button").addEventListener("click", inner);
    $("button").click();
    expect(inner).toHaveBeenCalled();
    expect(sent).toEqual([["1", 7, {}]]);
  });

  test("p prevents the default action, synchronously", () => {
    setup('<a href="#x" on:click="1 p">a</a><a href="#y" on:click="2">b</a>');
    const prevented = new MouseEvent("click", { bubbles: true, cancelable: true });
    $("a").dispatchEvent(prevented);
    expect(prevented.defaultPrevented).toBe(true);
    const allowed = new MouseEvent("click", { bubbles: true, cancelable: true });
    $("a + a").dispatchEvent(allowed);
    expect(allowed.defaultPrevented).toBe(false);
  });

  test("an event that does not bubble fires only its target's binding", () => {
    setup('<div on:focus="1" on:mouseenter="2"><input on:focus="3"><span></span></div>');
    $("input").dispatchEvent(new FocusEvent("focus"));
    $("span").dispatchEvent(new MouseEvent("mouseenter"));
    $("div").dispatchEvent(new MouseEvent("mouseenter"));
    expect(sent).toEqual([
      ["3", 7, {}],
      ["2", 7, {}],
    ]);
  });

  test("a custom event that does not bubble reaches its target's binding", () => {
    setup('<p on:picked="4 idetail"></p>');
    $("p").dispatchEvent(new CustomEvent("picked", { detail: { id: 3 } }));
    expect(sent).toEqual([["4", 7, { detail: { id: 3 } }]]);
  });

  test("elements of a nested view belong to that view", () => {
    setup('<div on:click="1"><lucent-view><button on:click="2">+</button></lucent-view></div>');
    $("button").click();
    expect(sent).toEqual([]);
  });

  test("the sequence number is the one of the DOM the user acted on", () => {
    setup('<button on:click="2">+</button>');
    seq = 12;
    $("button").click();
    expect(sent).toEqual([["2", 12, {}]]);
  });
});

describe("key filters", () => {
  const key = (target: Element, init: KeyboardEventInit) => {
    const event = new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(event);
    return event;
  };

  test("k sends only the listed keys; others are not sent, not prevented, not stopped", () => {
    setup('<div on:keydown="1"><input on:keydown="2 p s kEnter kEscape k%20"></div>');
    const ignored = key($("input"), { key: "a" });
    expect(ignored.defaultPrevented).toBe(false);
    expect(sent).toEqual([["1", 7, { key: "a" }]]);
    const sentKey = key($("input"), { key: " ", ctrlKey: true });
    expect(sentKey.defaultPrevented).toBe(true);
    key($("input"), { key: "Escape" });
    expect(sent.slice(1)).toEqual([
      ["2", 7, { key: " ", ctrlKey: true }],
      ["2", 7, { key: "Escape" }],
    ]);
  });

  test("keys that do not match never reach the debounce, so they cannot cancel one", () => {
    vi.useFakeTimers();
    setup('<input on:keydown="3 d100 kEnter">');
    key($("input"), { key: "Enter" });
    vi.advanceTimersByTime(60);
    key($("input"), { key: "x" });
    vi.advanceTimersByTime(40);
    expect(sent).toEqual([["3", 7, { key: "Enter" }]]);
  });

  test("an event without a key does not match a key filter", () => {
    setup('<button on:click="4 kEnter">+</button>');
    $("button").click();
    expect(sent).toEqual([]);
  });
});

describe("window and document bindings", () => {
  test("an on:window:<type> binding sends the window's events as its element's", () => {
    const events = setup(
      '<div id="a" on:window:keydown="5 kEscape"></div><p on:window:keydown="6"></p>',
    );
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "x" }));
    expect(sent).toEqual([
      ["5", 7, { key: "Escape" }],
      ["6", 7, { key: "Escape" }],
      ["6", 7, { key: "x" }],
    ]);
    expect(elements.slice(0, 2)).toEqual([$("#a"), $("p")]);
    events.listen("window:keydown");
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "y" }));
    expect(sent).toHaveLength(4);
  });

  test("on:document:<type> listens on the document; bindings set later are found", () => {
    const events = setup("<p></p>");
    document.dispatchEvent(new Event("visibilitychange"));
    $("p").setAttribute("on:document:visibilitychange", "7 t1000");
    events.listen("document:visibilitychange");
    document.dispatchEvent(new Event("visibilitychange"));
    document.dispatchEvent(new Event("visibilitychange"));
    expect(sent).toEqual([["7", 7, {}]]);
  });

  test("bindings in nested views, and views out of the page, send nothing", () => {
    setup('<lucent-view><p on:window:resize="8"></p></lucent-view><p on:window:resize="9"></p>');
    window.dispatchEvent(new Event("resize"));
    root.remove();
    window.dispatchEvent(new Event("resize"));
    expect(sent).toEqual([["9", 7, {}]]);
  });

  test("other event types with a colon are ordinary events of the element", () => {
    const events = setup('<p on:chart:zoom="3"></p>');
    events.listen("chart:zoom");
    $("p").dispatchEvent(new CustomEvent("chart:zoom", { detail: 2, bubbles: true }));
    document.dispatchEvent(new CustomEvent("zoom"));
    expect(sent).toEqual([["3", 7, { detail: 2 }]]);
  });

  test("a window binding's element does not need to be the target of anything", () => {
    setup('<p on:window:scroll="1"></p><p on:scroll="2"></p>');
    window.dispatchEvent(new Event("scroll"));
    expect(sent.map(([handler]) => handler)).toEqual(["1"]);
  });
});

describe("client-side commands", () => {
  test("js:<type> runs before the on:<type> binding of the same element is sent", () => {
    setup(
      '<button js:click=\'[["add-class","","busy"]]\' on:click="2">+</button><ul id="m" hidden></ul>',
    );
    $("button").click();
    expect(classesAtSend).toEqual(["busy"]);
    expect(sent).toEqual([["2", 7, {}]]);
  });

  test("commands run on every element of the walk, and without any on: binding", () => {
    setup(
      '<div js:click=\'[["show","#m"]]\'><button js:click=\'[["add-class","","on"]]\'>+</button></div><ul id="m" hidden></ul>',
    );
    $("button").click();
    expect($("button").className).toBe("on");
    expect($("#m").hidden).toBe(false);
    expect(sent).toEqual([]);
  });

  test("a binding's s stops the walk before the commands of outer elements", () => {
    setup('<div js:click=\'[["add-class","","outer"]]\'><button on:click="1 s">+</button></div>');
    $("button").click();
    expect($("div").className).toBe("");
  });

  test("js: attributes make the element listen, like on: attributes", () => {
    const events = setup("<button>+</button>");
    $("button").setAttribute("js:dblclick", '[["add-class","","x"]]');
    events.listen("dblclick");
    $("button").dispatchEvent(new MouseEvent("dblclick", { bubbles: true }));
    expect($("button").className).toBe("x");
  });
});

describe("before the second module has loaded", () => {
  // Unloads the extras; the next need loads them with a promise the test settles.
  function unloaded() {
    let settle!: (loaded: boolean) => void;
    provideExtras(
      undefined,
      () =>
        new Promise((resolve, reject) => {
          settle = (loaded) => (loaded ? resolve({ default: extras }) : reject(new Error("404")));
        }),
    );
    return (loaded: boolean) => settle(loaded);
  }
  const arrival = () => new Promise((resolve) => setTimeout(resolve));

  test("an event on a js: element is held: its commands run, then its binding is sent", async () => {
    const load = unloaded();
    setup(
      '<button js:click=\'[["add-class","","busy"]]\' on:click="2">+</button><a on:click="3">a</a>',
    );
    $("button").click();
    seq = 8;
    // Later events wait behind the held one.
    $("a").click();
    expect(sent).toEqual([]);
    expect($("button").className).toBe("");
    load(true);
    await arrival();
    expect(classesAtSend).toEqual(["busy", ""]);
    expect(sent).toEqual([
      ["2", 7, {}],
      ["3", 8, {}],
    ]);
    // Once loaded, nothing waits.
    $("a").click();
    expect(sent).toHaveLength(3);
  });

  test("what cannot wait happens during the event: preventDefault and the payload", async () => {
    const load = unloaded();
    setup('<input name="q" value="a" js:input=\'[["add-class","","typed"]]\' on:input="5 p">');
    const input = new Event("input", { bubbles: true, cancelable: true });
    $("input").dispatchEvent(input);
    expect(input.defaultPrevented).toBe(true);
    $<HTMLInputElement>("input").value = "later";
    load(true);
    await arrival();
    expect(sent).toEqual([["5", 7, { value: "a", name: "q" }]]);
    expect(classesAtSend).toEqual(["typed"]);
  });

  test("a failed load is logged once; held bindings are sent without their commands", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const load = unloaded();
    setup('<button js:click=\'[["add-class","","busy"]]\' on:click="2">+</button>');
    $("button").click();
    load(false);
    await arrival();
    $("button").click();
    await arrival();
    expect(sent).toEqual([
      ["2", 7, {}],
      ["2", 7, {}],
    ]);
    expect($("button").className).toBe("");
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]?.slice(0, 2)).toEqual(["lucent:", "extras did not load"]);
  });

  test("the first js: or lucent-hook attribute noted asks for the module, once", () => {
    unloaded();
    const events = setup('<p on:click="1"></p>');
    expect(needs).toBe(0);
    events.note("lucent-hook");
    events.note("js:click");
    expect(needs).toBe(1);
    provideExtras(extras);
    const loaded = setup('<p js:click="[]" lucent-hook="x"></p>');
    loaded.note("js:keydown");
    expect(needs).toBe(0);
  });
});

describe("payload", () => {
  test("input and change include value and name; checkboxes and radios also checked", () => {
    setup(
      '<input id="t" on:input="1"><input id="c" name="done" type="checkbox" on:change="2"><select name="one" on:change="3"><option>a</option><option selected>b</option></select>',
    );
    $<HTMLInputElement>("#t").value = "hi";
    $("#t").dispatchEvent(new Event("input", { bubbles: true }));
    $("#c").click();
    $("select").dispatchEvent(new Event("change", { bubbles: true }));
    expect(sent.map(([, , payload]) => payload)).toEqual([
      { value: "hi" },
      { value: "on", name: "done", checked: true },
      { value: "b", name: "one" },
    ]);
  });

  test("a multiple select includes the values of every selected option", () => {
    setup(
      '<form on:change="4"><select name="tags" multiple><option value="a" selected>A</option><option value="b">B</option><option value="c" selected>C</option></select></form>',
    );
    $("select").dispatchEvent(new Event("change", { bubbles: true }));
    expect(sent).toEqual([["4", 7, { value: "a", name: "tags", values: ["a", "c"] }]]);
  });

  test("a CustomEvent's detail is included without a flag; idetail paths narrow it", () => {
    setup('<p on:pick="1"></p><i on:pick="2 idetail.id"></i><b on:pick="3"></b>');
    $("p").dispatchEvent(new CustomEvent("pick", { detail: { id: 3, at: [1, 2] } }));
    $("i").dispatchEvent(new CustomEvent("pick", { detail: { id: 4, at: [] } }));
    $("b").dispatchEvent(new CustomEvent("pick"));
    expect(sent).toEqual([
      ["1", 7, { detail: { id: 3, at: [1, 2] } }],
      ["2", 7, { detail: { id: 4 } }],
      ["3", 7, {}],
    ]);
  });

  test("the detail of a UIEvent (a click count) is not a payload", () => {
    setup('<button on:click="1">+</button>');
    $("button").dispatchEvent(new MouseEvent("click", { bubbles: true, detail: 2 }));
    expect(sent).toEqual([["1", 7, {}]]);
  });

  test("an include path cannot reach a prototype through an automatic detail", () => {
    setup('<p on:pick="1 idetail.__proto__.polluted idetail.constructor.x"></p>');
    $("p").dispatchEvent(new CustomEvent("pick", { detail: { a: 1 }, bubbles: true }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object as unknown as Record<string, unknown>).x).toBeUndefined();
  });

  test("key events include the key and only the modifiers that are down", () => {
    setup('<input on:keydown="1">');
    $("input").dispatchEvent(
      new KeyboardEvent("keydown", { key: "Enter", shiftKey: true, ctrlKey: false, bubbles: true }),
    );
    expect(sent).toEqual([["1", 7, { key: "Enter", shiftKey: true }]]);
  });

  test("submit includes the form data with the submitter and prevents the default", () => {
    setup(
      '<form on:submit="5"><input name="q" value="x"><input type="file" name="f"><button name="go" value="1">Go</button><button name="no" value="2">No</button></form>',
    );
    let prevented = false;
    document.addEventListener("submit", (event) => (prevented = event.defaultPrevented), {
      once: true,
    });
    $("button").click();
    expect(sent).toEqual([
      [
        "5",
        7,
        {
          formData: [
            ["q", "x"],
            ["go", "1"],
          ],
        },
      ],
    ]);
    expect(prevented).toBe(true);
  });

  test("after sending, `c<name>` empties those fields and `r` resets the form", () => {
    setup(
      '<form on:submit="5 ctext"><input name="name" value=""><input name="text"><button>Go</button></form>' +
        '<form on:submit="6 r"><input name="all" value="start"><button>Go</button></form>',
    );
    const [first, second] = [...root.querySelectorAll("form")];
    (first!.querySelector("[name=name]") as HTMLInputElement).value = "ada";
    (first!.querySelector("[name=text]") as HTMLInputElement).value = "hello";
    first!.querySelector("button")!.click();
    expect(sent[0]![2]).toEqual({
      formData: [
        ["name", "ada"],
        ["text", "hello"],
      ],
    });
    expect((first!.querySelector("[name=text]") as HTMLInputElement).value).toBe("");
    expect((first!.querySelector("[name=name]") as HTMLInputElement).value).toBe("ada");
    (second!.querySelector("input") as HTMLInputElement).value = "typed";
    second!.querySelector("button")!.click();
    expect(sent[1]![2]).toEqual({ formData: [["all", "typed"]] });
    expect((second!.querySelector("input") as HTMLInputElement).value).toBe("start");
  });

  test("submit without a binding is left alone", () => {
    setup('<form><button>Go</button></form><p on:submit="1"></p>');
    const event = new Event("submit", { bubbles: true, cancelable: true });
    $("form").dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });

  test("include paths copy JSON values into the same path", () => {
    setup(
      '<button id="b" data-k="v" on:click="1 itarget.id itarget.dataset.k iclientX idetail.missing.x">+</button>',
    );
    $("button").dispatchEvent(new MouseEvent("click", { bubbles: true, clientX: 42 }));
    expect(sent).toEqual([
      [
        "1",
        7,
        { target: { id: "b", dataset: { k: "v" } }, clientX: 42, detail: { missing: { x: null } } },
      ],
    ]);
  });

  test("values JSON cannot hold become null; objects are copied as JSON", () => {
    setup('<p on:pick="1 idetail.f idetail.o idetail.n"></p>');
    const detail = { f: () => 1, o: { a: [1, "b", true, null], d: new Date(0) }, n: Number.NaN };
    $("p").dispatchEvent(new CustomEvent("pick", { detail, bubbles: true }));
    expect(sent).toEqual([
      [
        "1",
        7,
        {
          detail: {
            f: null,
            o: { a: [1, "b", true, null], d: "1970-01-01T00:00:00.000Z" },
            n: null,
          },
        },
      ],
    ]);
  });

  test("an include path cannot write outside the payload", () => {
    setup('<p on:pick="1 i__proto__.polluted"></p>');
    $("p").dispatchEvent(new CustomEvent("pick", { bubbles: true }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("debounce and throttle", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  const type = (value: string) => {
    $<HTMLInputElement>("input").value = value;
    $("input").dispatchEvent(new Event("input", { bubbles: true }));
  };

  test("d sends the last event after a quiet period, with its sequence number", () => {
    setup('<input on:input="9 d200">');
    type("a");
    vi.advanceTimersByTime(150);
    type("ab");
    seq = 8;
    vi.advanceTimersByTime(150);
    type("abc");
    seq = 9;
    vi.advanceTimersByTime(199);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([["9", 8, { value: "abc" }]]);
  });

  test("t sends the first event of each window and drops the rest", () => {
    setup('<input on:input="9 t100">');
    type("a");
    vi.advanceTimersByTime(50);
    type("ab");
    vi.advanceTimersByTime(50);
    type("abc");
    vi.advanceTimersByTime(1000);
    expect(sent.map(([, , p]) => p.value)).toEqual(["a", "abc"]);
  });

  test("t with d sends the leading event and a trailing one the throttle dropped", () => {
    setup('<input on:input="9 t100 d50">');
    type("a");
    vi.advanceTimersByTime(30);
    type("ab");
    vi.advanceTimersByTime(50);
    expect(sent.map(([, , p]) => p.value)).toEqual(["a", "ab"]);
    vi.advanceTimersByTime(100);
    type("abc");
    vi.advanceTimersByTime(1000);
    expect(sent.map(([, , p]) => p.value)).toEqual(["a", "ab", "abc"]);
  });

  test("each element and event type is timed on its own", () => {
    setup('<input id="a" on:input="1 d100" on:change="2 d100"><input id="b" on:input="3 d100">');
    $("#a").dispatchEvent(new Event("input", { bubbles: true }));
    $("#a").dispatchEvent(new Event("change", { bubbles: true }));
    $("#b").dispatchEvent(new Event("input", { bubbles: true }));
    vi.advanceTimersByTime(100);
    expect(sent.map(([handler]) => handler)).toEqual(["1", "2", "3"]);
  });

  test("a pending send is dropped when its element has been removed", () => {
    setup('<div><input on:input="9 d200"></div><p on:input="8 d200"></p>');
    type("a");
    $("p").dispatchEvent(new Event("input", { bubbles: true }));
    $("div").remove();
    vi.advanceTimersByTime(500);
    expect(sent.map(([handler]) => handler)).toEqual(["8"]);
  });
});
