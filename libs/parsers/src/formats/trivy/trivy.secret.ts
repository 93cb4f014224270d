import type { ParsedFinding } from '@sieve/contracts';
import { isRedactionMarker, normalizeRepoPath, secretRef, snippetHash } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, int, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { TrivyTarget } from './trivy.context.js';
import { trivySeverity } from './trivy.severity.js';

// Trivy masks a secret with a run of asterisks: older releases write a fixed
// "*****" in Match, later ones one asterisk per byte of the secret. A shorter
// run is ordinary text, such as a block comment or a glob.
const MASK = /\*{5,}/;

// A cause line shorter than this is not redacted, because short lines such as
// "}" or "true" also occur as JSON syntax, and replacing them would break the
// stored report.
// NOTE: a last line of fewer characters of a secret over lines therefore stays.
const MIN_CAUSE_LINE_CHARS = 8;

/**
 * Reads one entry of Results[].Secrets. Trivy masks the secret inside Match
 * with asterisks, so the hash is usually that of the masked line. A Match
 * without a run of asterisks is taken as unmasked: it goes to secretValues so
 * the stored report gets redacted, and no text of this finding repeats it.
 * Such a match, and the redaction marker that replaces it in the stored copy,
 * get no snippet hash, so parsing either copy gives the same finding. Unmasked
 * cause lines of Code go to secretValues as well, because a secret that spans
 * lines shows only its first line in Match.
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
  const isMasked = match !== null && MASK.test(match) && !isRedactionMarker(match);
  if (match !== null && !isMasked && !isRedactionMarker(match)) {
    target.scan.secretValues.push(match);
  }
  target.scan.secretValues.push(...unmaskedCauseLines(record, match, isMasked));
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

// Older Trivy releases masked a secret in each code line on its own, so the
// lines of a secret that spans lines stay unmasked in Code. A cause line that
// a masked Match contains whole is not part of the secret, since Trivy masked
// the secret there, and redacting it would change that Match in the stored copy.
function unmaskedCauseLines(record: unknown, match: string | null, isMasked: boolean): string[] {
  const causeLines = arr(field(field(record, 'Code'), 'Lines')).filter((line) => field(line, 'IsCause') === true);
  const texts = causeLines.flatMap((line) => [str(field(line, 'Content')), str(field(line, 'Highlighted'))]);
  const isSecretLine = (text: string | null): text is string => {
    if (text === null || text === match || text.length < MIN_CAUSE_LINE_CHARS || MASK.test(text) || isRedactionMarker(text)) {
      return false;
    }
    return !(isMasked && match !== null && match.includes(text));
  };
  return [...new Set(texts.filter(isSecretLine))];
}
