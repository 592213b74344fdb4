/** Topic-based messaging between runtimes (a chat room's sessions, a dashboard's feeds). */
export interface PubSub {
  publish(topic: string, message: unknown): void;
  /** Calls `listener` for every message published on `topic` until the returned function runs. */
  subscribe(topic: string, listener: (message: unknown) => void): () => void;
}

/**
 * An in-process pubsub: delivery is synchronous and in publish order. A listener that throws is
 * reported and does not stop delivery to the others.
 *
 * @example const rooms = createPubSub(); rooms.publish("lobby", { text: "hi" })
 */
export function createPubSub(onError: (error: unknown) => void = (e) => console.error(e)): PubSub {
  const topics = new Map<string, Set<(message: unknown) => void>>();
  return {
    publish(topic, message) {
      const listeners = topics.get(topic);
      if (!listeners) return;
      for (const listener of [...listeners]) {
        try {
          listener(message);
        } catch (error) {
          onError(error);
        }
      }
    },
    subscribe(topic, listener) {
      let listeners = topics.get(topic);
      if (!listeners) topics.set(topic, (listeners = new Set()));
      // Wrapped so that subscribing the same function twice yields two independent subscriptions.
      const entry = (message: unknown) => listener(message);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
        if (listeners.size === 0 && topics.get(topic) === listeners) topics.delete(topic);
      };
    },
  };
}
