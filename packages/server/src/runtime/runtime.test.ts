import { AckStatus, type AckStatusCode } from "@lucent/protocol";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { h } from "../view/h.ts";
import { app } from "./app.ts";
import { delay, emit, task } from "./effect.ts";
import { createPubSub } from "./pubsub.ts";
import { createRuntime, type ErrorPhase, type RuntimeClient } from "./runtime.ts";
import { every, listen } from "./subscription.ts";

type Msg = { type: "add"; n: number } | { type: "boom" } | { type: "poison" } | { type: "later" };

const counter = app({
  init: () => ({ log: [] as number[], poisoned: false }),
  update(model, msg: Msg) {
    if (msg.type === "boom") throw new Error("update failed");
    if (msg.type === "poison") return { ...model, poisoned: true };
    if (msg.type === "later") return [model, delay(1000, { type: "add", n: 99 } as Msg)] as const;
    return { ...model, log: [...model.log, msg.n] };
  },
  view(model) {
    if (model.poisoned) throw new Error("view failed");
    return h("p", { onClick: { type: "add", n: 1 } }, model.log.join(","));
  },
});

function fakeClient(id = "c") {
  const frames: { kind: string; args: unknown[] }[] = [];
  const client: RuntimeClient = {
    info: { id, attributes: {} },
    patch: (...args) => frames.push({ kind: "patch", args }),
    ack: (...args) => frames.push({ kind: "ack", args }),
    emit: (...args) => frames.push({ kind: "emit", args }),
    navigate: (...args) => frames.push({ kind: "navigate", args }),
    title: (...args) => frames.push({ kind: "title", args }),
    remount: () => frames.push({ kind: "remount", args: [] }),
  };
  return { client, frames };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe("runtime", () => {
  const errors: [unknown, ErrorPhase][] = [];
  const onError = (error: unknown, phase: ErrorPhase) => errors.push([error, phase]);
  beforeEach(() => {
    errors.length = 0;
  });

  test("processes messages one at a time, in arrival order", async () => {
    const runtime = createRuntime(counter, undefined, { onError });
    for (let n = 0; n < 100; n++) runtime.dispatch({ type: "add", n });
    await tick();
    expect(runtime.html()).toContain(Array.from({ length: 100 }, (_, n) => n).join(","));
  });

  test("an update that throws is reported and the model is kept", async () => {
    const runtime = createRuntime(counter, undefined, { onError });
    runtime.dispatch({ type: "add", n: 1 });
    runtime.dispatch({ type: "boom" });
    runtime.dispatch({ type: "add", n: 2 });
    await tick();
    expect(runtime.html()).toContain(">1,2<");
    expect(errors.map(([, phase]) => phase)).toEqual(["update"]);
  });

  test("a view that throws loses only the message that broke it", async () => {
    const runtime = createRuntime(counter, undefined, { onError });
    const { client, frames } = fakeClient();
    runtime.attach(client);
    runtime.dispatch({ type: "add", n: 1 });
    runtime.dispatch({ type: "poison" });
    runtime.dispatch({ type: "add", n: 2 });
    await tick();
    // The batch fails as a whole, then replays one by one: "poison" is dropped.
    expect(runtime.html()).toContain(">1,2<");
    expect(errors.map(([, phase]) => phase)).toEqual(["view", "view"]);
    expect(frames.filter((f) => f.kind === "patch")).toHaveLength(2);
  });

  test("broadcasts one serialised patch to every client, acking only the sender's events", async () => {
    const runtime = createRuntime(counter, undefined, { onError });
    const a = fakeClient("a");
    const b = fakeClient("b");
    runtime.attach(a.client);
    runtime.attach(b.client);
    const [, id] = /on:click="(\w+)"/.exec(runtime.html())!;
    runtime.event(a.client, 7, id!, runtime.seq, {});
    await tick();
    expect(a.frames).toEqual([{ kind: "patch", args: [expect.any(String), 7] }]);
    expect(b.frames).toEqual([{ kind: "patch", args: [a.frames[0]!.args[0], undefined] }]);
    expect(a.frames[0]!.args[0]).toBe(b.frames[0]!.args[0]);
  });

  test("an event on a removed element is acknowledged as stale and changes nothing", async () => {
    const list = app({
      init: (): string[] => ["a", "b"],
      update: (rows: string[], msg: string) => rows.filter((r) => r !== msg),
      view: (rows) =>
        h(
          "ul",
          null,
          rows.map((r) => h("li", { key: r, onClick: r }, r)),
        ),
    });
    const runtime = createRuntime(list, undefined, { onError });
    const { client, frames } = fakeClient();
    runtime.attach(client);
    const ids = [...runtime.html().matchAll(/on:click="(\w+)"/g)].map((m) => m[1]!);
    const seenAt = runtime.seq;
    runtime.event(client, 1, ids[0]!, seenAt, {});
    await tick();
    runtime.event(client, 2, ids[0]!, seenAt, {}); // a double click that crossed the patch
    await tick();
    expect(frames.map((f) => f.kind)).toEqual(["patch", "ack", "ack"]);
    expect(frames[1]!.args).toEqual([2, AckStatus.Stale as AckStatusCode]);
    expect(runtime.html()).toBe('<ul><li on:click="1">b</li></ul>');
  });

  test("an event from an older DOM is delivered as the message the user saw", async () => {
    // Unkeyed rows: removing row "a" makes the first <li> show "b"; a click on it sent before
    // the patch arrived still means "a".
    const list = app({
      init: () => ({ rows: ["a", "b", "c"], removed: [] as string[] }),
      update: (m: { rows: string[]; removed: string[] }, msg: string) => ({
        rows: m.rows.filter((r) => r !== msg),
        removed: [...m.removed, msg],
      }),
      view: (m) =>
        h(
          "div",
          null,
          h(
            "ul",
            null,
            m.rows.map((r) => h("li", { onClick: r }, r)),
          ),
          m.removed.join("+"),
        ),
    });
    const runtime = createRuntime(list, undefined, { onError });
    const { client } = fakeClient();
    runtime.attach(client);
    const first = /on:click="(\w+)"/.exec(runtime.html())![1]!;
    const seenAt = runtime.seq;
    runtime.event(client, 1, first, seenAt, {});
    await tick();
    runtime.event(client, 2, first, seenAt, {}); // same element, clicked before the patch landed
    await tick();
    // Both clicks were on what the user saw as "a"; neither becomes "b".
    expect(runtime.html()).toContain("</ul>a+a</div>");
    expect(runtime.html()).toContain(">b</li>");
  });

  test("a function decoder stays current across renders: fast typing is never dropped as stale", async () => {
    const field = app({
      init: () => "",
      update: (_: string, msg: { type: "typed"; value: string }) => msg.value.trim(),
      view: (text) =>
        h("input", {
          value: text,
          onInput: (e) => ({ type: "typed" as const, value: e.value.trim() }),
        }),
    });
    const runtime = createRuntime(field, undefined, { onError });
    const { client, frames } = fakeClient();
    runtime.attach(client);
    const id = /on:input="(\w+)"/.exec(runtime.html())![1]!;
    // Every keystroke sent from seq 0, while the server renders a patch for each of them.
    for (const [ref, value] of ["a", "ab", "abc", "abcd"].entries()) {
      runtime.event(client, ref + 1, id, 0, { value });
      await tick();
    }
    expect(frames.filter((f) => f.kind === "ack")).toEqual([]);
    expect(runtime.html()).toContain('value="abcd"');
  });

  test("a function closing over a reused row's data still gives the message the user saw", async () => {
    const list = app({
      init: (): string[] => ["a", "b", "c"],
      update: (rows: string[], msg: { type: "remove"; row: string }) =>
        rows.filter((r) => r !== msg.row),
      view: (rows) =>
        h(
          "ul",
          null,
          rows.map((row) => h("li", { onClick: () => ({ type: "remove" as const, row }) }, row)),
        ),
    });
    const runtime = createRuntime(list, undefined, { onError });
    const { client } = fakeClient();
    runtime.attach(client);
    const first = /on:click="(\w+)"/.exec(runtime.html())![1]!;
    runtime.event(client, 1, first, 0, {});
    await tick();
    // The first <li> now shows "b"; a click sent before that patch arrived still means "a".
    runtime.event(client, 2, first, 0, {});
    await tick();
    expect(runtime.html()).toBe('<ul><li on:click="0">b</li><li on:click="1">c</li></ul>');
  });

  test("emits before any client joins are delivered to the first one", () => {
    const emitting = app({
      init: () => [0, emit("ready", { at: 0 })] as const,
      update: (m: number) => m,
      view: () => h("p", null),
    });
    const runtime = createRuntime(emitting, undefined, { onError });
    const { client, frames } = fakeClient();
    runtime.attach(client);
    expect(frames).toEqual([{ kind: "emit", args: ["ready", { at: 0 }] }]);
  });

  test("lifecycle messages on connect and disconnect", async () => {
    const presence = app({
      init: () => [] as string[],
      update: (log: string[], msg: string) => [...log, msg],
      view: (log) => h("p", null, log.join(" ")),
      onConnect: (c) => `+${c.id}`,
      onDisconnect: (c) => `-${c.id}`,
    });
    const runtime = createRuntime(presence, undefined, { onError });
    const a = fakeClient("a");
    runtime.attach(a.client);
    runtime.detach(a.client);
    await tick();
    expect(runtime.html()).toBe("<p>+a -a</p>");
  });

  test("tasks deliver their result, and a rejection is reported and mapped", async () => {
    const loader = app({
      init: () => [[] as string[], task(async () => "loaded")] as const,
      update: (log: string[], msg: string) =>
        msg === "fail"
          ? ([
              log,
              task(
                () => Promise.reject(new Error("no")),
                () => "recovered",
              ),
            ] as const)
          : [...log, msg],
      view: (log) => h("p", null, log.join(" ")),
    });
    const runtime = createRuntime(loader, undefined, { onError });
    await tick();
    runtime.dispatch("fail");
    await tick();
    await tick();
    expect(runtime.html()).toBe("<p>loaded recovered</p>");
    expect(errors.map(([, p]) => p)).toEqual(["effect"]);
  });

  test("patches after a sequence number are replayed while kept", async () => {
    const runtime = createRuntime(counter, undefined, { onError, replayLimit: 2 });
    for (let n = 0; n < 3; n++) {
      runtime.dispatch({ type: "add", n });
      await tick();
    }
    expect(runtime.seq).toBe(3);
    expect(runtime.patchesSince(3)).toEqual([]);
    expect(runtime.patchesSince(1)).toHaveLength(2);
    expect(runtime.patchesSince(0)).toBeUndefined();
  });
});

describe("subscriptions and shutdown", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("subscriptions start and stop with the model, and shutdown releases everything", async () => {
    const pubsub = createPubSub();
    const clock = app({
      init: () => ({ ticks: 0, on: true, heard: [] as unknown[] }),
      update: (
        m: { ticks: number; on: boolean; heard: unknown[] },
        msg: { type: string; value?: unknown },
      ) => {
        if (msg.type === "tick") return { ...m, ticks: m.ticks + 1 };
        if (msg.type === "heard") return { ...m, heard: [...m.heard, msg.value] };
        return { ...m, on: !m.on };
      },
      view: (m) => h("p", null, `${m.ticks} ${m.heard.join(",")}`),
      subscriptions: (m) =>
        m.on
          ? [
              every(100, { type: "tick" }),
              listen(pubsub, "t", (value) => ({ type: "heard", value })),
            ]
          : [],
    });
    const runtime = createRuntime(clock, undefined);
    await vi.advanceTimersByTimeAsync(350);
    pubsub.publish("t", 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(runtime.html()).toBe("<p>3 1</p>");
    runtime.dispatch({ type: "toggle" });
    await vi.advanceTimersByTimeAsync(500);
    pubsub.publish("t", 2);
    await vi.advanceTimersByTimeAsync(0);
    expect(runtime.html()).toBe("<p>3 1</p>");
    runtime.dispatch({ type: "toggle" });
    await vi.advanceTimersByTimeAsync(100);
    expect(runtime.html()).toBe("<p>4 1</p>");
    runtime.shutdown();
    expect(vi.getTimerCount()).toBe(0);
    pubsub.publish("t", 3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runtime.html()).toBe("<p>4 1</p>");
  });

  test("pending delays are cancelled at shutdown", async () => {
    const runtime = createRuntime(counter, undefined);
    runtime.dispatch({ type: "later" });
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    runtime.shutdown();
    expect(vi.getTimerCount()).toBe(0);
  });
});
