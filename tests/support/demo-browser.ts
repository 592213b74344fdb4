import { type DemoServer, startDemo } from "@lucent/demo/server";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./chromium.ts";

/** The demo on Node and one Chromium, started before a file's tests and stopped after them. */
export interface DemoBrowser {
  readonly demo: DemoServer;
  readonly browser: Browser;
}

/**
 * Registers the hooks that start the demo (on a free port) and Chromium for the calling test file;
 * read the returned object's fields inside tests, once the hooks have run.
 */
export function useDemoBrowser(): DemoBrowser {
  const state = {} as { demo: DemoServer; browser: Browser };
  beforeAll(async () => {
    state.demo = await startDemo({ port: 0 });
    state.browser = await launchChromium();
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.demo?.close();
  });
  return state;
}
