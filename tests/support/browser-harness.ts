/**
 * The Node side of the Chromium tests: bundles the client's source with ./page-harness.ts into
 * one script for the page, prepares a pair of views on the server (wire trees, ops, the nodes
 * that must survive), and checks what the page reports.
 */
import { fileURLToPath } from "node:url";
import {
  diffView,
  type LiveElement,
  type LiveNode,
  renderChildren,
  type Node as View,
} from "@lucent/server";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { launchChromium } from "./chromium.ts";
import { mapBindings } from "./dom-shape.ts";
import { bindingReader, expectSame, type Mounted, mount, textErrors, wireOf } from "./live.ts";
import type { PairInput, PairOutput } from "./page-harness.ts";

/** The client (from source) and the page harness as one IIFE defining `LucentHarness`. */
export async function bundleHarness(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./page-harness.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "LucentHarness",
    platform: "browser",
    target: "es2022",
    conditions: ["lucent-source"],
    logLevel: "silent",
  });
  return (result.outputFiles[0] as { text: string }).text;
}

/** Opens a blank page with the harness loaded. */
export async function harnessPage(newPage: () => Promise<Page>, script: string): Promise<Page> {
  const page = await newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.setContent("<!doctype html><html><head></head><body></body></html>");
  await page.addScriptTag({ content: script });
  expect(errors).toEqual([]);
  return page;
}

export interface Prepared {
  readonly input: PairInput;
  readonly live: Mounted;
  readonly fresh: Mounted;
  readonly seq: number;
}

/** Child-index paths of every node of a live tree. */
function paths(root: LiveElement): Map<LiveNode, number[]> {
  const out = new Map<LiveNode, number[]>();
  const walk = (live: LiveElement, path: number[]) => {
    live.children.forEach((child, i) => {
      const at = [...path, i];
      out.set(child, at);
      if (child.kind === 0) walk(child, at);
    });
  };
  walk(root, []);
  return out;
}

/** Keyed children of each element, by key (null when a key repeats). */
function keyed(root: LiveElement): Map<LiveElement, Map<string, LiveNode | null>> {
  const out = new Map<LiveElement, Map<string, LiveNode | null>>();
  const walk = (live: LiveElement) => {
    const byKey = new Map<string, LiveNode | null>();
    out.set(live, byKey);
    for (const child of live.children) {
      if (child.key !== undefined) byKey.set(child.key, byKey.has(child.key) ? null : child);
      if (child.kind === 0) walk(child);
    }
  };
  walk(root);
  return out;
}

const tagOf = (node: LiveNode) => (node.kind === 1 ? "#text" : node.tag);

/**
 * Mounts `a` (and renders its HTML when `adopt`), diffs it against `b`, and lists the nodes that
 * must be the same DOM nodes afterwards: every node the server kept, and every keyed child found
 * again (same key, same tag) under a kept parent, whatever the diff decided.
 */
export function preparePair(a: View<unknown>, b: View<unknown>, adopt: boolean): Prepared {
  const live = mount(a);
  const wireA = wireOf(live.root);
  const html = adopt ? renderChildren(live.root) : undefined;
  const before = paths(live.root);
  const keyedBefore = keyed(live.root);
  const ops = diffView(live.root, b, live.registry, 1);
  const seq = ops.length > 0 ? 1 : 0;
  live.registry.commit(ops.length > 0, seq);
  const after = paths(live.root);
  const keep: [number[], number[]][] = [];
  for (const [node, path] of after) {
    const old = before.get(node);
    if (old) keep.push([old, path]);
  }
  for (const [parent, byKey] of keyed(live.root)) {
    const old = keyedBefore.get(parent);
    if (!old || (parent !== live.root && !before.has(parent))) continue;
    for (const [key, now] of byKey) {
      const then = old.get(key);
      if (!now || !then || tagOf(now) !== tagOf(then)) continue;
      keep.push([before.get(then) as number[], after.get(now) as number[]]);
    }
  }
  const fresh = mount(b);
  return {
    input: {
      wireA,
      ...(html === undefined ? {} : { html }),
      ops: JSON.parse(JSON.stringify(ops)),
      wireB: wireOf(fresh.root),
      wireLive: wireOf(live.root),
      keep,
    },
    live,
    fresh,
    seq,
  };
}

/** Runs a prepared pair in the page. */
export async function runInPage(page: Page, prepared: Prepared): Promise<PairOutput> {
  return (await page.evaluate(
    `LucentHarness.runPair(${JSON.stringify(prepared.input)})`,
  )) as PairOutput;
}

/** Invariant 1 (and 2 when adopted) on what the page reports. */
export function checkPair(prepared: Prepared, out: PairOutput): void {
  expect(out.error).toBeUndefined();
  expect(textErrors(prepared.live.root), "SPEC §5: no empty or adjacent text").toEqual([]);
  if (out.parsed) {
    expectSame(out.parsed, out.builtA ?? [], "server HTML as Chromium parses it vs built DOM");
  }
  expectSame(
    mapBindings(out.patched, bindingReader(prepared.live.registry, prepared.seq)),
    mapBindings(out.fresh, bindingReader(prepared.fresh.registry, 0)),
    "patched DOM vs DOM built fresh from B",
  );
  expectSame(out.patched, out.live, "patched DOM vs the server's live tree");
  expect(out.namespaceErrors).toEqual([]);
  expect(out.recreated, "nodes that should have survived the patch").toEqual([]);
}

/**
 * Registers the hooks that launch Chromium with the harness page for the calling test file; read
 * `page` inside tests, once the hooks have run.
 */
export function useHarnessPage(): { readonly page: Page } {
  const state = {} as { page: Page; close: () => Promise<void> };
  beforeAll(async () => {
    const [script, browser] = await Promise.all([bundleHarness(), launchChromium()]);
    state.close = () => browser.close();
    state.page = await harnessPage(() => browser.newPage(), script);
  });
  afterAll(async () => {
    await state.close?.();
  });
  return state;
}
