import type { Page } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { useDemoBrowser } from "../support/demo-browser.ts";

// Every kind of form control, focus and blur, a window-level key binding and the submitter, in
// real Chromium against the demo's controls page. The server echoes its model into #echo.

const running = useDemoBrowser();
let page: Page;

beforeAll(async () => {
  page = await running.browser.newPage();
  await page.goto(`${running.demo.url}/controls`);
  await page.waitForSelector("lucent-view[state=connected]");
});

const echo = async () =>
  JSON.parse((await page.textContent("#echo")) ?? "{}") as Record<string, unknown>;

test("select, radio, multiple select, textarea and checkbox each say what changed", async () => {
  await page.selectOption("select[name=plan]", "pro");
  await expect.poll(async () => (await echo()).plan).toBe("pro");
  await page.check("input[name=size][value=l]");
  await expect.poll(async () => (await echo()).size).toBe("l");
  await page.selectOption("select[name=tags]", ["red", "blue"]);
  await expect.poll(async () => (await echo()).tags).toEqual(["red", "blue"]);
  await page.fill("textarea[name=notes]", "line one\nline two");
  await expect.poll(async () => (await echo()).notes).toBe("line one\nline two");
  await page.check("input[name=agree]");
  await expect.poll(async () => (await echo()).agree).toBe(true);
  // The server's render agrees with what the controls show.
  expect(await page.inputValue("select[name=plan]")).toBe("pro");
  expect(await page.isChecked("input[name=size][value=l]")).toBe(true);
});

test("focus and blur reach the server", async () => {
  await page.focus("input[name=nick]");
  await expect.poll(async () => (await echo()).focused).toBe("nick");
  await page.focus("textarea[name=notes]");
  await expect.poll(async () => (await echo()).focused).toBe("");
});

test("a window-level key binding hears keys pressed anywhere, filtered in the browser", async () => {
  await page.click("h1");
  await page.keyboard.press("a");
  await page.keyboard.press("Escape");
  await expect.poll(async () => (await echo()).lastKey).toBe("Escape");
  await page.keyboard.press("?");
  await expect.poll(async () => (await echo()).lastKey).toBe("?");
});

test("submit sends the form's fields and which button submitted it", async () => {
  await page.fill("input[name=nick]", "ada");
  await page.click("button[value=draft]");
  await expect
    .poll(async () => JSON.parse((await page.textContent("#submitted")) ?? "[]"))
    .toEqual([
      ["plan", "pro"],
      ["size", "l"],
      ["tags", "red"],
      ["tags", "blue"],
      ["notes", "line one\nline two"],
      ["agree", "on"],
      ["nick", "ada"],
      ["action", "draft"],
    ]);
});
