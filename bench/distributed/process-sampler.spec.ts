import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadAverage, ProcessSampler } from './process-sampler.js';

describe('ProcessSampler', () => {
  it('measures CPU time and RSS of this process', () => {
    const sampler = new ProcessSampler(new Map([['self', process.pid]]));
    sampler.start(60_000);
    const cpuBefore = process.cpuUsage();
    let spins = 0;
    while (process.cpuUsage(cpuBefore).user < 300_000) spins++;
    const { usage } = sampler.stop();
    const self = usage.get('self');

    assert.ok(spins > 0);
    assert.ok(self, 'no samples of this process');
    assert.ok(self.cpuSeconds >= 0.2, `cpuSeconds ${self.cpuSeconds}`);
    assert.ok(self.cpuSeconds < 5, `cpuSeconds ${self.cpuSeconds}`);
    assert.ok(self.peakRssMiB * 2 ** 20 >= process.memoryUsage().rss * 0.5, `peakRssMiB ${self.peakRssMiB}`);
  });

  it('skips a process that has exited', () => {
    const sampler = new ProcessSampler(new Map([['gone', 2 ** 22 + 1]]));
    sampler.start(60_000);
    assert.equal(sampler.stop().usage.has('gone'), false);
  });

  it('reads three load averages', () => {
    const load = loadAverage();
    assert.equal(load.length, 3);
    assert.ok(load.every((value) => Number.isFinite(value) && value >= 0));
  });
});
