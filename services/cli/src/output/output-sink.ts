import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Destination of a run's output: the file given with --out, or standard output. Honours back-pressure. */
export class OutputSink {
  private constructor(
    private readonly stream: Writable,
    private readonly ownsStream: boolean,
  ) {}

  static open(path: string | null): OutputSink {
    return path === null ? new OutputSink(process.stdout, false) : new OutputSink(createWriteStream(path), true);
  }

  async write(text: string): Promise<void> {
    if (text.length > 0 && !this.stream.write(text)) {
      await once(this.stream, 'drain');
    }
  }

  async close(): Promise<void> {
    if (this.ownsStream) {
      this.stream.end();
      await once(this.stream, 'finish');
    }
  }
}
