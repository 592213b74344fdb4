// @vitest-environment happy-dom
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { defineLucentView } from "./define.ts";
import { FakeWebSocket } from "./testing/fake-web-socket.ts";

interface Vector {
  name: string;
  wire: string;
}
const vectors = (file: string): Vector[] =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, "../../protocol/vectors/v1", file), "utf8"),
  ) as Vector[];
const wireOf = (file: string, name: string) =>
  vectors(file).find((vector) => vector.name === name)?.wire;

beforeAll(() => {
  defineLucentView();
});

let events: { type: string; detail: unknown }[];
const LUCENT_EVENTS = ["lucent:connect", "lucent:mount", "lucent:disconnect", "lucent:error"];
const record = (event: Event) =>
  events.push({ type: event.type, detail: (event as CustomEvent).detail });

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal("WebSocket", FakeWebSocket);
  FakeWebSocket.instances = [];
  events = [];
  for (const type of LUCENT_EVENTS) document.addEventListener(type, record);
});

afterEach(() => {
  for (const type of LUCENT_EVENTS) document.removeEventListener(type, record);
  document.body.innerHTML = "";
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Puts `<lucent-view ...>` with `html` inside on the page; it connects at once. */
function view(attributes: string, html = ""): HTMLElement {
  document.body.innerHTML = `<lucent-view ${attributes}>${html}</lucent-view>`;
  return document.body.firstElementChild as HTMLElement;
}

/** A view on an open socket, mounted with `tree`. */
function mounted(tree: unknown[], seq = 1, token = "t") {
  const element = view('route="/live"');
  const socket = FakeWebSocket.last();
  socket.open();
  socket.receive([0, seq, token, tree]);
  return { element, socket };
}

describe("joining", () => {
  test("a fresh element connects to its route and joins with its attributes", () => {
    const element = view('route="/live" room="lobby" data-theme="dark"');
    const socket = FakeWebSocket.last();
    expect(socket.url).toBe(new URL("/live", document.baseURI).href.replace(/^http/, "ws"));
    expect(element.getAttribute("state")).toBe("connecting");
    socket.open();
    expect(element.getAttribute("state")).toBe("connected");
    expect(socket.sent).toEqual([wireOf("client.json", "join: with the element's attributes")]);
    expect(events).toEqual([{ type: "lucent:connect", detail: null }]);
  });

  test("a server-rendered element joins with its token and seq, and adopts its children", () => {
    const element = view(
      'route="/live" token="q2Vh1xY0S7mZ9bJk4T3wAA" seq="41"',
      '<p>Count: 3</p><button on:click="2">+</button>',
    );
    const children = [...element.childNodes];
    const socket = FakeWebSocket.last();
    socket.open();
    expect(socket.sent).toEqual([
      wireOf("client.json", "join: resuming a token at a sequence number"),
    ]);
    socket.receive(wireOf("server.json", "mount: without a tree, keeping the server-rendered DOM"));
    expect([...element.childNodes]).toEqual(children);
    expect(element.childNodes[0]).toBe(children[0]);
    expect(events.map((e) => e.type)).toEqual(["lucent:connect", "lucent:mount"]);
    (element.querySelector("button") as HTMLElement).click();
    expect(socket.frames.at(-1)).toEqual([1, 1, "2", 42]);
  });

  test("events on adopted content before the mount are sent after it", async () => {
    const element = view('route="/live" token="tok" seq="4"', '<button on:click="2">+</button>');
    await Promise.resolve();
    (element.querySelector("button") as HTMLElement).click();
    const socket = FakeWebSocket.last();
    socket.open();
    (element.querySelector("button") as HTMLElement).click();
    socket.receive([0, 4, "tok"]);
    expect(socket.frames).toEqual([
      [0, 1, "tok", 4],
      [
        3,
        [
          [1, 1, "2", 4],
          [1, 2, "2", 4],
        ],
      ],
    ]);
  });

  test("events aimed at another session are dropped, not misrouted", async () => {
    const element = view('route="/live" token="old" seq="4"', '<button on:click="2">+</button>');
    await Promise.resolve();
    (element.querySelector("button") as HTMLElement).click();
    const socket = FakeWebSocket.last();
    socket.open();
    socket.receive([0, 0, "new", [["button", { "on:click": "2" }, "+"]]]);
    expect(socket.frames).toEqual([[0, 1, "old", 4]]);
  });
});

describe("server frames", () => {
  test("mount with a tree replaces the children", () => {
    const element = view('route="/live"', "<p>loading…</p>");
    const socket = FakeWebSocket.last();
    socket.open();
    socket.receive(wireOf("server.json", "mount: the counter of SPEC §5"));
    expect(element.innerHTML).toBe('Count: 3<button on:click="2">+</button>');
    expect(events.map((e) => e.type)).toEqual(["lucent:connect", "lucent:mount"]);
  });

  test("a patch applies and advances the sequence number", () => {
    const { element, socket } = mounted(
      [
        ["p", 0, "Count: 3"],
        ["button", { "on:click": "2" }, "+"],
      ],
      3,
    );
    (element.querySelector("button") as HTMLElement).click();
    expect(socket.frames.at(-1)).toEqual([1, 1, "2", 3]);
    socket.receive([1, [[0, 0], 0, "Count: 4"], 1]);
    expect(element.querySelector("p")?.textContent).toBe("Count: 4");
    (element.querySelector("button") as HTMLElement).click();
    socket.receive([1, [[0, 0], 0, "Count: 5"]]);
    (element.querySelector("button") as HTMLElement).click();
    expect(socket.frames.slice(-2)).toEqual([
      [1, 2, "2", 4],
      [1, 3, "2", 5],
    ]);
  });

  test("events carry their payload; bindings added by patches are listened to", () => {
    const { element, socket } = mounted([["input", { name: "q" }]]);
    socket.receive([1, [[0], 1, "on:input", "9"]]);
    const input = element.querySelector("input") as HTMLInputElement;
    input.value = "hi";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    expect(socket.sent.at(-1)).toBe('[1,1,"9",2,{"value":"hi"}]');
  });

  test("emit dispatches a bubbling CustomEvent on the element", () => {
    const { element, socket } = mounted([]);
    const seen: unknown[] = [];
    document.addEventListener("lucent:toast", (event) => {
      seen.push([event.target, (event as CustomEvent).detail]);
    });
    socket.receive(wireOf("server.json", "emit: with an object detail"));
    socket.receive(wireOf("server.json", "emit: a detail of false is sent"));
    document.addEventListener("saved", (event) => seen.push((event as CustomEvent).detail));
    socket.receive(wireOf("server.json", "emit: without detail"));
    expect(seen).toEqual([[element, { text: "Saved", level: 2, tags: ["a"] }], null]);
  });

  test("an error frame is dispatched as lucent:error and logged", () => {
    const { element, socket } = mounted([]);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    socket.receive(wireOf("server.json", "error: 4 rate limited"));
    expect(events.at(-1)).toEqual({
      type: "lucent:error",
      detail: { code: 4, message: "too many events" },
    });
    expect(warn).toHaveBeenCalledWith("lucent: too many events");
    expect(element.getAttribute("state")).toBe("connected");
  });

  test("a patch that does not fit asks for a resync and ignores patches until the mount", () => {
    const { element, socket } = mounted([["p", 0, "a"]]);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    socket.receive([1, [[5], 0, "x"]]);
    expect(socket.frames.at(-1)).toEqual([4]);
    expect(warn).toHaveBeenCalledOnce();
    socket.receive([1, [[0, 0], 0, "b"]]);
    expect(element.innerHTML).toBe("<p>a</p>");
    socket.receive([0, 9, "t", [["p", 0, "c"]]]);
    socket.receive([1, [[0, 0], 0, "d"]]);
    expect(element.innerHTML).toBe("<p>d</p>");
    expect(socket.frames.filter((frame) => (frame as number[])[0] === 4)).toHaveLength(1);
  });

  test("every valid server frame of the golden vectors is taken", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
    for (const { name, wire } of vectors("server.json")) {
      const { socket } = mounted([["p", 0, "a"]]);
      socket.receive(wire);
      const ignored = warn.mock.calls.filter(([message]) => message === "lucent: ignored a frame");
      expect(ignored, name).toEqual([]);
    }
  });

  test("every invalid server frame of the golden vectors is ignored, and nothing throws", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const tree = [["p", { class: "x" }, "a", ["b", 0, "c"]], "d"];
    const { element, socket } = mounted(tree);
    const html = element.innerHTML;
    const before = events.length;
    for (const { name, wire } of [
      ...vectors("invalid-server.json"),
      { name: "binary", wire: new Blob(["[2,1]"]) as unknown as string },
    ]) {
      warn.mockClear();
      expect(() => socket.onmessage?.({ data: wire }), name).not.toThrow();
      expect(element.innerHTML, name).toBe(html);
      expect(events.length, name).toBe(before);
      expect(warn, name).toHaveBeenCalled();
      // A bad patch asks for a resync; a mount starts over.
      socket.receive([0, 1, "t", tree]);
      events.splice(before);
    }
    expect(socket.frames.every((frame) => [0, 4].includes((frame as number[])[0] as number))).toBe(
      true,
    );
  });
});

