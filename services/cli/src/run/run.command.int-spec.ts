import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import { openDatabase } from '@sieve/persistence';
import { readSampleJson, sampleFiles, samplePath } from '@sieve/testing';
import { runSieve, runSieveJson } from '@sieve/testing';

const FORMAT_FOLDERS = ['sarif', 'trivy-json', 'grype-json', 'semgrep-json', 'gitleaks-json', 'npm-audit-json', 'cyclonedx-json'];

const scratch = mkdtempSync(join(tmpdir(), 'sieve-cli-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('sieve run on the sample reports', () => {
  it('reads or clearly rejects every file of the seven formats', () => {
    const paths = FORMAT_FOLDERS.flatMap((folder) => sampleFiles(folder).map((file) => samplePath(folder, file)));
    const run = runSieveJson(paths);
    assert.equal(run.output.inputs.length, paths.length);
    for (const input of run.output.inputs) {
      assert.ok(input['status'] === 'parsed' || input['status'] === 'rejected', `${input['path']} has status ${input['status']}`);
      if (input['status'] === 'rejected') {
        assert.ok(String(input['error']).startsWith(`${input['path']}: `), `error of ${input['path']} does not name the file: ${input['error']}`);
      } else {
        assert.equal(input['error'], null);
        assert.ok(typeof input['format'] === 'string', `${input['path']} has no detected format`);
      }
    }
    const rejected = run.output.inputs.filter((input) => input['status'] === 'rejected').map((input) => String(input['path']).split('/').pop());
    assert.deepEqual(rejected.sort(), ['gitleaks-8_empty.json', 'gitleaks_no-findings_literal-null.json', 'npm-audit_error-ENOAUDIT.json']);
    assert.equal(run.status, 1);
  });

  it('merges the Trivy and Grype sightings of one Debian package', () => {
    const run = runSieveJson([
      '--asset',
      'debian-host',
      samplePath('trivy-json', 'trivy-legacy-array_debian-10.8_93-vulns.json'),
      samplePath('grype-json', 'grype-0.7.0_image_defectdojo-django-1.13.1_327-matches.json'),
    ]);
    assert.equal(run.status, 0);
    const libc = run.output.findings.filter((f) => f['vulnerabilityIds'].includes('CVE-2019-25013') && String(f['package']).startsWith('pkg:deb/debian/libc6@'));
    assert.equal(libc.length, 1);
    assert.deepEqual(libc[0]!['evidence'].map((e: { tool: string }) => e.tool.toLowerCase()).sort(), ['grype', 'trivy']);
  });

  it('keeps a different Debian revision apart', () => {
    const run = runSieveJson([
      '--asset',
      'debian-host',
      samplePath('trivy-json', 'trivy-legacy-array_debian-10.8_93-vulns.json'),
      samplePath('grype-json', 'grype-0.7.0_image_defectdojo-django-1.13.1_327-matches.json'),
    ]);
    const systemd = run.output.findings.filter((f) => String(f['package']).startsWith('pkg:deb/debian/libsystemd0@'));
    const versions = new Set(systemd.map((f) => String(f['package']).split('@')[1]!.split('?')[0]));
    assert.ok(versions.size >= 2, `expected two libsystemd0 revisions, saw ${[...versions].join(', ')}`);
    for (const finding of systemd) {
      const tools = new Set(finding['evidence'].map((e: { tool: string }) => e.tool.toLowerCase()));
      assert.equal(tools.size, 1, `${finding['package']} ${finding['vulnerabilityIds'][0]} merged two revisions`);
    }
  });
});

describe('sieve run with --db', () => {
  it('creates nothing new on a second run and keeps every id', () => {
    const db = join(scratch, 'rescan-db');
    const reports = [samplePath('semgrep-json', 'semgrep-legacy_48-findings_no-version.json'), samplePath('trivy-json', 'trivy_image_juice-shop-v12.10.2_os-node-secrets.json')];
    const first = runSieveJson(['--db', db, ...reports]);
    const second = runSieveJson(['--db', db, ...reports]);
    assert.equal(first.status, 0);
    assert.ok(first.output.findings.length > 0);
    assert.deepEqual(second.output.findings.map((f) => f['id']).sort(), first.output.findings.map((f) => f['id']).sort());
    assert.deepEqual(second.output.inputs.map((input) => input['duplicate']), [true, true]);
  });
});

describe('sieve run on a report it rejected before', () => {
  it('reads it again with another --tool', () => {
    const db = join(scratch, 'retry-db');
    const report = samplePath('trivy-json', 'trivy-dev_image_alpine-3.10_schema2_4-vulns.json');

    const wrong = runSieveJson(['--db', db, '--tool', 'grype', report]);
    assert.equal(wrong.status, 1);
    assert.equal(wrong.output.inputs[0]?.['status'], 'rejected');

    const right = runSieveJson(['--db', db, report]);
    assert.equal(right.status, 0, right.stderr);
    assert.equal(right.output.inputs[0]?.['status'], 'parsed');
    assert.ok(right.output.findings.length > 0);
  });
});

