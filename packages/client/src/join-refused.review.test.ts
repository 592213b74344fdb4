// @vitest-environment happy-dom
// Review probes for 6e603ed/ba722ef: a 1009 before the mount is final, after it is not.
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { defineLucentView } from "./define.ts";
import extras from "./extras.ts";
import { provideExtras } from "./lazy.ts";
import { FakeWebSocket } from "./testing/fake-web-socket.ts";

beforeAll(() => defineLucentView());
beforeEach(() => {
  provideExtras(extras);
  vi.useFakeTimers();
  vi.stubGlobal("WebSocket", FakeWebSocket);
  vi.spyOn(Math, "random").mockReturnValue(0);
  vi.spyOn(console, "warn").mockImplementation(() => {});
  FakeWebSocket.instances = [];
});
afterEach(() => {
  document.body.innerHTML = "";
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function view(html = "") {
  document.body.innerHTML = `<lucent-view route="/live">${html}</lucent-view>`;
  return document.body.firstElementChild as HTMLElement & { send(n: string, d?: unknown): void };
}
const tags = (socket: FakeWebSocket) => socket.frames.map((f) => (f as unknown[])[0]);
const HTML = '<button on:click="1">b</button><input on:input="2">';
const tree = [["button", { "on:click": "1" }, "b"], ["input", { "on:input": "2" }]];

describe("before the mount only the join goes", () => {
  test("events, casts, attribute changes, popstate, patches on an open socket not yet mounted", async () => {
    const element = view(HTML);
    const first = FakeWebSocket.last();
    first.open();
    first.receive([0, 1, "t", tree]);
    // Something pending on the first socket, then it dies.
    (element.querySelector("button") as HTMLElement).click();
    first.serverClose(1006);
    vi.advanceTimersByTime(0);
    const socket = FakeWebSocket.last();
    socket.open();
    (element.querySelector("button") as HTMLElement).click();
    const input = element.querySelector("input") as HTMLInputElement;
    input.value = "x".repeat(80_000);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    element.send("big", "y".repeat(80_000));
    element.setAttribute("data-a", "z".repeat(80_000));
    await Promise.resolve();
    dispatchEvent(new PopStateEvent("popstate"));
    // A patch before any mount (a server would not send one): it may cost a [4], nothing large.
    socket.receive([1, [[0], 0, "q"]]);
    vi.advanceTimersByTime(5_000);
    expect(tags(socket).filter((t) => t !== 4)).toEqual([0]);
    socket.serverClose(1009);
    vi.advanceTimersByTime(60_000);
    expect(element.getAttribute("state")).toBe("failed");
    expect(FakeWebSocket.instances.at(-1)).toBe(socket);
  });
});

describe("after the mount a 1009 is not final", () => {
  test("after a resync and remount", () => {
    const element = view();
    const socket = FakeWebSocket.last();
    socket.open();
    socket.receive([0, 1, "t", [["p", 0, "a"]]]);
    socket.receive([1, [[5, 5, 5], 0, "nope"]]);
    expect(socket.frames.at(-1)).toEqual([4]);
    socket.receive([0, 3, "t", [["p", 0, "b"]]]);
    element.send("x", "y".repeat(300_000));
    socket.serverClose(1009);
    expect(element.getAttribute("state")).toBe("disconnected");
    vi.advanceTimersByTime(0);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  test("while a resync is outstanding (no remount yet)", () => {
    const element = view();
    const socket = FakeWebSocket.last();
    socket.open();
    socket.receive([0, 1, "t", [["p", 0, "a"]]]);
    socket.receive([1, [[5, 5, 5], 0, "nope"]]);
    element.send("x", "y".repeat(300_000));
    socket.serverClose(1009);
    expect(element.getAttribute("state")).toBe("disconnected");
  });

  test("a resumed mount (no tree) counts as a mount", () => {
    const element = view();
    const first = FakeWebSocket.last();
    first.open();
    first.receive([0, 1, "t", []]);
    first.serverClose(1006);
    vi.advanceTimersByTime(0);
    const socket = FakeWebSocket.last();
    socket.open();
    socket.receive([0, 1, "t"]);
    element.send("x", "y".repeat(300_000));
    socket.serverClose(1009);
    expect(element.getAttribute("state")).toBe("disconnected");
  });
});

describe("route changes", () => {
  test("a new route's socket starts unmounted: a 1009 there is final; the old mount does not leak", async () => {
    const element = view();
    const socket = FakeWebSocket.last();
    socket.open();
    socket.receive([0, 1, "t", []]);
    element.setAttribute("route", "/other");
    await Promise.resolve();
    const next = FakeWebSocket.last();
    expect(next).not.toBe(socket);
    next.open();
    element.send("x", 1);
    expect(tags(next)).toEqual([0]);
    next.serverClose(1009);
    vi.advanceTimersByTime(60_000);
    expect(element.getAttribute("state")).toBe("failed");
    expect(FakeWebSocket.instances.at(-1)).toBe(next);
  });

  test("after failing, a route change or a re-insert starts over", async () => {
    const element = view();
    let socket = FakeWebSocket.last();
    socket.open();
    socket.serverClose(1009);
    expect(element.getAttribute("state")).toBe("failed");
    element.setAttribute("route", "/other");
    await Promise.resolve();
    socket = FakeWebSocket.last();
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(element.getAttribute("state")).toBe("connecting");
    socket.open();
    socket.serverClose(1009);
    element.remove();
    expect(element.getAttribute("state")).toBe("disconnected");
    document.body.append(element);
    expect(FakeWebSocket.instances).toHaveLength(3);
  });

  test("after failing, fixing the attribute does not reconnect (stays failed)", async () => {
    const element = view();
    const socket = FakeWebSocket.last();
    socket.open();
    element.setAttribute("data-a", "z");
    socket.serverClose(1009);
    element.removeAttribute("data-a");
    await Promise.resolve();
    vi.advanceTimersByTime(60_000);
    expect(element.getAttribute("state")).toBe("failed");
    expect(FakeWebSocket.instances).toHaveLength(1);
  });
});

describe("states and retries", () => {
  test.each([
    [1000, "disconnected", 1],
    [1001, "disconnected", 2],
    [1006, "disconnected", 2],
    [1009, "failed", 1],
    [4400, "disconnected", 2],
    [4426, "failed", 1],
    [4429, "disconnected", 2],
  ])("before a mount, close %i: state %s, %i sockets", (code, state, sockets) => {
    const element = view();
    FakeWebSocket.last().open();
    FakeWebSocket.last().serverClose(code);
    expect(element.getAttribute("state")).toBe(state);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(sockets);
  });

  test("a socket that never opened and closed with 1009 (not possible on the wire) is final too", () => {
    const element = view();
    FakeWebSocket.last().serverClose(1009);
    expect(element.getAttribute("state")).toBe("failed");
  });
});

describe("stop() from inside the close hook (lucent:disconnect listener)", () => {
  // Pre-existing (the line 6e603ed rewrote keeps it): transport.close() runs inside hooks.close,
  // then onclose goes on and schedules a retry on a transport that was closed.
  test("removing the view on lucent:disconnect opens no further socket", () => {
    const element = view();
    const socket = FakeWebSocket.last();
    socket.open();
    socket.receive([0, 1, "t", []]);
    element.addEventListener("lucent:disconnect", () => element.remove());
    socket.serverClose(1006);
    expect(element.getAttribute("state")).toBe("disconnected");
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(element.getAttribute("state")).toBe("disconnected");
  });
});

describe("stop() and start() from inside the close hook", () => {
  // Pre-existing as well: a listener that moves the view (remove + append, as a re-render may)
  // leaves the old transport's retry running beside the new transport; its open re-sends a join
  // on the new, mounted socket (the server answers error 3) and sets live = false, so the page
  // queues everything from then on.
  test("moving the view on lucent:disconnect leaves one transport", () => {
    const element = view();
    const socket = FakeWebSocket.last();
    socket.open();
    socket.receive([0, 1, "t", []]);
    const parent = document.body;
    element.addEventListener(
      "lucent:disconnect",
      () => {
        element.remove();
        parent.append(element);
      },
      { once: true },
    );
    socket.serverClose(1006);
    const fresh = FakeWebSocket.last();
    fresh.open();
    fresh.receive([0, 1, "t"]);
    vi.advanceTimersByTime(60_000);
    const orphan = FakeWebSocket.last();
    orphan.open();
    // The orphan's open sends a second join on the mounted socket; the orphan itself gets none.
    expect(orphan.sent).toEqual([]);
    expect(fresh.frames.filter((frame) => (frame as unknown[])[0] === 0)).toHaveLength(1);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });
});
