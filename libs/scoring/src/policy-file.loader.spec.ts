import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadScoringPolicy, parseScoringPolicy } from './policy-file.loader.js';
import { ScoringPolicyError } from './scoring-policy.error.js';
import { POLICY_V2, POLICY_V3 } from './scoring-policy.js';

const FULL_POLICY = `
version: acme-2025-07
formula: 2
weights:
  intrinsic:
    pointsPerCvssPoint: 4
    severityEquivalent: { unknown: 5 }
  exploitation: { kev: 35, ransomware: 5, epssMax: 20, exploitHint: 8 }
  exposure: { internet: 20, partner: 10, internal: 0, unknown: 6 }
  reachability: { reachable: 4, unreachableMultiplier: 0.4 }
  data:
    classes: { pci: 6, phi: 6, pii: 3, credentials: 6 }
    max: 12
  criticality: { high: 6, medium: 3, low: 0 }
  blastRadius: { perAdditionalAsset: 2, max: 6 }
priorities: { P1: 80, P2: 60, P3: 40, P4: 20 }
sla: { P1: 3, P2: 14, P3: 60, P4: 120, P5: null }
`;

const FORMULA_3_POLICY = `
version: acme-2026-12
weights:
  severityEquivalent: { unknown: 5 }
  exploitation: { kev: 0.9, ransomware: 0.1, exploitHint: 0.5, epssFloor: 0.1, epssCeiling: 0.6, none: 0.1 }
  exposure: { internet: 1, partner: 0.5, internal: 0.2, unknown: 0.4 }
  reachability: { reachable: 1, unknown: 0.9, unreachable: 0.3 }
  impact: { floor: 0.5, cvss: 0.7, data: 0.1, criticality: 0.1, blastRadius: 0.1 }
  data: { pii: 0.5 }
  criticality: { medium: 0.4 }
  blastRadius: { fullAt: 10 }
`;

function rejection(text: string): string {
  try {
    parseScoringPolicy(text, 'policy.yaml');
  } catch (error) {
    assert.ok(error instanceof ScoringPolicyError);
    return error.message;
  }
  assert.fail('policy was accepted');
}

