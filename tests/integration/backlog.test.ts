// @vitest-environment happy-dom
/**
 * "Nothing the user typed is lost", end to end: a real endpoint and a real `<lucent-view>` on a
 * loopback socket. While the network is down the user keeps typing into a long textarea; every
 * keystroke's event carries the whole value, so the backlog is far longer than the server's frame
 * limit. After the reconnect the app must receive every keystroke, once, in order. A keystroke
 * longer than the limit on its own cannot be delivered: it must be reported and let go, not held
 * and sent again forever.
 */
import { defineLucentView } from "@lucent/client";
import { app, createEndpoint, type Endpoint, h, viewElement } from "@lucent/server";
import { afterEach, beforeAll, expect, test, vi } from "vitest";
import { Loopback } from "../support/loopback.ts";

type Msg = { readonly typed: string };

let endpoint: Endpoint | undefined;

beforeAll(() => defineLucentView());
afterEach(() => {
  document.body.innerHTML = "";
  endpoint?.shutdown();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A page with a textarea whose every keystroke the app records, on a loopback socket. */
async function notesPage() {
  const received: string[] = [];
  endpoint = createEndpoint({
    app: app({
      init: () => ({ count: 0 }),
      update(model: { count: number }, msg: Msg) {
        received.push(msg.typed);
        return { count: model.count + 1 };
      },
      view: ({ count }) =>
        h<Msg>(
          "main",
          null,
          h("textarea", { onInput: (e) => ({ typed: e.value }) }),
          h("output", null, `${count}`),
        ),
    }),
  });
  const loop = new Loopback(endpoint);
  vi.stubGlobal("WebSocket", loop.WebSocket);
  const page = endpoint.render({ url: "http://localhost:3000/notes" });
  if (!page) throw new Error("no session");
  document.body.innerHTML = viewElement(page, "/live");
  await loop.pump();
  const view = document.querySelector("lucent-view") as HTMLElement;
  const textarea = view.querySelector("textarea") as HTMLTextAreaElement;
  const errors: { code: number; message: string }[] = [];
  view.addEventListener("lucent:error", (event) => errors.push((event as CustomEvent).detail));
  const type = (value: string) => {
    textarea.value = value;
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  };
  return { loop, page, view, textarea, errors, received, type };
}

test("a backlog of keystrokes twice the frame limit reaches the app whole after a reconnect", async () => {
  const { loop, page, view, textarea, errors, received, type } = await notesPage();

  // The reconnect comes at once (the backoff's jitter is 0).
  vi.spyOn(Math, "random").mockReturnValue(0);
  loop.sockets[0]?.drop();
  const typed = Array.from({ length: 64 }, (_, i) => `${"x".repeat(2000)} ${i}`);
  for (const value of typed) type(value);
  await loop.pump();

  const next = loop.sockets[1];
  if (!next) throw new Error("the page did not reconnect");
  // The same session, resumed: no keystroke was dropped as aimed at another session.
  expect(next.receivedFrames[0]?.slice(0, 3)).toEqual([0, page.seq, page.token]);
  // 64 events of about 2,000 characters: 130,000 characters, twice the default frame limit.
  expect(next.sent.slice(1).join("").length).toBeGreaterThan(1.9 * 65_536);
  expect(errors).toEqual([]);
  expect(received).toEqual(typed);
  expect(view.querySelector("output")?.textContent).toBe("64");
  expect(textarea.hasAttribute("lucent-pending")).toBe(false);
});

test("keystrokes longer than the frame limit are reported and let go, live and after a reconnect", async () => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  const { loop, textarea, errors, received, type } = await notesPage();
  const huge = (i: number) => `${"x".repeat(70_000)} ${i}`;
  // More than the 20 bad frames after which a server closes a connection.
  for (let i = 0; i < 25; i++) type(huge(i));
  await loop.pump();
  expect(errors).toHaveLength(25);
  expect(errors[0]?.code).toBe(1);
  expect(errors[0]?.message).toMatch(/exceeds the limit of 65536/);
  // Acknowledged (status 4): the page holds none of them.
  expect(textarea.hasAttribute("lucent-pending")).toBe(false);
  expect(loop.sockets).toHaveLength(1);

  // Typed while disconnected, they go one frame each after the reconnect, with the same result.
  vi.spyOn(Math, "random").mockReturnValue(0);
  loop.sockets[0]?.drop();
  for (let i = 25; i < 50; i++) type(huge(i));
  type("a short note");
  await loop.pump();
  expect(errors).toHaveLength(50);
  // One reconnect, not one after every 20 refused frames.
  expect(loop.sockets).toHaveLength(2);
  expect(loop.sockets[1]?.serverClosed).toBeUndefined();
  expect(received).toEqual(["a short note"]);
  expect(textarea.hasAttribute("lucent-pending")).toBe(false);
});
