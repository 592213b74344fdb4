// @vitest-environment happy-dom
/**
 * Invariant 2 (SSR/hydration): the HTML the server renders for A parses back to exactly the DOM
 * the client builds from A's wire tree, so the client can adopt it; patching the adopted DOM
 * with diff(A, B) then yields B. Then the same through the whole stack: a real endpoint, the real
 * `<lucent-view>` element, and a socket that loops back in-process.
 *
 * happy-dom's HTML parser departs from the standard in places (foreign content, the newline
 * after <pre>, raw text elements, carriage returns), so the views here stay inside what it parses
 * correctly; tests/browser/hydration.test.ts checks the rest with Chromium's parser.
 */
import { defineLucentView } from "@lucent/client";
import { PROTOCOL_VERSION } from "@lucent/protocol";
import {
  app,
  createEndpoint,
  type Endpoint,
  fragment,
  h,
  renderChildren,
  viewElement,
} from "@lucent/server";
import fc from "fast-check";
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { parseSafeView } from "../support/arbitraries.ts";
import { built, renderAndCheck, seen } from "../support/check-render.ts";
import { childShapes } from "../support/dom-shape.ts";
import { expectSame, keyIndex, mount, textErrors } from "../support/live.ts";
import { Loopback } from "../support/loopback.ts";

const safe = parseSafeView({ browserOnly: false });

describe("server-rendered HTML, adopted and patched", () => {
  test("parses back to the DOM built from the wire tree, and diff(A, B) turns it into B", () => {
    fc.assert(
      fc.property(safe, safe, (a, b) => {
        const live = mount(a);
        const adopted = document.createElement("div");
        adopted.innerHTML = renderChildren(live.root);
        // The contract that makes adoption possible: same DOM, node for node, handler ids too.
        expectSame(childShapes(adopted), childShapes(built(live)), "parsed HTML vs built DOM");
        // The server's live tree lines up with the adopted DOM (keyIndex throws if it does not).
        keyIndex(live.root, adopted);
        renderAndCheck(live, adopted, b, 0);
      }),
      { numRuns: 1200 },
    );
    expect(seen.renders).toBe(1200);
  }, 60_000);
});

describe("found by the property", () => {
  // Texts inside a keyed fragment carry positional keys, and keyed texts were not merged: the
  // server sent two adjacent text nodes (against SPEC §5), which the parser reads as one.
  test.each([
    ["a keyed fragment of two texts", h("div", null, fragment(["0", "k1"], { key: "1" }))],
    ["text before a keyed fragment", h("p", null, "a", fragment(["b", h("i")], { key: "k" }))],
    [
      "two keyed fragments, text to text",
      h("div", null, fragment([h("i"), "x"], { key: "1" }), fragment(["y"], { key: "2" })),
    ],
  ])("%s renders HTML that parses back to the same DOM", (_, view) => {
    const live = mount(view);
    expect(textErrors(live.root)).toEqual([]);
    const adopted = document.createElement("div");
    adopted.innerHTML = renderChildren(live.root);
    expectSame(childShapes(adopted), childShapes(built(live)), "parsed HTML vs built DOM");
  });
});

// --- the whole stack ---

type CounterMsg = "inc" | "dec";
const counter = app({
  init: () => 0,
  update: (n: number, msg: CounterMsg) => (msg === "inc" ? n + 1 : n - 1),
  view: (n) =>
    h(
      "main",
      { class: "counter" },
      h("h1", null, "Counter"),
      h(
        "p",
        null,
        h("button", { type: "button", "aria-label": "dec", onClick: "dec" }, "−"),
        h("output", null, "Count: ", String(n)),
        h("button", { type: "button", "aria-label": "inc", onClick: "inc" }, "+"),
      ),
      n > 0 ? h("p", { class: "note" }, "positive") : null,
    ),
});