describe('sieve run on bad input', () => {
  it('rejects each bad file by name and still reads the good one', () => {
    const dir = join(scratch, 'bad');
    const good = samplePath('semgrep-json', 'semgrep-1.30.0_go_5-findings.json');
    const truncated = readFileSync(good, 'utf8').slice(0, 500);
    const files: Record<string, string | Buffer> = {
      'truncated.json': truncated,
      'empty.json': '',
      'unknown.json': JSON.stringify({ hello: 'world', items: [1, 2, 3] }),
      'binary.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0xff]),
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(scratch, name), content);
    const run = runSieveJson([good, ...Object.keys(files).map((name) => join(scratch, name))]);
    assert.equal(run.status, 1);
    const byName = new Map(run.output.inputs.map((input) => [String(input['path']).split('/').pop(), input]));
    assert.equal(byName.get('semgrep-1.30.0_go_5-findings.json')?.['status'], 'parsed');
    assert.match(String(byName.get('truncated.json')?.['error']), /truncated\.json: JSON ends unexpectedly .*\(at line \d+, column \d+\)/);
    assert.match(String(byName.get('empty.json')?.['error']), /empty\.json: file is empty/);
    assert.match(String(byName.get('unknown.json')?.['error']), /unknown\.json: valid JSON, but not a report of any supported format/);
    assert.match(String(byName.get('binary.bin')?.['error']), /binary\.bin: file is binary/);
    assert.ok(run.output.findings.length > 0);
    void dir;
  });

  it('exits 2 on a usage error', () => {
    const run = runSieve(['run', '--format', 'yaml', samplePath('semgrep-json', 'semgrep_empty.json')]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--format yaml is not supported/);
  });

  it('exits 2 before the run when the --out folder is missing', () => {
    const out = join(scratch, 'no-such-folder', 'queue.csv');
    const run = runSieve(['run', '--out', out, samplePath('semgrep-json', 'semgrep_empty.json')]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--out .*queue\.csv: folder .*no-such-folder does not exist/);
  });

  it('exits 2 on a close-after of zero', () => {
    const run = runSieve(['run', '--close-after', '0', samplePath('semgrep-json', 'semgrep_empty.json')]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--close-after 0/);
  });

  it('exits 2 on a missing input', () => {
    const run = runSieve(['run', join(scratch, 'no-such-file.json')]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /input not found/);
  });
});

describe('sieve run with secret scanner reports', () => {
  it('stores and prints no secret value', async () => {
    const db = join(scratch, 'secrets-db');
    const reports = [
      ...sampleFiles('gitleaks-json').map((file) => samplePath('gitleaks-json', file)),
      samplePath('sarif', 'gitleaks-7.4.0_defectdojo-repo.sarif'),
      samplePath('sarif', 'gitleaks-8_simple_dangling-ruleId.sarif'),
    ];
    const run = runSieveJson(['--db', db, ...reports]);
    const secrets = new Set<string>();
    for (const file of ['gitleaks-7.5_legacy-schema_8-leaks.json', 'gitleaks-8_4-leaks.json', 'gitleaks-8_simple.json']) {
      for (const leak of readSampleJson('gitleaks-json', file) as Array<Record<string, string>>) {
        secrets.add(leak['Secret'] ?? leak['offender']!);
      }
    }
    assert.ok(run.output.findings.some((f) => f['category'] === 'secret'));

    const dataSource = await openDatabase({ kind: 'embedded', dataDir: db });
    const stored: string[] = [];
    try {
      for (const table of ['findings', 'evidences', 'finding_events', 'reports', 'finding_keys', 'assets']) {
        const rows = await dataSource.query(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
        stored.push(...rows.map((r: { row: string }) => r.row));
      }
      const blobs = await dataSource.query(`SELECT content_gzip FROM report_chunks`);
      stored.push(...blobs.map((b: { content_gzip: Uint8Array }) => gunzipSync(Buffer.from(b.content_gzip)).toString('utf8')));
    } finally {
      await dataSource.destroy();
    }
    const files = listFiles(db).map((path) => readFileSync(path).toString('latin1'));

    for (const secret of secrets) {
      assert.equal(run.stdout.includes(secret), false, `output contains secret ${secret.slice(0, 4)}…`);
      assert.equal(stored.some((text) => text.includes(secret)), false, `database rows contain secret ${secret.slice(0, 4)}…`);
      assert.equal(files.some((text) => text.includes(secret)), false, `database files contain secret ${secret.slice(0, 4)}…`);
    }
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
