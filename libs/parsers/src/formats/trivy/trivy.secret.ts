import type { ParsedFinding } from '@sieve/contracts';
import { isRedactionMarker, normalizeRepoPath, secretRef, snippetHash } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { field, int, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { TrivyTarget } from './trivy.context.js';
import { trivySeverity } from './trivy.severity.js';

/**
 * Reads one entry of Results[].Secrets. Trivy masks the secret inside Match
 * with asterisks, so the hash is usually that of the masked line. A Match
 * without any asterisk is taken as unmasked: it goes to secretValues so the
 * stored report gets redacted, and no text of this finding repeats it. Such a
 * match, and the redaction marker that replaces it in the stored copy, get no
 * snippet hash, so parsing either copy gives the same finding.
 */
export function secretFinding(record: unknown, index: number, target: TrivyTarget): ParsedFinding | null {
  const location = pointer(target.pointer, 'Secrets', index);
  const ruleId = str(field(record, 'RuleID'));
  if (!isObject(record) || ruleId === null) {
    target.scan.warnings.push({ message: 'secret without a RuleID skipped', location });
    return null;
  }

  const rawMatch = field(record, 'Match');
  const match = typeof rawMatch === 'string' && rawMatch.trim().length > 0 ? rawMatch : null;
  const isMasked = match !== null && match.includes('*') && !isRedactionMarker(match);
  if (match !== null && !match.includes('*')) {
    target.scan.secretValues.push(match);
  }
  const toolSeverity = str(field(record, 'Severity'));
  const layer = field(record, 'Layer');

  return buildFinding({
    tool: target.scan.tool,
    category: 'secret',
    title: str(field(record, 'Title')) ?? ruleId,
    ruleId,
    severity: trivySeverity(toolSeverity),
    toolSeverity,
    secret: match === null ? null : secretRef(match),
    location: {
      path: target.target === null ? null : normalizeRepoPath(target.target),
      startLine: int(field(record, 'StartLine')),
      endLine: int(field(record, 'EndLine')),
      snippetHash: isMasked ? snippetHash(match) : null,
      image: target.scan.image,
      imageDigest: target.scan.imageDigest,
      layer: str(field(layer, 'DiffID')) ?? str(field(layer, 'Digest')),
    },
    sourcePointer: location,
  });
}
