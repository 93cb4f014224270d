import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { packageIdentity, parsePurl, versionForIdentity } from '@sieve/domain';
import { readSample } from '@sieve/testing';
import { ReportInput } from '../../report-input.js';
import { grypeFormat } from '../grype/grype.parser.js';
import { trivyFormat } from './trivy.parser.js';

// Trivy's legacy array and Grype 0.7 both scanned Debian 10 images and report
// the same CVEs on the same binary packages. Trivy's purl is built by Sieve
// (distro qualifier), Grype's comes from the report (arch qualifier).
const trivy = trivyFormat.parse(new ReportInput(readSample('trivy-json', 'trivy-legacy-array_debian-10.8_93-vulns.json')));
const grype = grypeFormat.parse(new ReportInput(readSample('grype-json', 'grype-0.7.0_image_defectdojo-django-1.13.1_327-matches.json')));

function debFinding(findings: ParsedFinding[], name: string, vulnerabilityId: string): ParsedFinding {
  const finding = findings.find((candidate) => candidate.package?.ecosystem === 'deb' && candidate.package.name === name && candidate.vulnerabilityIds[0] === vulnerabilityId);
  assert.ok(finding, `no ${name} finding for ${vulnerabilityId}`);
  return finding;
}

/** The identity deduplication compares: purl without version or qualifiers, and the version without epoch. */
function identity(finding: ParsedFinding): string {
  const pkg = finding.package;
  assert.ok(pkg);
  return `${packageIdentity(pkg.purl)} ${versionForIdentity(pkg.ecosystem, pkg.version ?? '')}`;
}

function withoutQualifiers(purl: string): string {
  const parts = parsePurl(purl);
  assert.ok(parts, `invalid purl ${purl}`);
  return `${parts.type}/${parts.namespace}/${parts.name}@${parts.version}`;
}

describe('Trivy and Grype Debian packages', () => {
  it('share the libc6 identity', () => {
    const fromTrivy = debFinding(trivy.findings, 'libc6', 'CVE-2019-25013');
    const fromGrype = debFinding(grype.findings, 'libc6', 'CVE-2019-25013');
    assert.equal(identity(fromTrivy), 'pkg:deb/debian/libc6 2.28-10');
    assert.equal(identity(fromGrype), identity(fromTrivy));
  });

  it('share the libgcc1 identity despite the epoch', () => {
    const fromTrivy = debFinding(trivy.findings, 'libgcc1', 'CVE-2018-12886');
    const fromGrype = debFinding(grype.findings, 'libgcc1', 'CVE-2018-12886');
    assert.equal(fromTrivy.package?.version, '8.3.0-6');
    assert.equal(fromGrype.package?.version, '1:8.3.0-6');
    assert.equal(identity(fromGrype), identity(fromTrivy));
  });

  it('differ only in qualifiers for equal versions', () => {
    const grypePurls = new Map<string, string>();
    for (const finding of grype.findings) {
      if (finding.package?.ecosystem === 'deb') {
        grypePurls.set(`${finding.package.name} ${finding.package.version}`, finding.package.purl);
      }
    }

    let compared = 0;
    for (const finding of trivy.findings) {
      const grypePurl = grypePurls.get(`${finding.package?.name} ${finding.package?.version}`);
      if (finding.package && grypePurl !== undefined) {
        assert.equal(withoutQualifiers(finding.package.purl), withoutQualifiers(grypePurl), `${finding.package.name} ${finding.package.version}`);
        compared += 1;
      }
    }
    assert.ok(compared >= 68, `only ${compared} packages in both reports`);
  });
});
