import { createHash } from 'node:crypto';
import { readSampleJson } from '@sieve/testing';
import type { SecretSample } from './secret-samples.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const FOLDER = 'trivy-json';
const FS_MIXED = 'trivy_fs_vulns-misconfig-secrets_schema2.json';
const JUICE_SHOP = 'trivy_image_juice-shop-v12.10.2_os-node-secrets.json';
const KEY_OVER_LINES_TARGET = '/juice-shop/lib/insecurity.js';

// Trivy masks with a fixed "*****" in the Match of older releases, and with
// one asterisk per byte of the secret in later ones and in the code lines.
const MASK = /\*{5,}/g;

/**
 * Builds Trivy reports from the samples with secrets Trivy did not mask: each
 * masked run in `Match` and in the code lines becomes an invented value, made
 * up here and never a real credential. The third report also lays a private
 * key over several lines the way Trivy reports such a key, and puts a
 * comment with asterisks on the line of the JWT.
 */
export function unmaskedTrivySamples(): SecretSample[] {
  return [unmaskedSample(FS_MIXED), unmaskedSample(JUICE_SHOP), keyOverLinesSample()];
}

function unmaskedSample(file: string): SecretSample {
  const report = readSampleJson(FOLDER, file) as Json;
  const values = secretRecords(report).map((record, index) => {
    const value = inventedSecret(`${file} ${index}`);
    unmaskRecord(record, value);
    return value;
  });
  return toSample(`${file} (unmasked)`, report, values);
}

// Starts from the Juice Shop report. The key record of
// /juice-shop/lib/insecurity.js becomes one whose key spans lines, and the JWT
// line gets a block comment, so that line holds asterisks that are no mask.
function keyOverLinesSample(): SecretSample {
  const report = readSampleJson(FOLDER, JUICE_SHOP) as Json;
  const values: string[] = [];
  for (const result of objects(objectOf(report)['Results'])) {
    for (const [index, record] of objects(result['Secrets']).entries()) {
      const label = `${JUICE_SHOP} over lines ${String(result['Target'])} ${index}`;
      if (result['Target'] === KEY_OVER_LINES_TARGET) {
        const keyLines = [1, 2, 3, 4].map((line) => inventedSecret(`${label} ${line}`));
        spreadKeyOverLines(record, keyLines);
        values.push(keyLines.join('\n'));
        continue;
      }
      const value = inventedSecret(label);
      unmaskRecord(record, value);
      if (record['RuleID'] === 'jwt-token') {
        appendToCause(record, ' /* token of the test user */');
      }
      values.push(value);
    }
  }
  return toSample(`${JUICE_SHOP} (key over lines)`, report, values);
}

// Trivy reports a private key from the first line of its body to the last:
// Match is that first line, and each line of the body is a cause line.
function spreadKeyOverLines(record: JsonObject, keyLines: string[]): void {
  const startLine = record['StartLine'] as number;
  const before = ['const privateKey = `', '-----BEGIN RSA PRIVATE KEY-----'];
  const after = ['-----END RSA PRIVATE KEY-----`', ''];
  const lines = [...before, ...keyLines, ...after].map((content, offset) => {
    const number = startLine - before.length + offset;
    const isCause = number >= startLine && number < startLine + keyLines.length;
    return { Number: number, Content: content, IsCause: isCause, Annotation: '', Truncated: false, Highlighted: content, FirstCause: number === startLine, LastCause: number === startLine + keyLines.length - 1 };
  });
  record['EndLine'] = startLine + keyLines.length - 1;
  record['Match'] = keyLines[0]!;
  record['Code'] = { Lines: lines };
}

function unmaskRecord(record: JsonObject, value: string): void {
  record['Match'] = String(record['Match']).replace(MASK, value);
  for (const line of codeLines(record)) {
    for (const key of ['Content', 'Highlighted']) {
      const text = line[key];
      if (typeof text === 'string') line[key] = text.replace(MASK, value);
    }
  }
}

function appendToCause(record: JsonObject, text: string): void {
  record['Match'] = `${String(record['Match'])}${text}`;
  for (const line of codeLines(record).filter((codeLine) => codeLine['IsCause'] === true)) {
    line['Content'] = `${String(line['Content'])}${text}`;
    line['Highlighted'] = `${String(line['Highlighted'])}${text}`;
  }
}

/** Makes up a secret of 43 base64 characters from a hash of the label. */
function inventedSecret(label: string): string {
  return createHash('sha256').update(`sieve invented secret: ${label}`).digest('base64').replace(/[+/=]/g, 'x').slice(0, 43);
}

function toSample(file: string, report: Json, values: string[]): SecretSample {
  return { folder: FOLDER, file, bytes: Buffer.from(JSON.stringify(report, null, 2)), secretRecords: values.length, values };
}

function secretRecords(report: Json): JsonObject[] {
  return objects(objectOf(report)['Results']).flatMap((result) => objects(result['Secrets']));
}

function codeLines(record: JsonObject): JsonObject[] {
  return objects(objectOf(record['Code'])['Lines']);
}

function objects(value: Json | undefined): JsonObject[] {
  return Array.isArray(value) ? value.map(objectOf) : [];
}

function objectOf(value: Json | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
