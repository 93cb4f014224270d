import type { ParsedFinding, Tool } from '@sieve/contracts';
import { imageName, normalizeRepoPath, redactSecrets, secretRef } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { entries, field, int, str, type JsonObject } from '../../json-access.js';
import { readSecret } from './trufflehog.secret.js';

export interface TrufflehogReading {
  finding: ParsedFinding;
  /** Every form of the secret in the record, for redaction of the stored report. */
  secretValues: string[];
  /** The repository the source names, without a trailing ".git", or null. */
  repository: string | null;
}

/**
 * Maps one TruffleHog 3 result. The source metadata sits under one key named
 * after the source type (Git, Github, Gitlab, Filesystem, Docker, S3 and
 * others). Its file, line, commit, repository, link, image and layer are read
 * whatever the source. The secret becomes a SecretRef, and title and
 * description pass through redaction. Author, e-mail, timestamp, ExtraData and
 * StructuredData are not kept.
 */
export function readTrufflehogRecord(record: JsonObject, detector: string, tool: Tool, at: string): TrufflehogReading {
  const secret = readSecret(record);
  const redact = (text: string): string => redactSecrets(text, secret.redactionValues);

  const source = sourceData(record);
  const file = str(field(source, 'file'));
  const path = file === null ? null : normalizeRepoPath(file);
  const line = int(field(source, 'line'));
  const image = str(field(source, 'image'));
  const link = str(field(source, 'link'));

  const finding = buildFinding({
    tool,
    category: 'secret',
    title: redact(path === null ? `${detector} secret` : `${detector} secret in ${path}`),
    description: redact(describe(record, detector, source)),
    ruleId: detector,
    location: {
      path,
      startLine: line,
      endLine: line,
      image: image === null ? null : imageName(image),
      layer: str(field(source, 'layer')),
    },
    secret: secret.value === null ? null : secretRef(secret.value),
    references: link === null ? [] : [redact(link)],
    sourcePointer: at,
  });

  const repository = str(field(source, 'repository'));
  return {
    finding,
    secretValues: secret.redactionValues,
    repository: repository === null ? null : repository.replace(/\/+$/, '').replace(/\.git$/, ''),
  };
}

/** Returns the object under SourceMetadata.Data, whatever source type names it. */
function sourceData(record: JsonObject): unknown {
  const [first] = entries(field(field(record, 'SourceMetadata'), 'Data'));
  return first?.[1];
}

// The verification result goes into the description only: it changes when a
// key is revoked, and the same secret stays the same finding.
function describe(record: JsonObject, detector: string, source: unknown): string {
  const verified = field(record, 'Verified');
  const verificationError = str(field(record, 'VerificationError'));
  const commit = str(field(source, 'commit'));
  return [
    str(field(record, 'DetectorDescription')),
    `Found by TruffleHog detector ${detector}${sourceName(record)}.`,
    verified === true ? 'Verified: yes, the secret was accepted by its service.' : verified === false ? 'Verified: no.' : null,
    verificationError === null ? null : `Verification error: ${verificationError}.`,
    commit === null ? null : `Commit: ${commit}.`,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}

function sourceName(record: JsonObject): string {
  const name = str(field(record, 'SourceName'));
  return name === null ? '' : ` (source: ${name})`;
}