/** Every node under `root`, in document order. */
function descendants(root: Node): Node[] {
  const out: Node[] = [];
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

describe("<lucent-view> adopting a server-rendered page", () => {
  let endpoint: Endpoint;
  let loop: Loopback;

  beforeAll(() => defineLucentView());
  beforeEach(() => {
    endpoint = createEndpoint({ app: counter });
    loop = new Loopback(endpoint);
    vi.stubGlobal("WebSocket", loop.WebSocket);
  });
  afterEach(() => {
    document.body.innerHTML = "";
    endpoint.shutdown();
    vi.unstubAllGlobals();
  });

  test("joins, is answered with a mount without a tree, keeps its nodes, and a click updates it", async () => {
    const page = endpoint.render({ url: "http://localhost:3000/counter" });
    if (!page) throw new Error("no session");
    document.body.innerHTML = viewElement(page, "/live");
    const view = document.querySelector("lucent-view") as HTMLElement;
    const before = descendants(view);
    expect(before.length).toBe(10);

    await loop.pump();
    const [socket] = loop.sockets;
    if (!socket) throw new Error("the element opened no socket");
    expect(view.getAttribute("state")).toBe("connected");
    // join with the page's token and sequence number...
    expect(socket.sentFrames[0]?.slice(0, 4)).toEqual([0, PROTOCOL_VERSION, page.token, page.seq]);
    // ...answered by a mount that carries no tree: the server-rendered DOM is adopted.
    expect(socket.receivedFrames).toEqual([[0, page.seq, page.token]]);
    const after = descendants(view);
    expect(after.length).toBe(before.length);
    after.forEach((node, i) => {
      if (node !== before[i]) expect.fail(`node ${i} was replaced on adoption`);
    });

    const inc = view.querySelector("button[aria-label=inc]") as HTMLButtonElement;
    const count = view.querySelector("output")?.lastChild as Text;
    inc.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    await loop.pump();
    expect(view.querySelector("output")?.textContent).toBe("Count: 1");
    expect(view.querySelector("output")?.lastChild).toBe(count);
    expect(view.querySelector(".note")?.textContent).toBe("positive");
    // One event out; one patch back, acknowledging it.
    const [, event] = socket.sentFrames;
    expect(event?.slice(0, 2)).toEqual([1, 1]);
    expect(event?.[2]).toBe(inc.getAttribute("on:click")?.split(" ")[0]);
    expect(event?.[3]).toBe(page.seq);
    expect(socket.receivedFrames.slice(1)).toEqual([[1, expect.any(Array), 1]]);
    // Nothing that was there was rebuilt.
    const kept = descendants(view);
    for (const node of before) {
      if (!kept.includes(node)) expect.fail("a node of the adopted page was replaced");
    }

    (view.querySelector("button[aria-label=dec]") as HTMLButtonElement).click();
    await loop.pump();
    expect(view.querySelector("output")?.textContent).toBe("Count: 0");
    expect(view.querySelector(".note")).toBeNull();
  });

  test("a page whose session is gone gets a mount with the tree, and the DOM is replaced", async () => {
    const page = endpoint.render({ url: "http://localhost:3000/counter" });
    if (!page) throw new Error("no session");
    document.body.innerHTML = viewElement({ ...page, token: "expired-token" }, "/live");
    const view = document.querySelector("lucent-view") as HTMLElement;
    const main = view.firstElementChild;
    await loop.pump();
    const [socket] = loop.sockets;
    const mountFrame = socket?.receivedFrames[0];
    expect(mountFrame?.[0]).toBe(0);
    expect(mountFrame?.[3]).toEqual(expect.any(Array));
    expect(view.firstElementChild).not.toBe(main);
    expect(view.querySelector("output")?.textContent).toBe("Count: 0");
    (view.querySelector("button[aria-label=inc]") as HTMLButtonElement).click();
    await loop.pump();
    expect(view.querySelector("output")?.textContent).toBe("Count: 1");
  });
});
