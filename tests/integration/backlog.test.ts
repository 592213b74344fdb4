// @vitest-environment happy-dom
/**
 * "Nothing the user typed is lost", end to end: a real endpoint and a real `<lucent-view>` on a
 * loopback socket. While the network is down the user keeps typing into a long textarea; every
 * keystroke's event carries the whole value, so the backlog is far longer than the server's frame
 * limit. After the reconnect the app must receive every keystroke, once, in order.
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

test("a backlog of keystrokes twice the frame limit reaches the app whole after a reconnect", async () => {
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
  const errors: unknown[] = [];
  view.addEventListener("lucent:error", (event) => errors.push((event as CustomEvent).detail));

  // The reconnect comes at once (the backoff's jitter is 0).
  vi.spyOn(Math, "random").mockReturnValue(0);
  loop.sockets[0]?.drop();
  const typed: string[] = [];
  for (let i = 0; i < 64; i++) {
    textarea.value = `${"x".repeat(2000)} ${i}`;
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    typed.push(textarea.value);
  }
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
