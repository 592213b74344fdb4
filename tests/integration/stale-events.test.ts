// @vitest-environment happy-dom
/**
 * Invariant 5 (events hit what the user saw), end to end: a real endpoint with one shared
 * runtime, two real `<lucent-view>` elements on it, and a loopback socket that lets the test hold
 * frames. Page one clicks a row while page two's deletion is already on its way; the event goes
 * out with the sequence number of the DOM the user clicked on, and the server must turn it into
 * the message of the row the user saw, or drop it (acknowledged as stale) if that row is gone.
 */
import { defineLucentView } from "@lucent/client";
import { app, createEndpoint, type Endpoint, h, viewElement } from "@lucent/server";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { Loopback, type LoopbackSocket } from "../support/loopback.ts";

type Msg = { readonly delete: string } | { readonly reverse: true };

/** A list of rows with a delete button each, keyed or not, and a button that reverses them. */
function rowsApp(keyed: boolean, messages: Msg[]) {
  return app({
    init: () => ({ rows: ["A", "B", "C", "D"] }),
    update(model: { rows: string[] }, msg: Msg) {
      messages.push(msg);
      if ("reverse" in msg) return { rows: [...model.rows].reverse() };
      return { rows: model.rows.filter((row) => row !== msg.delete) };
    },
    view: ({ rows }) =>
      h<Msg>(
        "main",
        null,
        h("button", { class: "reverse", onClick: { reverse: true } }, "reverse"),
        h(
          "ul",
          null,
          rows.map((row) =>
            h<Msg>(
              "li",
              keyed ? { key: row } : null,
              h("span", null, row),
              h("button", { class: "delete", onClick: { delete: row } }, "×"),
            ),
          ),
        ),
      ),
  });
}

interface Page {
  readonly view: HTMLElement;
  readonly socket: LoopbackSocket;
}

let endpoint: Endpoint | undefined;

beforeAll(() => defineLucentView());
afterEach(() => {
  document.body.innerHTML = "";
  endpoint?.shutdown();
  vi.unstubAllGlobals();
});

/** Two server-rendered pages on one shared runtime, joined and adopted. */
async function twoPages(keyed: boolean, messages: Msg[]) {
  endpoint = createEndpoint({ app: rowsApp(keyed, messages), shared: true });
  const loop = new Loopback(endpoint);
  vi.stubGlobal("WebSocket", loop.WebSocket);
  const rendered = [1, 2].map((n) => {
    const page = endpoint?.render({ url: "http://localhost:3000/rows" });
    if (!page) throw new Error("no session");
    return { page, html: viewElement(page, "/live", { id: `page${n}` }) };
  });
  document.body.innerHTML = rendered.map((r) => r.html).join("");
  await loop.pump();
  const pages = rendered.map(({ page }, i): Page => {
    const socket = loop.socketOf(page.token);
    // Adopted, not re-rendered.
    expect(socket.receivedFrames[0]).toEqual([0, page.seq, page.token]);
    return { view: document.getElementById(`page${i + 1}`) as HTMLElement, socket };
  });
  return { loop, one: pages[0] as Page, two: pages[1] as Page };
}

const rowsOf = (page: Page) =>
  Array.from(page.view.querySelectorAll("li span"), (span) => span.textContent);
const deleteButton = (page: Page, row: number) =>
  page.view.querySelectorAll("button.delete")[row] as HTMLButtonElement;
const handlerOf = (button: Element) => button.getAttribute("on:click")?.split(" ")[0];
const click = (button: Element) =>
  button.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));

/** Server frames that acknowledge events, in order: patches with an ack, and ack frames. */
const acks = (socket: LoopbackSocket) =>
  socket.receivedFrames.flatMap((frame) =>
    frame[0] === 1 && frame.length === 3
      ? [{ ref: frame[2], status: 0, patch: true }]
      : frame[0] === 2
        ? [{ ref: frame[1], status: frame[2] ?? 0, patch: false }]
        : [],
  );

