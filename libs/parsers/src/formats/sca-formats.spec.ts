import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readSample, sampleFiles, samplesDir } from '@sieve/testing';
import { ReportInput } from '../report-input.js';
import { SCA_FORMATS } from './sca-formats.js';

// Sample folders whose reports this group reads, by format id.
const OWN_FOLDERS = new Map<string, string>([
  ['snyk-json', 'snyk'],
  ['yarn-audit', 'yarn-audit'],
  ['osv-scanner-json', 'osv-scanner'],
  ['pip-audit-json', 'pip-audit'],
  ['govulncheck-json', 'govulncheck'],
  ['dependency-track-json', 'dependency-track'],
  ['github-dependabot-alerts-graphql', 'github-dependabot'],
  ['gitlab-dependency-scanning', 'gitlab-dependency-scanning'],
  ['gitlab-container-scanning', 'gitlab-container-scanning'],
  ['spdx-json', 'spdx'],
  ['openvex-json', 'openvex'],
]);

function sampleFolders(): string[] {
  return readdirSync(samplesDir())
    .filter((name) => statSync(join(samplesDir(), name)).isDirectory())
    .sort();
}

function claimsOf(folder: string, file: string): string[] {
  const input = new ReportInput(readSample(folder, file));
  return SCA_FORMATS.filter((format) => format.detect(input)).map((format) => format.id);
}

// The group is detected before the code and DAST groups, so a loose detector
// here would take their reports. Every sample of the corpus is checked.
describe('SCA_FORMATS detection', () => {
  for (const folder of sampleFolders()) {
    const own = OWN_FOLDERS.get(folder);
    for (const file of sampleFiles(folder)) {
      if (own === undefined) {
        it(`claims nothing of ${folder}/${file}`, () => {
          assert.deepEqual(claimsOf(folder, file), []);
        });
      } else if (readSample(folder, file).length > 0) {
        it(`only ${own} claims ${folder}/${file}`, () => {
          assert.deepEqual(claimsOf(folder, file), [own]);
        });
      }
    }
  }

  it('lists every format of the group once', () => {
    assert.deepEqual(SCA_FORMATS.map((format) => format.id).sort(), [...new Set(OWN_FOLDERS.values())].sort());
  });
});
