/**
 * File offsets just past each object or array element of one set-aside
 * array, noted while the array is first skipped, so that its second read can
 * cut the elements out without scanning them again. Each entry is the
 * distance from the previous end (4 bytes each). Recording stops, and the
 * second read scans as usual, past `maxElements` or a distance of 4 GiB.
 */
export class ElementEnds {
  private distances = new Uint32Array(1024);
  private previous: number;
  length = 0;
  overflowed = false;

  constructor(
    readonly arrayStart: number,
    private readonly maxElements: number,
  ) {
    this.previous = arrayStart;
  }

  push(end: number): void {
    if (this.overflowed) {
      return;
    }
    const distance = end - this.previous;
    if (this.length >= this.maxElements || distance > 0xffffffff) {
      this.overflowed = true;
      this.distances = new Uint32Array(0);
      return;
    }
    if (this.length === this.distances.length) {
      const grown = new Uint32Array(Math.min(this.maxElements, this.length * 2));
      grown.set(this.distances);
      this.distances = grown;
    }
    this.distances[this.length] = distance;
    this.length++;
    this.previous = end;
  }

  /** Yields the end offsets in order. */
  *ends(): Iterable<number> {
    let end = this.arrayStart;
    for (let index = 0; index < this.length; index++) {
      end += this.distances[index] as number;
      yield end;
    }
  }
}