describe("an unkeyed list: the same elements show other rows after a deletion", () => {
  test("a click on row 2 that reaches the server after row 1 was deleted deletes row 2's item", async () => {
    const messages: Msg[] = [];
    const { loop, one, two } = await twoPages(false, messages);

    // Page one clicks "delete B" (row 2), but the event is held on its way to the server...
    one.socket.holdOutgoing = true;
    const clicked = deleteButton(one, 1);
    const id = handlerOf(clicked);
    click(clicked);
    expect(one.socket.sentFrames.at(-1)).toEqual([1, 1, id, 0]);

    // ...while page two deletes A (row 1), and that patch lands in page one's DOM first.
    click(deleteButton(two, 0));
    await loop.pump();
    expect(rowsOf(one)).toEqual(["B", "C", "D"]);
    // Unkeyed: the element the user clicked is still there, with the same handler reference,
    // but it now shows C. Resolved by reference alone, the held event would delete C.
    expect(deleteButton(one, 1)).toBe(clicked);
    expect(handlerOf(clicked)).toBe(id);
    expect(clicked.previousElementSibling?.textContent).toBe("C");

    one.socket.holdOutgoing = false;
    await loop.pump();
    expect(messages).toEqual([{ delete: "A" }, { delete: "B" }]);
    expect(rowsOf(one)).toEqual(["C", "D"]);
    expect(rowsOf(two)).toEqual(["C", "D"]);
    // Acknowledged by the patch that shows its effect, and by nothing else.
    expect(acks(one.socket)).toEqual([{ ref: 1, status: 0, patch: true }]);
  });

  test("the same reference sent from the newer DOM deletes what that DOM shows", async () => {
    // The control for the test above: same element, same reference, later sequence number.
    const messages: Msg[] = [];
    const { loop, one, two } = await twoPages(false, messages);
    click(deleteButton(two, 0));
    await loop.pump();
    const button = deleteButton(one, 1);
    click(button);
    expect(one.socket.sentFrames.at(-1)?.[3]).toBe(1);
    await loop.pump();
    expect(messages).toEqual([{ delete: "A" }, { delete: "C" }]);
    expect(rowsOf(one)).toEqual(["B", "D"]);
  });

  test("a click aimed at a row the patch removed is acknowledged stale and changes nothing", async () => {
    const messages: Msg[] = [];
    const { loop, one, two } = await twoPages(false, messages);

    // Page one is behind: page two's deletion has not reached it.
    one.socket.holdIncoming = true;
    click(deleteButton(two, 0));
    await loop.pump();
    expect(rowsOf(one)).toEqual(["A", "B", "C", "D"]);
    expect(rowsOf(two)).toEqual(["B", "C", "D"]);

    // The fourth row's element is the one an unkeyed list removes; page one clicks it.
    click(deleteButton(one, 3));
    await loop.pump();
    expect(messages).toEqual([{ delete: "A" }]);
    // SPEC §8: its own ack frame with status 1 (stale), then the cumulative acknowledgement.
    expect(acks(one.socket)).toEqual([
      { ref: 1, status: 1, patch: false },
      { ref: 1, status: 0, patch: false },
    ]);

    one.socket.holdIncoming = false;
    await loop.pump();
    expect(rowsOf(one)).toEqual(["B", "C", "D"]);
    expect(rowsOf(two)).toEqual(["B", "C", "D"]);
    expect(messages).toEqual([{ delete: "A" }]);
  });

  test("a click two patches behind a rebinding is dropped rather than guessed", async () => {
    const messages: Msg[] = [];
    const { loop, one, two } = await twoPages(false, messages);
    one.socket.holdIncoming = true;
    one.socket.holdOutgoing = true;
    click(deleteButton(one, 0)); // "delete A", sent from sequence number 0
    // Two deletions on page two rebind row 1's button twice (A → B → C).
    click(deleteButton(two, 0));
    await loop.pump();
    click(deleteButton(two, 0));
    await loop.pump();
    expect(rowsOf(two)).toEqual(["C", "D"]);
    one.socket.holdOutgoing = false;
    await loop.pump();
    // Whatever it resolves to, it must not be another row's message; the server keeps one
    // previous version, so this one is stale.
    expect(messages).toEqual([{ delete: "A" }, { delete: "B" }]);
    expect(acks(one.socket)).toEqual([
      { ref: 1, status: 1, patch: false },
      { ref: 1, status: 0, patch: false },
    ]);
    one.socket.holdIncoming = false;
    await loop.pump();
    expect(rowsOf(one)).toEqual(["C", "D"]);
  });
});

describe("a keyed list: elements follow their rows", () => {
  test("reordered and shrunk while a click is in flight, the click still hits its row", async () => {
    const messages: Msg[] = [];
    const { loop, one, two } = await twoPages(true, messages);

    one.socket.holdOutgoing = true;
    const clicked = deleteButton(one, 1); // B
    const gone = deleteButton(one, 0); // A
    click(clicked);
    click(gone);

    // Page two reverses the list and deletes A; page one's DOM follows before its events arrive.
    click(two.view.querySelector("button.reverse") as Element);
    await loop.pump();
    click(deleteButton(two, 3));
    await loop.pump();
    expect(rowsOf(one)).toEqual(["D", "C", "B"]);
    // The button the user clicked moved with its row: now third, still B's.
    expect(deleteButton(one, 2)).toBe(clicked);
    expect(gone.isConnected).toBe(false);

    one.socket.holdOutgoing = false;
    await loop.pump();
    expect(messages).toEqual([{ reverse: true }, { delete: "A" }, { delete: "B" }]);
    expect(rowsOf(one)).toEqual(["D", "C"]);
    expect(rowsOf(two)).toEqual(["D", "C"]);
    // Event 1 (B) was applied; event 2 (A's removed button) was stale: its own ack frame, then
    // the patch that shows event 1's effect acknowledges both (SPEC §8).
    expect(acks(one.socket)).toEqual([
      { ref: 2, status: 1, patch: false },
      { ref: 2, status: 0, patch: true },
    ]);
  });
});
