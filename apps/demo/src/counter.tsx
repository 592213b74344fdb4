import { app } from "@lucent/server";

export type CounterMsg = { type: "increment" } | { type: "decrement" } | { type: "reset" };

/** One runtime per visitor: each page has its own count, kept across reconnects. */
export const counter = app({
  init: () => 0,
  update(count: number, msg: CounterMsg) {
    switch (msg.type) {
      case "increment":
        return count + 1;
      case "decrement":
        return count - 1;
      case "reset":
        return 0;
    }
  },
  view: (count) => (
    <main class="counter">
      <h1>Counter</h1>
      <p>
        <button type="button" aria-label="decrement" onClick={{ type: "decrement" }}>
          −
        </button>
        <output aria-live="polite">{count}</output>
        <button type="button" aria-label="increment" onClick={{ type: "increment" }}>
          +
        </button>
      </p>
      <button type="button" class="quiet" onClick={{ type: "reset" }} disabled={count === 0}>
        reset
      </button>
    </main>
  ),
});
