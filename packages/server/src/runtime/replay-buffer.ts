/**
 * The last patches of a runtime, serialised, so a client that reconnects can catch up. A class
 * because every session owns one: prototype methods cost nothing per instance.
 */
export class ReplayBuffer {
  private readonly patches: string[] = [];
  /** Sequence number before patches[0]. */
  private base: number;
  private size = 0;

  constructor(
    private readonly limit: number,
    private readonly characters: number,
    seq: number,
  ) {
    this.base = seq;
  }

  /** Records the next patch. */
  push(patch: string): void {
    this.patches.push(patch);
    this.size += patch.length;
    while (
      this.patches.length > this.limit ||
      (this.size > this.characters && this.patches.length > 0)
    ) {
      this.size -= (this.patches.shift() as string).length;
      this.base++;
    }
  }

  /** Patches after `seq` (the runtime is at `current`), or undefined when no longer kept. */
  since(seq: number, current: number): readonly string[] | undefined {
    if (seq > current || seq < this.base) return undefined;
    return this.patches.slice(seq - this.base);
  }
}