describe("typing", () => {
  test("the focused input keeps its value until its events are acknowledged", () => {
    const { element, socket } = mounted([["input", { value: "", "on:input": "7" }]]);
    const input = element.querySelector("input") as HTMLInputElement;
    input.focus();
    const type = (value: string) => {
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    };
    type("a");
    type("ab");
    socket.receive([1, [[0], 1, "value", "a"], 1]);
    expect(input.value).toBe("ab");
    expect(input.getAttribute("value")).toBe("a");
    socket.receive([2, 2]);
    socket.receive([1, [[0], 1, "value", "AB"]]);
    expect(input.value).toBe("AB");
  });

  test("a value sent with the ack of the last event is written, so a clear after Enter works", () => {
    const { element, socket } = mounted([["input", { value: "", "on:keydown": "7" }]]);
    const input = element.querySelector("input") as HTMLInputElement;
    input.focus();
    input.value = "hello";
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    socket.receive([1, [[0], 1, "value", ""], 1]);
    expect(input.value).toBe("");
  });
});

describe("attributes", () => {
  test("changes of the element's attributes are sent; its own are not", async () => {
    const { element, socket } = mounted([]);
    element.setAttribute("room", "b");
    element.removeAttribute("room");
    element.setAttribute("token", "x");
    await Promise.resolve();
    element.setAttribute("room", "c");
    await Promise.resolve();
    expect(socket.frames.slice(1)).toEqual([
      [2, "room", null],
      [2, "room", "c"],
    ]);
  });

  test("a new route connects there as a new session", async () => {
    const { element, socket } = mounted([], 5, "t1");
    element.setAttribute("route", "/other");
    await Promise.resolve();
    expect(socket.closedWith).toBe(1000);
    const next = FakeWebSocket.last();
    expect(next.url).toMatch(/\/other$/);
    next.open();
    expect(next.frames).toEqual([[0, 1, "", 0]]);
  });
});

