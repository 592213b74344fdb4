import { describe, expect, test } from "vitest";
import type { Runtime } from "../runtime/runtime.ts";
import { pageRefs, type Session } from "./session-store.ts";

const session = (): Session => ({
  token: "t",
  runtime: {} as Runtime<unknown>,
  connections: 0,
  pages: undefined,
});

describe("pageRefs", () => {
  test("a page gets the same refs on every join, and other pages their own", () => {
    const s = session();
    const a = pageRefs(s, "a");
    a.last = 5;
    expect(pageRefs(s, "a")).toBe(a);
    expect(pageRefs(s, "b")).toEqual({ last: -1 });
  });

  test("a session remembers at most 16 pages, forgetting the one that joined least recently", () => {
    const s = session();
    for (let i = 0; i < 16; i++) pageRefs(s, `p${i}`).last = i;
    // p0 joins again, so p1 is now the one heard from least recently.
    pageRefs(s, "p0");
    pageRefs(s, "p16");
    expect(s.pages?.size).toBe(16);
    expect(s.pages?.has("p1")).toBe(false);
    expect(pageRefs(s, "p0").last).toBe(0);
  });
});
