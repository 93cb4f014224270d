// Samples CPU time and resident memory of processes from /proc (Linux only).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

function getconf(name: string): number {
  const value = Number(spawnSync('getconf', [name], { encoding: 'utf8' }).stdout);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`getconf ${name} failed; it is needed to read /proc`);
  return value;
}

// USER_HZ, the unit of utime and stime in /proc/<pid>/stat.
const CLOCK_TICKS_PER_SECOND = getconf('CLK_TCK');
// The unit of the resident size in /proc/<pid>/statm.
const PAGE_SIZE = getconf('PAGESIZE');

export interface ProcessUsage {
  /** User plus system CPU seconds between the first and the last sample. */
  cpuSeconds: number;
  /** Largest resident set size seen in any sample, in MiB. */
  peakRssMiB: number;
  /** Mean resident set size over the samples, in MiB. */
  meanRssMiB: number;
}

interface Sample {
  cpuTicks: number;
  rssPages: number;
}

function readSample(pid: number): Sample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces, so count fields from its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuTicks = Number(fields[11]) + Number(fields[12]);
    const rssPages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return { cpuTicks, rssPages };
  } catch {
    // The process exited between samples.
    return null;
  }
}

/** Reads the 1-, 5- and 15-minute load averages. */
export function loadAverage(): [number, number, number] {
  const [one, five, fifteen] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
  return [one ?? NaN, five ?? NaN, fifteen ?? NaN];
}

/** Samples named processes at a fixed interval until stopped. */
export class ProcessSampler {
  private readonly samples = new Map<string, Sample[]>();
  private readonly loads: number[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pids: Map<string, number>) {}

  start(intervalMs: number): void {
    this.sampleAll();
    this.timer = setInterval(() => this.sampleAll(), intervalMs);
  }

  stop(): { usage: Map<string, ProcessUsage>; load: { min: number; max: number; mean: number } } {
    if (this.timer) clearInterval(this.timer);
    this.sampleAll();
    const usage = new Map<string, ProcessUsage>();
    for (const [name, samples] of this.samples) {
      if (samples.length === 0) continue;
      const rss = samples.map((sample) => (sample.rssPages * PAGE_SIZE) / 2 ** 20);
      usage.set(name, {
        cpuSeconds: (samples[samples.length - 1]!.cpuTicks - samples[0]!.cpuTicks) / CLOCK_TICKS_PER_SECOND,
        peakRssMiB: Math.max(...rss),
        meanRssMiB: rss.reduce((sum, value) => sum + value, 0) / rss.length,
      });
    }
    const mean = this.loads.reduce((sum, value) => sum + value, 0) / this.loads.length;
    return { usage, load: { min: Math.min(...this.loads), max: Math.max(...this.loads), mean } };
  }

  private sampleAll(): void {
    this.loads.push(loadAverage()[0]);
    for (const [name, pid] of this.pids) {
      const sample = readSample(pid);
      if (sample === null) continue;
      const list = this.samples.get(name) ?? [];
      list.push(sample);
      this.samples.set(name, list);
    }
  }
}
