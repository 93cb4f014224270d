import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '@sieve/telemetry';
import { readSampleJson, samplePath } from '@sieve/testing';
import { EmbeddedPipeline } from '../embedded-pipeline.js';
import type { FindingView } from '../report/finding-view.js';

// Reachability and exploit maturity that real reports carry, followed from the
// parser through dedup and enrich into the queue.

type Json = Record<string, unknown>;

describe('evidence carried by reports', () => {
  let pipeline: EmbeddedPipeline;
  const queues = new Map<string, FindingView[]>();

  const run = async (asset: string, folder: string, file: string) => {
    await pipeline.submit({ bytes: readFileSync(samplePath(folder, file)), asset, assetSource: 'submitter', sourceName: file });
    await pipeline.drain();
    queues.set(asset, (await pipeline.queue()).filter((finding) => finding.asset === asset));
  };

  before(async () => {
    pipeline = await EmbeddedPipeline.start({ database: { kind: 'embedded', dataDir: null }, logger: silentLogger() });
    await run('vex-case', 'cyclonedx-json', 'cdx-1.4_vex_cisa-case-2_19-vulns.json');
    await run('go-service', 'govulncheck-json', 'govulncheck-1.0.x_array-wrapped-stream_many.json');
    await run('juice-shop', 'snyk-json', 'snyk-container_juice-shop_os-and-app_epss.json');
  });

  after(async () => {
    await pipeline?.close();
  });

  it('marks findings unreachable by their VEX justification', () => {
    const report = readSampleJson('cyclonedx-json', 'cdx-1.4_vex_cisa-case-2_19-vulns.json') as Json;
    const justified = (report['vulnerabilities'] as Json[]).filter((entry) => (entry['analysis'] as Json | undefined)?.['justification'] === 'code_not_reachable');
    const findings = queues.get('vex-case')!;

    assert.ok(justified.length > 0);
    assert.equal(findings.length, justified.length);
    for (const finding of findings) {
      assert.equal(finding.reachability, 'unreachable', finding.title);
      assert.equal(finding.reachabilitySource, 'vex:code_not_reachable');
    }
  });

  it('takes govulncheck call-graph verdicts as reachability', () => {
    const called = queues.get('go-service')!.find((finding) => finding.vulnerabilityIds.includes('GO-2023-1840'));
    assert.ok(called);
    assert.equal(called.reachability, 'reachable');
    assert.equal(called.reachabilitySource, 'govulncheck:call-graph');
    assert.ok(called.reasons.includes('reachable according to govulncheck:call-graph'), called.reasons.join('; '));
  });

  it('keeps Snyk exploit maturity as an exploitation signal', () => {
    const hinted = queues.get('juice-shop')!.filter((finding) => finding.exploitHint !== null);
    assert.ok(hinted.length > 0);
    for (const finding of hinted) {
      assert.match(finding.exploitHint!, /^snyk:(Proof of Concept|Functional|High|Mature)$/);
      assert.ok(finding.reasons.includes('public exploit code is known'), finding.reasons.join('; '));
      assert.equal(finding.ssvc?.exploitation, 'poc');
    }
  });
});
