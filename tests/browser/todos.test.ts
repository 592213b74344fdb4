import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { useDemoBrowser } from "../support/demo-browser.ts";

// Issue 3's features, each in real Chromium against the demo's todos page.

const running = useDemoBrowser();

async function open(path = "/todos"): Promise<{ page: Page; sent: string[]; errors: string[] }> {
  const page = await running.browser.newPage();
  const sent: string[] = [];
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("websocket", (ws) => ws.on("framesent", (frame) => sent.push(String(frame.payload))));
  await page.goto(running.demo.url + path);
  await page.waitForSelector("lucent-view[state=connected]");
  return { page, sent, errors };
}

const draft = "input[name=draft]";
const settled = (page: Page) =>
  page.waitForFunction(() => !document.querySelector("[lucent-pending]"));

describe("forms and inputs", () => {
  test("the server normalises what is typed, and the input shows the server's value", async () => {
    const { page, errors } = await open();
    await page.type(draft, "  buy   milk");
    await settled(page);
    await expect.poll(() => page.inputValue(draft)).toBe("buy milk");
    expect(await page.getAttribute(draft, "value")).toBe("buy milk");
    await page.fill(draft, "x".repeat(80));
    await expect.poll(() => page.inputValue(draft)).toBe("x".repeat(60));
    expect(errors).toEqual([]);
    await page.close();
  });

  test("Enter submits, Escape clears through a key filter, other keys send no key event", async () => {
    const { page, sent } = await open();
    await page.type(draft, "walk");
    await page.press(draft, "Enter");
    await expect.poll(() => page.locator(".list li").count()).toBe(3);
    await expect.poll(() => page.inputValue(draft)).toBe("");
    await page.type(draft, "oops");
    const keydownHandler = await page.evaluate(
      () => document.querySelector("input[name=draft]")!.getAttribute("on:keydown")!.split(" ")[0],
    );
    const before = sent.length;
    await page.press(draft, "Escape");
    await expect.poll(() => page.inputValue(draft)).toBe("");
    // Of all the keystrokes, only Escape reached the server as a key event.
    const keyEvents = sent.filter(
      (f) => f.startsWith(`[1,`) && f.includes(`,"${keydownHandler}",`),
    );
    expect(keyEvents).toHaveLength(1);
    expect(sent.slice(before).some((f) => f.includes('"key":"Escape"'))).toBe(true);
    await page.close();
  });

  test("a checkbox toggles a todo, and the title follows the model", async () => {
    const { page } = await open();
    expect(await page.title()).toBe("2 left · Todos");
    await page.click(".list li >> nth=0 >> input[type=checkbox]");
    await expect.poll(() => page.title()).toBe("1 left · Todos");
    await expect.poll(() => page.locator(".list li.done").count()).toBe(1);
    await page.close();
  });
});

describe("URL and page", () => {
  test("filters push the URL; back and forward reach the app without a page load", async () => {
    const { page } = await open();
    await page.click(".list li >> nth=0 >> input[type=checkbox]");
    await page.click("nav.filters button:has-text('done')");
    await expect.poll(() => new URL(page.url()).search).toBe("?filter=done");
    await expect.poll(() => page.locator(".list li").count()).toBe(1);
    const marker = await page.evaluate(
      () => ((window as unknown as { marker: number }).marker = Math.random()),
    );
    await page.goBack();
    await expect.poll(() => page.locator(".list li").count()).toBe(2);
    await page.goForward();
    await expect.poll(() => page.locator(".list li").count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(
      marker,
    );
    await page.close();
  });

  test("a page loaded with a filter in its URL starts with it", async () => {
    const { page } = await open("/todos?filter=active");
    expect(await page.getAttribute("nav.filters button:has-text('active')", "aria-pressed")).toBe(
      "true",
    );
    await page.close();
  });
});

describe("talking to the page", () => {
  test("an attribute set by page JS reaches the app; page JS sends a message; emitted events reach page JS", async () => {
    const { page } = await open();
    await page.fill("#owner", "Ada");
    await expect.poll(() => page.textContent("main.todos h1")).toContain("Ada's todos");
    await page.click(".list li >> nth=0 >> input[type=checkbox]");
    await expect.poll(() => page.textContent("#status")).toBe("1 left of 2");
    await page.click("#clear");
    await expect.poll(() => page.locator(".list li").count()).toBe(1);
    await expect.poll(() => page.textContent("#status")).toBe("1 left of 1");
    await page.close();
  });

  test("a client hook draws in a region the server never patches, and redraws on updates", async () => {
    const { page } = await open();
    await expect.poll(() => page.getAttribute(".bars", "data-drawn")).toBe("2");
    await page.evaluate(
      () => ((document.querySelector(".bars canvas") as unknown as { mark: number }).mark = 7),
    );
    await page.type(draft, "third");
    await page.press(draft, "Enter");
    await expect.poll(() => page.getAttribute(".bars", "data-drawn")).toBe("3");
    expect(
      await page.evaluate(
        () => (document.querySelector(".bars canvas") as unknown as { mark?: number }).mark,
      ),
    ).toBe(7);
    await page.close();
  });
});

describe("latency masking", () => {
  test("client-side commands run without a round trip and survive patches", async () => {
    const { page, sent } = await open();
    const before = sent.length;
    expect(await page.isHidden("#help")).toBe(true);
    await page.click("button[aria-controls=help]");
    expect(await page.isVisible("#help")).toBe(true);
    expect(sent.length).toBe(before);
    await page.type(draft, "patched");
    await page.press(draft, "Enter");
    await expect.poll(() => page.locator(".list li").count()).toBe(3);
    expect(await page.isVisible("#help")).toBe(true);
    await page.close();
  });

  test("a slow action disables its button at once, marks it pending until acknowledged, then shows the server's state", async () => {
    const { page } = await open();
    // The round trip is a few milliseconds on loopback, so record what happened to the button.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver((records) => {
        for (const r of records)
          seen.push(`${r.attributeName}=${(r.target as Element).getAttribute(r.attributeName!)}`);
      }).observe(document.querySelector("button.save")!, {
        attributes: true,
        attributeFilter: ["lucent-pending", "disabled"],
      });
    });
    await page.click("button.save");
    await expect.poll(() => page.textContent("button.save")).toBe("saving…");
    expect(await page.isDisabled("button.save")).toBe(true);
    await expect.poll(() => page.textContent(".saves"), { timeout: 5000 }).toBe("saved 1 times");
    await expect.poll(() => page.isDisabled("button.save")).toBe(false);
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    // Pending and disabled were set by the client at the click, before the server answered.
    expect(seen.slice(0, 2).sort()).toEqual(["disabled=lucent-pending", "lucent-pending="]);
    expect(seen).toContain("lucent-pending=null");
    expect(await page.getAttribute("button.save", "lucent-pending")).toBeNull();
    await page.close();
  });
});
