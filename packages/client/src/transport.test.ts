import { afterEach, describe, expect, test, vi } from "vitest";
import { FakeWebSocket } from "./testing/fake-web-socket.ts";
import { createTransport, socketUrl, type TransportHooks } from "./transport.ts";

function fakeDocument(hidden: boolean) {
  return Object.assign(new EventTarget(), { hidden });
}

function setup(options: { random?: number; hidden?: boolean; final?: number } = {}) {
  vi.useFakeTimers();
  FakeWebSocket.instances = [];
  const log: string[] = [];
  const hooks: TransportHooks = {
    connecting: () => log.push("connecting"),
    open: () => log.push("open"),
    message: (data) => log.push(`message ${data}`),
    close: (code, reason) => log.push(`close ${code} ${reason}`) > 0 && code === options.final,
  };
  const document = fakeDocument(options.hidden ?? false);
  vi.stubGlobal("WebSocket", FakeWebSocket);
  vi.stubGlobal("document", document);
  vi.spyOn(Math, "random").mockReturnValue(options.random ?? 1);
  const transport = createTransport("ws://h/live", hooks);
  return { transport, log, document };
}

/** How long after a close the next socket opens. */
function delayUntilNextSocket(): number {
  const count = FakeWebSocket.instances.length;
  let waited = 0;
  while (FakeWebSocket.instances.length === count) {
    vi.advanceTimersByTime(10);
    waited += 10;
    if (waited > 60_000) throw new Error("no reconnect within a minute");
  }
  return waited;
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("createTransport", () => {
  test("opens a socket and reports its life", () => {
    const { transport, log } = setup();
    const socket = FakeWebSocket.last();
    expect(socket.url).toBe("ws://h/live");
    socket.open();
    socket.receive("[2,1]");
    transport.send("[4]");
    expect(socket.sent).toEqual(["[4]"]);
    expect(log).toEqual(["connecting", "open", "message [2,1]"]);
  });

  test("drops frames while the socket is not open", () => {
    const { transport } = setup();
    transport.send("[4]");
    expect(FakeWebSocket.last().sent).toEqual([]);
  });

  test("reconnects with exponential backoff up to 10 s, and reset starts over", () => {
    const { transport, log } = setup({ random: 1 });
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      FakeWebSocket.last().serverClose(1006);
      delays.push(delayUntilNextSocket());
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(log.slice(0, 3)).toEqual(["connecting", "close 1006 ", "connecting"]);
    transport.reset();
    FakeWebSocket.last().serverClose(4429, "behind");
    expect(delayUntilNextSocket()).toBe(500);
  });

  test("the delay is jittered across the whole window", () => {
    setup({ random: 0.5 });
    FakeWebSocket.last().serverClose(1001);
    expect(delayUntilNextSocket()).toBe(250);
    FakeWebSocket.last().serverClose(1001);
    expect(delayUntilNextSocket()).toBe(500);
  });

  test("close code 1000 is final", () => {
    const { log } = setup();
    FakeWebSocket.last().serverClose(1000);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(log).toEqual(["connecting", "close 1000 "]);
  });

  test("a close the hook calls final is not retried; others are", () => {
    const { log } = setup({ final: 4426 });
    FakeWebSocket.last().serverClose(1009);
    expect(delayUntilNextSocket()).toBe(500);
    FakeWebSocket.last().serverClose(4426);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(log).toEqual(["connecting", "close 1009 ", "connecting", "close 4426 "]);
  });

  test("a hidden page waits until it is visible, then reconnects at once", () => {
    const { document } = setup({ hidden: true });
    FakeWebSocket.last().serverClose(1006);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    document.dispatchEvent(new Event("visibilitychange"));
    expect(FakeWebSocket.instances).toHaveLength(1);
    document.hidden = false;
    document.dispatchEvent(new Event("visibilitychange"));
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  test("close() closes with 1000, reports nothing more and never reconnects", () => {
    const { transport, log } = setup();
    const socket = FakeWebSocket.last();
    socket.open();
    transport.close();
    expect(socket.closedWith).toBe(1000);
    socket.serverClose(1006);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(log).toEqual(["connecting", "open"]);
  });

  test("close() cancels a pending reconnect, and one waiting for visibility", () => {
    const first = setup();
    FakeWebSocket.last().serverClose(1006);
    first.transport.close();
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);

    const second = setup({ hidden: true });
    FakeWebSocket.last().serverClose(1006);
    vi.advanceTimersByTime(60_000);
    second.transport.close();
    second.document.hidden = false;
    second.document.dispatchEvent(new Event("visibilitychange"));
    expect(FakeWebSocket.instances).toHaveLength(1);
  });
});

describe("socketUrl", () => {
  test.each([
    ["/live", "http://example.com/app/page", "ws://example.com/live"],
    ["live?x=1", "https://example.com/app/page", "wss://example.com/app/live?x=1"],
    ["https://other.org/ws", "http://example.com/", "wss://other.org/ws"],
    ["ws://other.org/ws", "https://example.com/", "ws://other.org/ws"],
  ])("%s from %s is %s", (route, base, expected) => {
    expect(socketUrl(route, base)).toBe(expected);
  });
});
