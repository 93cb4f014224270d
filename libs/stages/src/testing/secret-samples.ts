import { sampleFiles, samplePath } from '@sieve/testing';
import { readFileSync } from 'node:fs';

/** One sample report of a secret scanner, with the secrets read from its own structure. */
export interface SecretSample {
  folder: string;
  file: string;
  bytes: Buffer;
  /** Records that report a secret, whether or not the tool left its value in the file. */
  secretRecords: number;
  /** Secret values as the file contains them, decoded where the format encodes them. */
  values: string[];
}

// Lower-cased SARIF driver names of secret scanners.
const SECRET_DRIVERS = ['gitleaks', 'trufflehog', 'detect-secrets', 'ggshield', 'secretlint'];
// GitLab analyzers that report secrets inside SAST and secret detection reports.
const GITLAB_SECRET_SCANNERS = new Set(['gitleaks', 'trufflehog', 'secret_detection']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Reading = Pick<SecretSample, 'secretRecords' | 'values'>;

/**
 * Reads every sample of every secret-bearing format. Files whose structure
 * holds no secret record (a SARIF log of a code scanner, a Trivy report
 * without `Secrets`) are left out.
 */
export function secretSamples(): SecretSample[] {
  const readers: Record<string, (text: string) => Reading> = {
    'gitleaks-json': readGitleaks,
    'trufflehog-jsonl': readTrufflehog,
    'trivy-json': readTrivy,
    'gitlab-sast': readGitlab,
    sarif: readSarif,
  };
  const samples: SecretSample[] = [];
  for (const [folder, read] of Object.entries(readers)) {
    for (const file of sampleFiles(folder)) {
      const bytes = readFileSync(samplePath(folder, file));
      const reading = read(bytes.toString('utf8').replace(/^\uFEFF/, ''));
      if (reading.secretRecords > 0) {
        samples.push({ folder, file, bytes, ...reading });
      }
    }
  }
  return samples;
}

// Gitleaks 8 writes `Secret` and the text around it as `Match`, and Gitleaks 7
// writes the secret as `offender`. Its `line` is the source line, which is
// context, so it is not a secret value.
function readGitleaks(text: string): Reading {
  const leaks = parseJson(text);
  const list = Array.isArray(leaks) ? leaks : [];
  const values = list.flatMap((leak) => [stringAt(leak, 'Secret'), stringAt(leak, 'Match'), stringAt(leak, 'offender')]);
  return { secretRecords: list.length, values: present(values) };
}

// TruffleHog 3 writes one JSON object per line. `Raw` and `RawV2` are Go byte
// slices, so early releases write them in base64. Both the written and the
// decoded form count as the secret.
function readTrufflehog(text: string): Reading {
  const records = text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map(parseJson);
  const values = records.flatMap((record) => [stringAt(record, 'Raw'), stringAt(record, 'RawV2')]).flatMap((value) => (value === null ? [] : [value, ...base64Text(value)]));
  return { secretRecords: records.length, values: present(values) };
}

// Trivy masks each secret with asterisks in `Match` and in the code lines
// around it. An unmasked match (no asterisk) is the secret itself.
function readTrivy(text: string): Reading {
  const results = arrayAt(parseJson(text), 'Results');
  const secrets = results.flatMap((result) => arrayAt(result, 'Secrets'));
  const matches = secrets.map((secret) => stringAt(secret, 'Match'));
  const causeLines = secrets.flatMap((secret) => arrayAt(objectAt(secret, 'Code'), 'Lines').filter((line) => objectAt(line, 'IsCause') === true)).map((line) => stringAt(line, 'Content'));
  const unmasked = [...matches, ...causeLines].filter((value) => value !== null && !value.includes('*'));
  return { secretRecords: secrets.length, values: present(unmasked) };
}

// GitLab secret detection (and SAST reports merged with its analyzers) keeps
// the secret in `raw_source_code_extract` when the analyzer writes it.
function readGitlab(text: string): Reading {
  const vulnerabilities = arrayAt(parseJson(text), 'vulnerabilities').filter((vulnerability) => {
    const scanner = stringAt(objectAt(vulnerability, 'scanner'), 'id');
    return stringAt(vulnerability, 'category') === 'secret_detection' || (scanner !== null && GITLAB_SECRET_SCANNERS.has(scanner));
  });
  const values = vulnerabilities.map((vulnerability) => stringAt(vulnerability, 'raw_source_code_extract'));
  return { secretRecords: vulnerabilities.length, values: present(values) };
}

// SARIF from secret scanners: Gitleaks 7 puts the secret in
// `properties.offender`, others in `properties.secret`, and Gitleaks 8 in the
// region snippet.
function readSarif(text: string): Reading {
  const runs = arrayAt(parseJson(text), 'runs').filter((run) => {
    const driver = (stringAt(objectAt(objectAt(run, 'tool'), 'driver'), 'name') ?? '').toLowerCase();
    return SECRET_DRIVERS.some((name) => driver.includes(name));
  });
  const results = runs.flatMap((run) => arrayAt(run, 'results'));
  const values = results.flatMap((result) => {
    const properties = objectAt(result, 'properties');
    const snippets = arrayAt(result, 'locations').map((location) => stringAt(objectAt(objectAt(objectAt(location, 'physicalLocation'), 'region'), 'snippet'), 'text'));
    return [stringAt(properties, 'secret'), stringAt(properties, 'offender'), ...snippets];
  });
  return { secretRecords: results.length, values: present(values) };
}

function parseJson(text: string): Json {
  return JSON.parse(text) as Json;
}

function objectAt(value: Json | undefined, key: string): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
}

function stringAt(value: Json | undefined, key: string): string | null {
  const found = objectAt(value, key);
  return typeof found === 'string' ? found : null;
}

function arrayAt(value: Json | undefined, key: string): Json[] {
  const found = objectAt(value, key);
  return Array.isArray(found) ? found : [];
}

// Only canonical base64 of valid UTF-8 text counts as encoded.
function base64Text(value: string): string[] {
  const bytes = Buffer.from(value, 'base64');
  if (value.length === 0 || bytes.toString('base64') !== value) {
    return [];
  }
  try {
    return [new TextDecoder('utf-8', { fatal: true }).decode(bytes)];
  } catch {
    return [];
  }
}

function present(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null && value.trim().length > 0))];
}