describe("connection", () => {
  test("reconnects with backoff and resumes with the last token and seq", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const { element, socket } = mounted([["p", 0, "a"]], 5, "t1");
    socket.receive([1, [[0, 0], 0, "b"]]);
    socket.receive([1, [[0, 0], 0, "c"]]);
    socket.serverClose(1006, "lost");
    expect(element.getAttribute("state")).toBe("disconnected");
    expect(events.at(-1)).toEqual({
      type: "lucent:disconnect",
      detail: { code: 1006, reason: "lost" },
    });
    vi.advanceTimersByTime(249);
    expect(FakeWebSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    const next = FakeWebSocket.last();
    expect(element.getAttribute("state")).toBe("connecting");
    next.open();
    expect(next.frames).toEqual([[0, 1, "t1", 7]]);
    expect(element.innerHTML).toBe("<p>c</p>");
  });

  test("refs start over on each connection", () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { element, socket } = mounted([["button", { "on:click": "2" }]]);
    const button = element.querySelector("button") as HTMLElement;
    button.click();
    button.click();
    socket.serverClose(1001);
    vi.advanceTimersByTime(0);
    const next = FakeWebSocket.last();
    next.open();
    next.receive([0, 1, "t"]);
    button.click();
    expect(socket.frames.slice(-1)).toEqual([[1, 2, "2", 1]]);
    expect(next.frames.at(-1)).toEqual([1, 1, "2", 1]);
  });

  test("a hidden page reconnects only once it is visible", () => {
    const { socket } = mounted([]);
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    socket.serverClose(1006);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  test("a refused version fails for good: state, lucent:error, console, no reconnect", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const element = view('route="/live"');
    const socket = FakeWebSocket.last();
    socket.open();
    socket.receive(wireOf("server.json", "error: 2 unsupported version"));
    socket.serverClose(4426);
    vi.advanceTimersByTime(60_000);
    expect(element.getAttribute("state")).toBe("failed");
    expect(events.at(-1)).toEqual({
      type: "lucent:error",
      detail: { code: 2, message: "unsupported protocol version 9; this server speaks 1" },
    });
    expect(error).toHaveBeenCalledWith(
      "lucent: unsupported protocol version 9; this server speaks 1",
    );
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  test("close code 4426 alone also fails for good", () => {
    const element = view('route="/live"');
    FakeWebSocket.last().serverClose(4426);
    vi.advanceTimersByTime(60_000);
    expect(element.getAttribute("state")).toBe("failed");
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  test("removing the element closes with 1000; putting it back resumes", () => {
    const { element, socket } = mounted([["p", 0, "a"]], 3, "t1");
    element.remove();
    expect(socket.closedWith).toBe(1000);
    expect(element.getAttribute("state")).toBe("disconnected");
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    document.body.append(element);
    const next = FakeWebSocket.last();
    next.open();
    expect(next.frames).toEqual([[0, 1, "t1", 3]]);
    expect(element.innerHTML).toBe("<p>a</p>");
  });

  test("an element without a route does not connect", () => {
    view("");
    expect(FakeWebSocket.instances).toHaveLength(0);
  });
});
