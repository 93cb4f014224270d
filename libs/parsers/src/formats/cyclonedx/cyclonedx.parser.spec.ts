import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { normalizePurl, ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { cyclonedxFormat } from './cyclonedx.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'cyclonedx-json';
const LARAVEL = 'cdx-1.4_sbom_laravel-7.12.0_62-components.json';
const VEX = 'cdx-1.4_vex_cisa-case-2_19-vulns.json';
const POM = 'cdx-1.5_trivy_pom_2-vulns.json';
const IMAGE = 'cdx-1.6_trivy_ruby-gemfile-lock_3-vulns.json';
const NPM = 'cdx-1.7_trivy_npm_1-vuln.json';

const OTHER_FORMAT_FOLDERS = ['sarif', 'trivy-json', 'grype-json', 'semgrep-json', 'npm-audit-json', 'gitleaks-json'];

function parseSample(file: string): ParseResult {
  return cyclonedxFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseJson(report: unknown): ParseResult {
  return cyclonedxFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

/** Counts one finding per affects entry, and one for a vulnerability without affects. */
function expectedFindings(bom: Json): number {
  return list(bom['vulnerabilities']).reduce((sum, vulnerability) => sum + Math.max(1, list(vulnerability['affects']).length), 0);
}

/** Collects the distinct purls of components[] and of every nested components[]. */
function expectedPurls(components: unknown, found = new Set<string>()): Set<string> {
  for (const component of list(components)) {
    const purl = typeof component['purl'] === 'string' ? normalizePurl(component['purl']) : null;
    if (purl !== null) {
      found.add(purl);
    }
    expectedPurls(component['components'], found);
  }
  return found;
}

function findingAt(result: ParseResult, sourcePointer: string): ParsedFinding {
  const finding = result.findings.find((candidate) => candidate.sourcePointer === sourcePointer);
  assert.ok(finding, `no finding at ${sourcePointer}`);
  return finding;
}

describe('cyclonedxFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(cyclonedxFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(cyclonedxFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }
});

describe('cyclonedxFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`reads every vulnerability of ${file}`, () => {
      const bom = readSampleJson(FOLDER, file) as Json;
      assert.equal(parseSample(file).findings.length, expectedFindings(bom));
    });

    it(`reads every component of ${file}`, () => {
      const bom = readSampleJson(FOLDER, file) as Json;
      const purls = parseSample(file).components.map((component) => component.purl);
      assert.deepEqual(new Set(purls), expectedPurls(bom['components']));
      assert.equal(purls.length, expectedPurls(bom['components']).size);
    });
  }
});

describe('cyclonedxFormat.parse SBOM', () => {
  const result = parseSample(LARAVEL);

  it('reads licenses and names', () => {
    const component = result.components.find((entry) => entry.purl === 'pkg:composer/asm89/stack-cors@1.3.0');
    assert.ok(component);
    assert.equal(component.name, 'asm89/stack-cors');
    assert.equal(component.version, '1.3.0');
    assert.deepEqual(component.licenses, ['MIT']);
  });

  it('marks the root dependency direct', () => {
    const direct = result.components.filter((entry) => entry.direct === true).map((entry) => entry.purl);
    assert.deepEqual(direct, ['pkg:composer/laravel/laravel@v7.12.0']);
  });

  it('marks other components transitive', () => {
    const component = result.components.find((entry) => entry.purl === 'pkg:composer/asm89/stack-cors@1.3.0');
    assert.equal(component?.direct, false);
  });

  it('has no findings and no warnings', () => {
    assert.equal(result.findings.length, 0);
    assert.deepEqual(result.warnings, []);
    assert.equal(result.assetName, 'cyclonedx-php-composer-demo');
  });

  it('leaves direct null without a graph', () => {
    const bom = readSampleJson(FOLDER, LARAVEL) as Json;
    delete bom['dependencies'];
    assert.equal(parseJson(bom).components[0]?.direct, null);
  });

  it('reads nested components', () => {
    const bom = readSampleJson(FOLDER, LARAVEL) as Json;
    const first = list(bom['components'])[0];
    assert.ok(first);
    first['components'] = [{ type: 'library', name: 'inner', version: '1.0.0', purl: 'pkg:composer/acme/inner@1.0.0' }];
    const purls = parseJson(bom).components.map((component) => component.purl);
    assert.ok(purls.includes('pkg:composer/acme/inner@1.0.0'));
  });
});

describe('cyclonedxFormat.parse VEX', () => {
  const result = parseSample(VEX);
  const finding = findingAt(result, '/vulnerabilities/0/affects/0');

  it('maps the analysis to triage', () => {
    assert.deepEqual(finding.triage, {
      state: 'not_affected',
      justification: 'code_not_reachable',
      detail: 'This version of Product ABC is not affected by the vulnerability. Linux TCP/IP used and therefore not vulnerable.',
    });
  });

  it('maps severity none to info', () => {
    assert.equal(finding.severity, 'info');
    assert.equal(finding.toolSeverity, 'none');
  });

  it('prefixes a CVSSv31 vector', () => {
    assert.equal(finding.cvss[0]?.version, '3.1');
    assert.equal(finding.cvss[0]?.source, 'Example Company');
  });

  it('has no package for the product ref', () => {
    assert.equal(finding.package, null);
    assert.deepEqual(finding.vulnerabilityIds, ['CVE-2020-11896']);
  });

  it('warns once about unresolved refs', () => {
    const unresolved = result.warnings.filter((warning) => warning.location === '/vulnerabilities');
    assert.equal(unresolved.length, 1);
  });

  it('warns about the invalid vector in the sample', () => {
    const invalid = result.warnings.filter((warning) => warning.location === '/vulnerabilities/2/ratings/0/vector');
    assert.equal(invalid.length, 1);
  });

  it('names the product', () => {
    assert.equal(result.assetName, 'ABC');
  });
});