describe('parseScoringPolicy', () => {
  it('reads every weight', () => {
    const policy = parseScoringPolicy(FULL_POLICY, 'policy.yaml');
    assert.equal(policy.version, 'acme-2025-07');
    assert.equal(policy.formula, 2);
    assert.equal(policy.pointsPerCvssPoint, 4);
    assert.equal(policy.severityEquivalent.unknown, 5);
    assert.equal(policy.severityEquivalent.critical, POLICY_V2.severityEquivalent.critical);
    assert.equal(policy.kevPoints, 35);
    assert.equal(policy.epssMaxPoints, 20);
    assert.equal(policy.exploitHintPoints, 8);
    assert.equal(policy.exposurePoints.internet, 20);
    assert.equal(policy.reachablePoints, 4);
    assert.equal(policy.unreachableMultiplier, 0.4);
    assert.equal(policy.dataClassPoints['pii'], 3);
    assert.equal(policy.maxDataPoints, 12);
    assert.equal(policy.criticalityPoints['medium'], 3);
    assert.equal(policy.blastRadiusPointsPerAsset, 2);
    assert.equal(policy.maxBlastRadiusPoints, 6);
  });

  it('reads priorities and SLA days', () => {
    const policy = parseScoringPolicy(FULL_POLICY, 'policy.yaml');
    assert.deepEqual(policy.priorityThresholds, [
      ['P1', 80],
      ['P2', 60],
      ['P3', 40],
      ['P4', 20],
    ]);
    assert.deepEqual(policy.slaDays, { P1: 3, P2: 14, P3: 60, P4: 120, P5: null });
  });

  it('keeps the formula 3 defaults for omitted keys', () => {
    const policy = parseScoringPolicy('version: only-sla\nsla: { P1: 2 }\n', 'policy.yaml');
    assert.deepEqual({ ...policy, version: POLICY_V3.version, slaDays: POLICY_V3.slaDays }, POLICY_V3);
    assert.equal(policy.slaDays.P1, 2);
    assert.equal(policy.slaDays.P2, POLICY_V3.slaDays.P2);
  });

  it('keeps the formula 2 defaults for omitted keys', () => {
    const policy = parseScoringPolicy('version: only-sla\nformula: 2\nsla: { P1: 2 }\n', 'policy.yaml');
    assert.deepEqual({ ...policy, version: POLICY_V2.version, slaDays: POLICY_V2.slaDays }, POLICY_V2);
  });

  it('reads every formula 3 weight', () => {
    const policy = parseScoringPolicy(FORMULA_3_POLICY, 'policy.yaml');
    assert.ok(policy.formula === 3);
    assert.deepEqual(policy.exploitation, { kev: 0.9, ransomware: 0.1, exploitHint: 0.5, epssFloor: 0.1, epssCeiling: 0.6, none: 0.1 });
    assert.deepEqual(policy.exposure, { internet: 1, partner: 0.5, internal: 0.2, unknown: 0.4 });
    assert.deepEqual(policy.reachability, { reachable: 1, unknown: 0.9, unreachable: 0.3 });
    assert.equal(policy.impactFloor, 0.5);
    assert.deepEqual(policy.impactShares, { cvss: 0.7, data: 0.1, criticality: 0.1, blastRadius: 0.1 });
    assert.equal(policy.dataClassWeights['pii'], 0.5);
    assert.equal(policy.criticalityWeights['medium'], 0.4);
    assert.equal(policy.blastRadiusFullAt, 10);
    assert.equal(policy.severityEquivalent.unknown, 5);
  });

  it('rejects impact shares that do not add up to 1', () => {
    assert.match(rejection('version: a\nweights:\n  impact: { cvss: 0.9 }\n'), /weights\.impact: cvss, data, criticality and blastRadius must add up to 1, not 1\.3/);
  });

  it('rejects a formula 3 multiplier above 1', () => {
    assert.match(rejection('version: a\nweights:\n  exposure: { internet: 30 }\n'), /weights\.exposure\.internet: /);
  });

  it('rejects a missing version', () => {
    assert.match(rejection('sla: { P1: 2 }\n'), /version: expected string, received undefined/);
  });

  it('rejects an empty file', () => {
    assert.match(rejection(''), /version: expected string/);
  });

  it('rejects an unknown key', () => {
    assert.match(rejection('version: a\nweights:\n  exposure: { internett: 20 }\n'), /weights\.exposure\.internett: unknown key/);
  });

  it('rejects a wrong type', () => {
    assert.match(rejection('version: a\nweights:\n  exploitation: { kev: high }\n'), /weights\.exploitation\.kev: expected number, received string/);
  });

  it('rejects a multiplier above 1', () => {
    assert.match(rejection('version: a\nformula: 2\nweights:\n  reachability: { unreachableMultiplier: 1.5 }\n'), /weights\.reachability\.unreachableMultiplier: /);
  });

  it('rejects fractional SLA days', () => {
    assert.match(rejection('version: a\nsla: { P2: 1.5 }\n'), /sla\.P2: /);
  });

  it('rejects unordered priorities', () => {
    assert.match(rejection('version: a\npriorities: { P2: 80 }\n'), /priorities\.P2: 80 must be below priorities\.P1 \(56\)/);
  });

  it('rejects a built-in version', () => {
    assert.match(rejection('version: sieve-default-2\n'), /version: sieve-default-2 is a built-in policy/);
  });

  it('rejects formula 1', () => {
    assert.match(rejection('version: a\nformula: 1\n'), /formula: /);
  });

  it('rejects invalid YAML', () => {
    assert.match(rejection('version: [a\n'), /policy\.yaml: invalid YAML/);
  });

  it('lists every problem', () => {
    const message = rejection('version: a\nweights:\n  exposure: { internet: -1 }\nsla: { P6: 1 }\n');
    assert.match(message, /weights\.exposure\.internet/);
    assert.match(message, /sla\.P6: unknown key/);
  });
});

describe('loadScoringPolicy', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sieve-policy-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('reads a file', () => {
    const path = join(folder, 'policy.yaml');
    writeFileSync(path, FULL_POLICY);
    assert.equal(loadScoringPolicy(path).version, 'acme-2025-07');
  });

  it('names the file in errors', () => {
    const path = join(folder, 'bad.yaml');
    writeFileSync(path, 'version: a\nweights: { data: { max: x } }\n');
    assert.throws(() => loadScoringPolicy(path), (error: Error) => error.message.startsWith(`${path}: invalid scoring policy: weights.data.max`));
  });

  it('rejects a missing file', () => {
    assert.throws(() => loadScoringPolicy(join(folder, 'absent.yaml')), (error: ScoringPolicyError) => error.code === 'not_found');
  });
});
