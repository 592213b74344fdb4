/** The last patches of a runtime, serialised, so a client that reconnects can catch up. */
export interface ReplayBuffer {
  /** Records the patch that took the runtime to `seq`. */
  push(patch: string): void;
  /** Patches after `seq` (the runtime is at `current`), or undefined when no longer kept. */
  since(seq: number, current: number): readonly string[] | undefined;
  /** Forgets everything: the tree was rebuilt at `seq`. */
  reset(seq: number): void;
}

/** Keeps at most `limit` patches and `characters` characters of them, dropping the oldest. */
export function createReplayBuffer(limit: number, characters: number): ReplayBuffer {
  const patches: string[] = [];
  let base = 0; // sequence number before patches[0]
  let size = 0;
  return {
    push(patch) {
      patches.push(patch);
      size += patch.length;
      while (patches.length > limit || (size > characters && patches.length > 0)) {
        size -= (patches.shift() as string).length;
        base++;
      }
    },
    since(seq, current) {
      if (seq > current || seq < base) return undefined;
      return patches.slice(seq - base);
    },
    reset(seq) {
      patches.length = 0;
      size = 0;
      base = seq;
    },
  };
}
