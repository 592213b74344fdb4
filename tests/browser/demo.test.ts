import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { useDemoBrowser } from "../support/demo-browser.ts";

const running = useDemoBrowser();

/** Opens a page and records the frames its WebSocket receives. */
async function open(path: string): Promise<{ page: Page; received: string[]; errors: string[] }> {
  const page = await running.browser.newPage();
  const received: string[] = [];
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("websocket", (ws) =>
    ws.on("framereceived", (frame) => received.push(String(frame.payload))),
  );
  await page.goto(running.demo.url + path);
  await page.waitForSelector("lucent-view[state=connected]");
  return { page, received, errors };
}

describe("counter in Chromium", () => {
  test("adopts the server-rendered page, then clicks update the count", async () => {
    const { page, received, errors } = await open("/counter");
    // The server answered the join with a mount without a tree: the page was adopted, not re-rendered.
    expect(received[0]).toMatch(/^\[0,0,"[\w-]+"\]$/);
    await page.evaluate(() => {
      (document.querySelector("main") as unknown as { marker: number }).marker = 42;
    });
    await page.click("button[aria-label=increment]");
    await page.click("button[aria-label=increment]");
    await page.click("button[aria-label=decrement]");
    await expect.poll(() => page.textContent("output")).toBe("1");
    expect(
      await page.evaluate(
        () => (document.querySelector("main") as unknown as { marker?: number }).marker,
      ),
    ).toBe(42);
    // Each click costs one small frame: the changed text (and, once, the reset button's state).
    expect(received.slice(1)).toEqual([
      '[1,[[0,1,1,0],0,"1",[0,2],2,"disabled"],1]',
      '[1,[[0,1,1,0],0,"2"],2]',
      '[1,[[0,1,1,0],0,"1"],3]',
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("reconnects after the server drops the socket, and resumes the same session", async () => {
    const { page, errors } = await open("/counter");
    await page.click("button[aria-label=increment]");
    await expect.poll(() => page.textContent("output")).toBe("1");
    running.demo.dropSockets();
    await page.waitForSelector("lucent-view[state=disconnected], lucent-view[state=connecting]");
    await page.waitForSelector("lucent-view[state=connected]", { timeout: 15_000 });
    await page.click("button[aria-label=increment]");
    await expect.poll(() => page.textContent("output")).toBe("2");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("chat in Chromium", () => {
  test("two pages share one room: a post in one shows in the other", async () => {
    const alice = await open("/chat");
    const bob = await open("/chat");
    await expect.poll(() => alice.page.textContent(".online")).toBe("2 people here");
    await alice.page.fill("input[name=name]", "alice");
    await alice.page.fill("input[name=text]", "hello bob");
    await alice.page.click("form button");
    await expect.poll(() => bob.page.textContent(".posts")).toContain("alice hello bob");
    // The sender's message field is emptied for the next post; the name stays.
    expect(await alice.page.inputValue("input[name=text]")).toBe("");
    expect(await alice.page.inputValue("input[name=name]")).toBe("alice");
    await bob.page.fill("input[name=text]", "hi alice");
    await bob.page.press("input[name=text]", "Enter");
    await expect.poll(() => alice.page.textContent(".posts")).toContain("anonymous hi alice");
    // A page opened now gets the posts rendered on the server (each post an `html` template),
    // adopts them, and later posts are patched in after them.
    const carol = await open("/chat");
    expect(
      await carol.page.$$eval(".posts li", (items) => items.map((li) => li.textContent)),
    ).toEqual(["alice hello bob", "anonymous hi alice"]);
    await carol.page.fill("input[name=text]", "hey all");
    await carol.page.press("input[name=text]", "Enter");
    await expect.poll(() => alice.page.$$eval(".posts li", (items) => items.length)).toBe(3);
    expect(await carol.page.textContent(".posts li:last-child")).toBe("anonymous hey all");
    await carol.page.close();
    await bob.page.close();
    await expect.poll(() => alice.page.textContent(".online")).toBe("1 person here");
    expect([...alice.errors, ...bob.errors, ...carol.errors]).toEqual([]);
    await alice.page.close();
  });
});