describe('cyclonedxFormat.parse Trivy SBOM', () => {
  const result = parseSample(POM);
  const finding = findingAt(result, '/vulnerabilities/0/affects/0');

  it('resolves the ref to the component purl', () => {
    assert.equal(finding.package?.purl, 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.1');
    assert.equal(finding.package?.name, 'com.fasterxml.jackson.core:jackson-databind');
  });

  it('takes the highest rating', () => {
    assert.equal(finding.severity, 'critical');
    assert.deepEqual(finding.cwes, ['CWE-502']);
    assert.equal(finding.category, 'sca');
  });

  it('reads every CVSS rating', () => {
    const vectors = finding.cvss.map((cvss) => `${cvss.source} ${cvss.vector}`);
    assert.deepEqual(vectors, [
      'nvd AV:N/AC:M/Au:N/C:P/I:P/A:P',
      'nvd CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'redhat CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
    ]);
  });

  it('adds the GHSA advisory as alias', () => {
    assert.deepEqual(finding.vulnerabilityIds, ['CVE-2020-9548', 'GHSA-p43x-xfjf-5jhr']);
  });

  it('reads the producing tool', () => {
    assert.deepEqual(result.tool, { name: 'trivy', version: 'dev' });
  });
});

describe('cyclonedxFormat.parse Trivy image SBOM', () => {
  const result = parseSample(IMAGE);

  it('maps to container', () => {
    const finding = findingAt(result, '/vulnerabilities/0/affects/0');
    assert.equal(finding.category, 'container');
    assert.equal(finding.package?.purl, 'pkg:deb/debian/libidn2-0@2.0.5-1?distro=debian-10.2');
    assert.equal(finding.location.layer, 'sha256:831c5620387fb9efec59fc82a42b948546c6be601e3ab34a87108ecf852aa15f');
    assert.equal(finding.location.imageDigest, 'sha256:5a992077baba51b97f27591a10d54d2f2723dc9c81a3fe419e261023f2554933');
  });

  it('reads the gem file path', () => {
    const finding = result.findings.find((candidate) => candidate.package?.ecosystem === 'gem');
    assert.equal(finding?.location.path, 'var/lib/gems/2.5.0/specifications/activesupport-6.0.2.1.gemspec');
  });

  it('treats packages under the OS entry as direct', () => {
    const bash = result.components.find((component) => component.name === 'bash');
    assert.equal(bash?.direct, true);
  });
});

describe('cyclonedxFormat.parse spec 1.7', () => {
  const result = parseSample(NPM);

  it('reads the jquery finding', () => {
    const finding = findingAt(result, '/vulnerabilities/0/affects/0');
    assert.equal(finding.package?.purl, 'pkg:npm/jquery@3.3.9');
    assert.equal(finding.severity, 'medium');
  });

  it('marks lock file roots direct', () => {
    const direct = result.components.filter((component) => component.direct === true).map((component) => component.name);
    assert.deepEqual(direct.sort(), ['jquery', 'promise', 'react', 'redux']);
  });
});

describe('cyclonedxFormat.parse triage states', () => {
  const cases: Array<[string, string]> = [
    ['resolved', 'fixed'],
    ['exploitable', 'affected'],
    ['in_triage', 'under_investigation'],
    ['false_positive', 'false_positive'],
  ];
  for (const [state, expected] of cases) {
    it(`maps ${state}`, () => {
      const bom = readSampleJson(FOLDER, VEX) as Json;
      const vulnerability = list(bom['vulnerabilities'])[0];
      assert.ok(vulnerability);
      vulnerability['analysis'] = { state };
      assert.equal(parseJson(bom).findings[0]?.triage?.state, expected);
    });
  }
});

describe('cyclonedxFormat.parse malformed records', () => {
  it('skips a vulnerability without id', () => {
    const bom = readSampleJson(FOLDER, POM) as Json;
    delete list(bom['vulnerabilities'])[1]?.['id'];

    const result = parseJson(bom);
    assert.equal(result.findings.length, 1);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/vulnerabilities/1']);
  });

  it('keeps a vulnerability without affects', () => {
    const bom = readSampleJson(FOLDER, POM) as Json;
    delete list(bom['vulnerabilities'])[0]?.['affects'];

    const finding = findingAt(parseJson(bom), '/vulnerabilities/0');
    assert.equal(finding.package, null);
  });

  it('skips a component without name', () => {
    const bom = readSampleJson(FOLDER, NPM) as Json;
    delete list(bom['components'])[1]?.['name'];

    const result = parseJson(bom);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/components/1']);
  });
});

describe('cyclonedxFormat.parse rejections', () => {
  it('rejects specVersion 1.1', () => {
    const bom = readSampleJson(FOLDER, VEX) as Json;
    bom['specVersion'] = '1.1';
    let rejection: unknown = null;
    try {
      parseJson(bom);
    } catch (error) {
      rejection = error;
    }
    assert.ok(rejection instanceof ReportRejectedError);
    assert.equal(rejection.code, 'unsupported_version');
    assert.match(rejection.message, /specVersion 1\.1/);
  });

  it('rejects a missing specVersion', () => {
    const bom = readSampleJson(FOLDER, VEX) as Json;
    delete bom['specVersion'];
    assert.throws(() => parseJson(bom), ReportRejectedError);
  });
});
