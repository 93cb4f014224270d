import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCvss } from '@sieve/domain';
import type { RiskInput } from './risk-input.model.js';
import { deriveSsvcInputs } from './ssvc-inputs.js';
import { ssvcDecision, type SsvcDecision, type SsvcExploitation, type SsvcMissionImpact, type SsvcTechnicalImpact } from './ssvc.decision.js';

// Every leaf of CISA's tree: exploitation, automatable, technical impact, then
// the decision for low, medium and high mission and well-being impact.
const TREE = `
none   no  partial Track  Track  Track
none   no  total   Track  Track  Track*
none   yes partial Track  Track  Attend
none   yes total   Track  Track  Attend
poc    no  partial Track  Track  Track*
poc    no  total   Track  Track* Attend
poc    yes partial Track  Track  Attend
poc    yes total   Track  Track* Attend
active no  partial Track  Track  Attend
active no  total   Track  Attend Act
active yes partial Attend Attend Act
active yes total   Attend Act    Act
`;

describe('ssvcDecision', () => {
  const rows = TREE.trim().split('\n').map((line) => line.trim().split(/\s+/));
  const missionImpacts: SsvcMissionImpact[] = ['low', 'medium', 'high'];

  it('covers all 36 leaves', () => {
    assert.equal(rows.length * missionImpacts.length, 36);
  });

  for (const [exploitation, automatable, technicalImpact, ...decisions] of rows) {
    missionImpacts.forEach((missionImpact, index) => {
      const expected = decisions[index] as SsvcDecision;
      it(`${exploitation} ${automatable} ${technicalImpact} ${missionImpact} is ${expected}`, () => {
        const decision = ssvcDecision({
          exploitation: exploitation as SsvcExploitation,
          automatable: automatable === 'yes',
          technicalImpact: technicalImpact as SsvcTechnicalImpact,
          missionImpact,
        });
        assert.equal(decision, expected);
      });
    });
  }
});

const base: RiskInput = {
  severity: 'high',
  cvss: parseCvss('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N'),
  exposure: 'internal',
  exposureSource: null,
  dataClasses: [],
  criticality: null,
  kev: null,
};

describe('deriveSsvcInputs exploitation', () => {
  it('is active in KEV', () => {
    const inputs = deriveSsvcInputs({ ...base, kev: { vulnerabilityId: 'CVE-1', dateAdded: '2024-01-01', knownRansomwareUse: false } });
    assert.equal(inputs.exploitation, 'active');
  });

  it('is poc from EPSS 0.1', () => {
    assert.equal(deriveSsvcInputs({ ...base, epss: { probability: 0.1, percentile: 0.95 } }).exploitation, 'poc');
  });

  it('is none below EPSS 0.1', () => {
    assert.equal(deriveSsvcInputs({ ...base, epss: { probability: 0.09, percentile: 0.94 } }).exploitation, 'none');
  });

  it('is poc with an exploit hint', () => {
    assert.equal(deriveSsvcInputs({ ...base, exploitHint: { source: 'grype' } }).exploitation, 'poc');
  });
});

describe('deriveSsvcInputs automatable', () => {
  it('is yes for internet and network', () => {
    assert.equal(deriveSsvcInputs({ ...base, exposure: 'internet' }).automatable, true);
  });

  it('is no when internal', () => {
    assert.equal(deriveSsvcInputs(base).automatable, false);
  });

  it('is no for a local vector', () => {
    const local = parseCvss('CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H');
    assert.equal(deriveSsvcInputs({ ...base, exposure: 'internet', cvss: local }).automatable, false);
  });

  it('is no without a vector', () => {
    assert.equal(deriveSsvcInputs({ ...base, exposure: 'internet', cvss: null }).automatable, false);
  });
});

describe('deriveSsvcInputs technical impact', () => {
  const cases: Array<[string, string, SsvcTechnicalImpact]> = [
    ['3.1 high C and I', 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:N', 'total'],
    ['3.1 no privileges, C high, I low', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N', 'total'],
    ['3.1 privileges, C high, I low', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N', 'partial'],
    ['3.1 availability only', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 'partial'],
    ['4.0 vulnerable system high', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N', 'total'],
    ['4.0 subsequent system only', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:H/SI:H/SA:H', 'partial'],
    ['2.0 complete', 'AV:N/AC:L/Au:N/C:C/I:C/A:C', 'total'],
    ['2.0 partial', 'AV:N/AC:L/Au:N/C:P/I:P/A:P', 'partial'],
  ];
  for (const [name, vector, expected] of cases) {
    it(`is ${expected}: ${name}`, () => {
      const cvss = parseCvss(vector);
      assert.notEqual(cvss, null);
      assert.equal(deriveSsvcInputs({ ...base, cvss }).technicalImpact, expected);
    });
  }

  it('is total for critical without a vector', () => {
    assert.equal(deriveSsvcInputs({ ...base, cvss: null, severity: 'critical' }).technicalImpact, 'total');
  });

  it('is partial for high without a vector', () => {
    assert.equal(deriveSsvcInputs({ ...base, cvss: null }).technicalImpact, 'partial');
  });
});

describe('deriveSsvcInputs mission impact', () => {
  const cases: Array<[string, Partial<RiskInput>, SsvcMissionImpact]> = [
    ['PCI data', { dataClasses: ['pci'] }, 'high'],
    ['credentials', { dataClasses: ['credentials'] }, 'high'],
    ['high criticality', { criticality: 'high' }, 'high'],
    ['PII data', { dataClasses: ['pii'] }, 'medium'],
    ['medium criticality', { criticality: 'medium' }, 'medium'],
    ['nothing known', {}, 'low'],
    ['no sensitive data', { dataClasses: ['none'], criticality: 'low' }, 'low'],
  ];
  for (const [name, change, expected] of cases) {
    it(`is ${expected}: ${name}`, () => {
      assert.equal(deriveSsvcInputs({ ...base, ...change }).missionImpact, expected);
    });
  }
});
