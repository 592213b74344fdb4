import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { useDemoBrowser } from "../support/demo-browser.ts";

// Sessions that survive: sockets cut while the user types, and a server that loses every session.

const running = useDemoBrowser();

const draft = "input[name=draft]";

async function open(path = "/todos"): Promise<{ page: Page; errors: string[] }> {
  const page = await running.browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`${running.demo.url}${path}`);
  await page.waitForSelector("lucent-view[state=connected]");
  return { page, errors };
}

/** Waits until the element is connected and every event it sent is acknowledged. */
const converged = (page: Page) =>
  page.waitForFunction(
    () =>
      document.querySelector("lucent-view")?.getAttribute("state") === "connected" &&
      !document.querySelector("[lucent-pending]"),
    undefined,
    { timeout: 20_000 },
  );

/** A small seeded generator, so a failing run can be replayed from the seed it prints. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("sessions that survive", () => {
  test("everything typed while sockets drop at random reaches the server, once", async () => {
    const seed = Date.now() % 100_000;
    const next = random(seed);
    const { page, errors } = await open();
    const text = "the quick brown fox jumps over the lazy dog";
    await page.click(draft);
    let typing = true;
    const cuts = (async () => {
      let count = 0;
      while (typing && count < 12) {
        await new Promise((r) => setTimeout(r, 40 + next() * 160));
        running.demo.dropSockets();
        count++;
      }
      return count;
    })();
    for (const char of text) {
      await page.keyboard.type(char);
      await new Promise((r) => setTimeout(r, next() * 40));
    }
    typing = false;
    const count = await cuts;
    await converged(page);
    expect(await page.inputValue(draft), `seed ${seed}, ${count} cuts`).toBe(text);
    // Events in flight when a socket died were sent again and processed once (SPEC §8): the
    // server's render of the field holds all of it.
    expect(await page.getAttribute(draft, "value"), `seed ${seed}, ${count} cuts`).toBe(text);
    await page.press(draft, "Enter");
    await expect.poll(() => page.locator(".list li").last().textContent()).toContain(text);
    expect(count).toBeGreaterThan(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  /**
   * A page whose socket can be made to die with one frame in it: `lose("up", match)` keeps the
   * next page-to-server frame that contains `match` from the server, `lose("down", match)` the
   * next server-to-page one from the page; either way both ends then close, as a connection that
   * dies with the frame in it. `lossAt`, when given, is asked about every frame of every socket
   * and kills the socket the same way when it answers true.
   */
  async function lossyPage(
    path = "/todos",
    lossAt?: (direction: "up" | "down", message: string) => boolean,
  ) {
    const page = await running.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    let losing: { direction: "up" | "down"; match: string } | null = null;
    await page.routeWebSocket(/__lucent/, (ws) => {
      const server = ws.connectToServer();
      const pass = (direction: "up" | "down", message: string | Buffer) => {
        const text = String(message);
        const once = losing?.direction === direction && text.includes(losing.match);
        if (once || lossAt?.(direction, text)) {
          if (once) losing = null;
          void ws.close({ code: 4000, reason: "lost" });
          void server.close();
        } else if (direction === "up") server.send(message);
        else ws.send(message);
      };
      ws.onMessage((message) => pass("up", message));
      server.onMessage((message) => pass("down", message));
    });
    await page.goto(`${running.demo.url}${path}`);
    await page.waitForSelector("lucent-view[state=connected]");
    return {
      page,
      errors,
      lose: (direction: "up" | "down", match: string) => {
        losing = { direction, match };
      },
      lost: () => losing === null,
    };
  }

  test("clicks while frames die at random in both directions are each counted exactly once", async () => {
    const seed = Date.now() % 100_000;
    const next = random(seed);
    let losses = 0;
    // Only once the page is up: the join and mount pass, then any event or patch may die.
    let armed = false;
    const { page, errors } = await lossyPage("/counter", (_, message) => {
      const dies = armed && !message.startsWith("[0,") && next() < 0.08;
      if (dies) losses++;
      return dies;
    });
    armed = true;
    // At least 60 clicks, and on until four sockets have died.
    let clicks = 0;
    while ((clicks < 60 || losses < 4) && clicks < 400) {
      await page.click("button[aria-label=increment]");
      clicks++;
      await new Promise((r) => setTimeout(r, next() * 30));
    }
    armed = false;
    expect(losses, `seed ${seed}`).toBeGreaterThanOrEqual(4);
    await converged(page);
    // Lost, a click would leave the count short; processed twice, it would push it past.
    await expect.poll(() => page.textContent("output"), { timeout: 20_000 }).toBe(String(clicks));
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a keystroke whose frame dies with its socket is sent again after the resume", async () => {
    const { page, errors, lose, lost } = await lossyPage();
    await page.type(draft, "the lazy do");
    await converged(page);
    lose("up", '"value"');
    await page.keyboard.type("g");
    await expect.poll(lost).toBe(true);
    await converged(page);
    // No further keystroke: the resumed session got the lost one.
    expect(await page.inputValue(draft)).toBe("the lazy dog");
    expect(await page.getAttribute(draft, "value")).toBe("the lazy dog");
    await page.press(draft, "Enter");
    await expect
      .poll(() => page.locator(".list li").last().textContent())
      .toContain("the lazy dog");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a submit whose reply dies with its socket: the todo is added once and the field is cleared", async () => {
    const { page, errors, lose, lost } = await lossyPage();
    await page.type(draft, "the lazy dog");
    await converged(page);
    // The patch that adds the todo and clears the draft dies; the page held the draft's value
    // while the submit was pending, so the resend's acknowledgement must bring the value back.
    lose("down", "lazy dog");
    await page.press(draft, "Enter");
    await expect.poll(lost).toBe(true);
    await converged(page);
    await expect.poll(() => page.locator(".list li").count()).toBe(3);
    expect(await page.locator(".list li").last().textContent()).toContain("the lazy dog");
    expect(await page.getAttribute(draft, "value")).toBe("");
    expect(await page.inputValue(draft)).toBe("");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a click whose reply dies with its socket is sent again and processed once", async () => {
    const { page, errors, lose, lost } = await lossyPage();
    const first = page.locator(".list li").first();
    const done = async () =>
      ((await first.getAttribute("class")) ?? "").split(" ").includes("done");
    expect(await done()).toBe(false);
    // The server toggles the todo; the patch that says so is lost with its socket, so the page
    // sends the change again on the next connection. Processed twice, it would toggle back.
    lose("down", '"done"');
    await first.locator("input[type=checkbox]").click();
    await expect.poll(lost).toBe(true);
    await converged(page);
    expect(await done()).toBe(true);
    expect(await first.locator("input[type=checkbox]").isChecked()).toBe(true);
    await expect.poll(() => page.locator(".left").textContent()).toBe("1 left");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a backlog typed into a long textarea while offline reaches the server, in frames it takes", async () => {
    const page = await running.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    // While `offline`, the socket is cut and every reconnect refused: the page keeps what the
    // user does. Every frame the page sends is recorded.
    let offline = false;
    const sent: string[] = [];
    const open: { close(): Promise<void> }[] = [];
    await page.routeWebSocket(/__lucent/, (ws) => {
      if (offline) {
        void ws.close({ code: 4000, reason: "offline" });
        return;
      }
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        sent.push(String(message));
        server.send(message);
      });
      server.onMessage((message) => ws.send(message));
      open.push(ws, server);
    });
    await page.goto(`${running.demo.url}/controls`);
    await page.waitForSelector("lucent-view[state=connected]");
    offline = true;
    for (const socket of open.splice(0)) await socket.close();
    await page.waitForSelector("lucent-view:not([state=connected])");
    // 64 keystrokes into a 2,000-character text, each event carrying the whole value: about
    // 130,000 characters, twice the server's frame limit.
    const last = await page.evaluate(() => {
      const notes = document.querySelector("textarea[name=notes]") as HTMLTextAreaElement;
      for (let i = 0; i < 64; i++) {
        notes.value = `${"x".repeat(2000)} ${i}`;
        notes.dispatchEvent(new Event("input", { bubbles: true }));
      }
      return notes.value;
    });
    const before = sent.length;
    offline = false;
    await converged(page);
    await expect
      .poll(() => page.textContent("#echo"), { timeout: 20_000 })
      .toContain(`"notes":"${last}"`);
    const backlog = sent.slice(before).filter((frame) => frame.startsWith("[3,"));
    expect(backlog.length).toBeGreaterThan(1);
    for (const frame of backlog) expect(frame.length).toBeLessThan(65_536);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("an event larger than the server's socket takes closes one socket, is dropped and reported, and typing goes on", async () => {
    const { page, errors } = await open("/controls");
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
      const view = document.querySelector("lucent-view") as HTMLElement;
      view.addEventListener("lucent:disconnect", (event) =>
        seen.push(`disconnect ${(event as CustomEvent).detail.code}`),
      );
      view.addEventListener("lucent:dropped", (event) =>
        seen.push(`dropped ${(event as CustomEvent).detail.count}`),
      );
      // Pasted: 1.1 million characters, over the demo's 1 MiB transport cap.
      const notes = document.querySelector("textarea[name=notes]") as HTMLTextAreaElement;
      notes.value = "y".repeat(1_100_000);
      notes.dispatchEvent(new Event("input", { bubbles: true }));
    });
    const seen = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    await expect.poll(seen, { timeout: 20_000 }).toEqual(["disconnect 1009", "dropped 1"]);
    await converged(page);
    await page.fill("textarea[name=notes]", "after the paste");
    await expect
      .poll(() => page.textContent("#echo"), { timeout: 20_000 })
      .toContain('"notes":"after the paste"');
    // One socket lost, not one per reconnect.
    expect(await seen()).toEqual(["disconnect 1009", "dropped 1"]);
    expect(errors).toEqual([]);
    await page.close();
  });

  // The view's attributes travel in every join: once they are over the server's frame limit or its
  // host's cap, no join can get through, and a page that kept reconnecting would knock forever.
  test.each([
    ["the server's frame limit", 100_000],
    ["the host's transport cap (1 MiB)", 1_100_000],
  ])(
    "a view whose attributes outgrow %s fails for good instead of reconnecting in a loop",
    async (_, length) => {
      const { page, errors } = await open("/controls");
      let sockets = 1;
      page.on("websocket", () => sockets++);
      await page.evaluate((length) => {
        const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
        const view = document.querySelector("lucent-view") as HTMLElement;
        view.addEventListener("lucent:disconnect", (event) =>
          seen.push(`disconnect ${(event as CustomEvent).detail.code}`),
        );
        view.addEventListener("lucent:error", (event) =>
          seen.push(`error ${(event as CustomEvent).detail.message.slice(0, 12)}`),
        );
        view.setAttribute("data-notes", "y".repeat(length));
      }, length);
      // The attribute's own message may be refused, or close the socket; either way the next join
      // carries the attribute.
      await new Promise((resolve) => setTimeout(resolve, 300));
      running.demo.dropSockets();
      await expect
        .poll(() => page.getAttribute("lucent-view", "state"), { timeout: 20_000 })
        .toBe("failed");
      const seen = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
      const before = await seen();
      expect(before.at(-1)).toBe("disconnect 1009");
      if (length < 1_000_000) expect(before).toContain("error join refused");
      // Longer than the next backoff could be (up to 1 s): no socket opens again.
      const opened = sockets;
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(sockets).toBe(opened);
      expect(await seen()).toEqual(before);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  test("when the session cannot be resumed, a new one starts and what was typed is put back", async () => {
    const { page, errors } = await open();
    await page.type(draft, "only in the old session");
    await page.press(draft, "Enter");
    await expect.poll(() => page.locator(".list li").count()).toBe(3);
    await page.type(draft, "remember me");
    await converged(page);
    running.demo.loseSessions();
    // A new session starts from init: the todo added above is gone, and nothing typed is.
    await expect.poll(() => page.locator(".list li").count(), { timeout: 20_000 }).toBe(2);
    await converged(page);
    expect(await page.inputValue(draft)).toBe("remember me");
    // The restored value reached the new session: its render carries it.
    await expect
      .poll(() => page.getAttribute(draft, "value"), { timeout: 10_000 })
      .toBe("remember me");
    expect(errors).toEqual([]);
    await page.close();
  });
});
