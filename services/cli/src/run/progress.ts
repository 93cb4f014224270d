const INTERVAL_MS = 2000;

/**
 * Progress and summary lines on standard error. Progress appears only once a
 * run has taken more than two seconds, then at most every two seconds.
 */
export class Progress {
  private readonly started = Date.now();
  private lastPrinted = Date.now();
  private done = 0;
  private findings = 0;

  constructor(
    private readonly quiet: boolean,
    private readonly total: number,
  ) {}

  advance(findings: number): void {
    this.done++;
    this.findings += findings;
    const now = Date.now();
    if (!this.quiet && now - this.started > INTERVAL_MS && now - this.lastPrinted > INTERVAL_MS) {
      this.lastPrinted = now;
      process.stderr.write(`sieve: ${this.done}/${this.total} reports, ${plural(this.findings, 'finding')} read (${((now - this.started) / 1000).toFixed(0)} s)\n`);
    }
  }

  /** Writes a problem with one input; shown even with --quiet, because it changes the exit status. */
  error(message: string): void {
    process.stderr.write(`sieve: ${message}\n`);
  }

  note(message: string): void {
    if (!this.quiet) process.stderr.write(`sieve: ${message}\n`);
  }

  summary(inputs: number, rejected: number, findings: number): void {
    if (this.quiet) return;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    process.stderr.write(`sieve: ${plural(inputs, 'report')} (${inputs - rejected} read, ${rejected} rejected), ${plural(findings, 'finding')} in the queue, ${seconds} s\n`);
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
