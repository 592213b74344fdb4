import type { PubSub } from "./pubsub.ts";

/**
 * A source of messages from outside (a timer, a pubsub topic) that runs while the model asks for
 * it. The runtime compares keys after every update: new keys start, missing keys stop.
 */
export interface Subscription<Msg> {
  readonly key: string;
  /** Starts the source; returns the function that stops it. */
  start(dispatch: (message: Msg) => void): () => void;
}

/**
 * Dispatches `message` every `ms` milliseconds.
 *
 * @example subscriptions: (m) => (m.running ? [every(1000, { type: "tick" })] : [])
 */
export function every<Msg>(ms: number, message: Msg | ((now: number) => Msg)): Subscription<Msg> {
  return {
    key: `every:${ms}`,
    start(dispatch) {
      const handle = setInterval(
        () =>
          dispatch(
            typeof message === "function" ? (message as (now: number) => Msg)(Date.now()) : message,
          ),
        ms,
      );
      return () => clearInterval(handle);
    },
  };
}

/**
 * Turns every message published on `topic` into an app message.
 *
 * @example listen(rooms, "lobby", (post) => ({ type: "received", post: post as Post }))
 */
export function listen<Msg>(
  pubsub: PubSub,
  topic: string,
  toMessage: (message: unknown) => Msg | undefined,
): Subscription<Msg> {
  return {
    key: `listen:${topic}`,
    start(dispatch) {
      return pubsub.subscribe(topic, (message) => {
        const mapped = toMessage(message);
        if (mapped !== undefined) dispatch(mapped);
      });
    },
  };
}
