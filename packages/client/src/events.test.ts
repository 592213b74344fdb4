// @vitest-environment happy-dom
import type { Payload } from "@lucent/protocol";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { delegateEvents } from "./events.ts";

type Sent = [handler: string, seq: number, payload: Payload];

let root: HTMLElement;
let sent: Sent[];
let seq: number;

function setup(html: string) {
  root = document.createElement("lucent-view");
  root.innerHTML = html;
  document.body.append(root);
  sent = [];
  seq = 7;
  const events = delegateEvents(root, {
    seq: () => seq,
    send: (handler, at, payload) => sent.push([handler, at, payload]),
  });
  events.scan();
  return events;
}

const $ = <T extends Element = HTMLElement>(selector: string) =>
  root.querySelector(selector) as unknown as T;

afterEach(() => {
  root.remove();
  vi.useRealTimers();
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

describe("payload", () => {
  test("input and change include the value; checkboxes and radios also checked", () => {
    setup(
      '<input id="t" on:input="1"><input id="c" type="checkbox" on:change="2"><select on:change="3"><option>a</option><option selected>b</option></select>',
    );
    $<HTMLInputElement>("#t").value = "hi";
    $("#t").dispatchEvent(new Event("input", { bubbles: true }));
    $("#c").click();
    $("select").dispatchEvent(new Event("change", { bubbles: true }));
    expect(sent.map(([, , payload]) => payload)).toEqual([
      { value: "hi" },
      { value: "on", checked: true },
      { value: "b" },
    ]);
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

  test("a pending send is cancelled when its element is removed", () => {
    const events = setup('<div><input on:input="9 d200"></div><p on:input="8 d200"></p>');
    type("a");
    $("p").dispatchEvent(new Event("input", { bubbles: true }));
    $("div").remove();
    events.prune();
    vi.advanceTimersByTime(500);
    expect(sent.map(([handler]) => handler)).toEqual(["8"]);
  });
});
