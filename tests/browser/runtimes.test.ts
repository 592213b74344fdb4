// The demo on every other adapter and runtime (demo.test.ts covers Hono on Node in depth): each
// starts through its package script, exactly as `pnpm --filter @lucent/demo <script>` would, and
// Chromium clicks the counter.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchChromium } from "../support/chromium.ts";
import { ROOT } from "../support/runtimes.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";

const DEMO = join(ROOT, "apps/demo");
const scripts = (
  JSON.parse(readFileSync(join(DEMO, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  }
).scripts;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(["start:express", "start:bun", "start:hono-bun", "start:deno", "start:hono-deno"])(
  "demo via %s",
  (script) => {
    let demo: ServerProcess;
    beforeAll(async () => {
      // What a package script sees: the package's and the workspace root's bins on PATH.
      const bins = [join(DEMO, "node_modules/.bin"), join(ROOT, "node_modules/.bin")];
      demo = await startServerProcess("sh", ["-c", `exec ${scripts[script]}`], {
        cwd: DEMO,
        env: { PORT: "0", PATH: [...bins, process.env.PATH].join(":") },
        ready: /running at (http:\/\/\S+)/,
      });
    });
    afterAll(async () => {
      await demo?.stop();
    });

    test("Chromium clicks the counter", async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(String(error)));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      await page.goto(`${demo.ready[1]}/counter`);
      await page.waitForSelector("lucent-view[state=connected]");
      await page.click("button[aria-label=increment]");
      await page.click("button[aria-label=increment]");
      await page.click("button[aria-label=decrement]");
      await expect.poll(() => page.textContent("output")).toBe("1");
      expect(errors).toEqual([]);
      await page.close();
    });
  },
);
