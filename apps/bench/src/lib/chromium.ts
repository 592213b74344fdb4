import { existsSync } from "node:fs";
import { build } from "esbuild";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium; the project never downloads a browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Headless Chromium with the flags of tests/support/chromium.ts (no network beyond loopback),
 * plus `--expose-gc` so a trial can collect garbage before its timer starts.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}; apt-get install chromium or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--js-flags=--expose-gc",
    ],
  });
}

/** Bundles a script that runs in a benchmark page (src/page, src/profile) for Chromium. */
export async function bundlePage(entry: string, minify = true): Promise<string> {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    minify,
    format: "iife",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  return bundle.outputFiles[0]?.text as string;
}

/**
 * Answers `url` in `page` with an empty document (a `#root` div) running `script`. Cross-origin
 * isolated, so that `performance.now()` has 5 µs resolution instead of 100 µs; the route handler
 * answers, and no request leaves the browser.
 */
export async function servePage(page: Page, url: string, script: string): Promise<void> {
  await page.route(url, (route) =>
    route.fulfill({
      contentType: "text/html",
      headers: {
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-embedder-policy": "require-corp",
      },
      body: `<!doctype html><html><head><meta charset="utf-8"></head><body><div id="root"></div><script>${script}</script></body></html>`,
    }),
  );
}
