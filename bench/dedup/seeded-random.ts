/** A small seeded generator (mulberry32): the same seed gives the same estate on every machine. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Returns a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A non-empty subset of `items` with at least `min` members, in the order of `items`. */
  subset<T>(items: readonly T[], min = 1): T[] {
    for (;;) {
      const chosen = items.filter(() => this.chance(0.7));
      if (chosen.length >= Math.min(min, items.length)) {
        return chosen;
      }
    }
  }

  hex(length: number): string {
    let text = '';
    while (text.length < length) {
      text += Math.floor(this.next() * 16).toString(16);
    }
    return text;
  }
}
