import type { FindingCategory, ParsedFinding, Tool } from '@sieve/contracts';
import { isRedactionMarker, redactSecrets, secretRef, snippetHash } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { field, str, type JsonObject } from '../../json-access.js';
import type { ParseWarning } from '../../report-format.js';
import { producerCategory, trivyCategory, type ProducerKind } from './sarif.category.js';
import { readCvss } from './sarif.cvss.js';
import { readFingerprint } from './sarif.fingerprint.js';
import { readPackage } from './sarif.package.js';
import { cweReferences, vulnerabilityIdOfRule, vulnerabilityIdsInTags } from './sarif.ids.js';
import { grypeImageLocation, type ImageReference } from './sarif.image.js';
import { readResultLocation, type ResultLocation, type UriContext } from './sarif.location.js';
import { firstLine, messageText } from './sarif.message.js';
import type { RuleIndex } from './sarif.rules.js';
import { readSecretValue } from './sarif.secret.js';
import { readSeverity } from './sarif.severity.js';
import { readSuppression } from './sarif.triage.js';

/** Data shared by every result of one run. */
export interface RunContext {
  run: JsonObject;
  tool: Tool;
  producer: ProducerKind;
  image: ImageReference | null;
  rules: RuleIndex;
  uris: UriContext;
}

export interface ResultReading {
  finding: ParsedFinding;
  /** The raw secret, or null when the result gives none or holds only a redaction marker. */
  secretValue: string | null;
}

interface Placement {
  category: FindingCategory;
  location: ResultLocation;
  image: ImageReference | null;
}

/** Maps one SARIF result to a finding; `at` is the result's JSON pointer. */
export function readResult(result: JsonObject, at: string, context: RunContext, warnings: ParseWarning[]): ResultReading {
  const message = field(result, 'message');
  const rule = context.rules.find(result, str(field(message, 'text')));
  const text = messageText(message, rule);
  const ruleId = str(field(result, 'ruleId')) ?? str(field(field(result, 'rule'), 'id')) ?? str(field(rule, 'id'));
  const ruleProperties = field(rule, 'properties');
  const resultProperties = field(result, 'properties');

  const { category, location, image } = placeResult(result, rule, context);

  const secretValue = category === 'secret' ? readSecretValue(result, location.snippet) : null;
  let snippet = location.snippet;
  if (snippet !== null && category === 'secret') {
    snippet = redactSecret(snippet, secretValue);
  }
  const title = resultTitle(rule, ruleId, text, category);

  const primaryId = vulnerabilityIdOfRule(ruleId);
  const helpUri = str(field(rule, 'helpUri'));
  const { severity, toolSeverity } = readSeverity(result, rule);

  const finding = buildFinding({
    tool: context.tool,
    category,
    title: redactSecret(title, secretValue),
    description: text === null ? null : redactSecret(text, secretValue),
    ruleId,
    fingerprint: readFingerprint(result),
    cwes: cweReferences(result, rule, context.run),
    vulnerabilityIds: primaryId === null ? [] : [primaryId],
    aliases: vulnerabilityIdsInTags(ruleProperties, resultProperties),
    severity,
    toolSeverity,
    cvss: readCvss(at, warnings, resultProperties, ruleProperties),
    package: category === 'sca' || category === 'container' ? readPackage(context.producer, text) : null,
    location: {
      path: location.path,
      url: location.url,
      startLine: location.startLine,
      endLine: location.endLine,
      snippetHash: snippetHash(snippet),
      image: image?.image ?? null,
      imageDigest: image?.imageDigest ?? null,
    },
    secret: secretValue === null ? null : secretRef(secretValue),
    triage: readSuppression(result),
    references: helpUri === null ? [] : [helpUri],
    sourcePointer: at,
  });
  return { finding, secretValue: secretValue === null || isRedactionMarker(secretValue) ? null : secretValue };
}

// A plain function rather than a closure per result: the hot path creates no function objects.
function redactSecret(value: string, secretValue: string | null): string {
  return secretValue === null ? value : redactSecrets(value, [secretValue]);
}

/**
 * Picks the rule's short description, else the first line of the message. Secret
 * scanners name the rule before the message, because Gitleaks messages carry
 * the commit id and would give one leaked value a new title in every commit.
 */
function resultTitle(rule: JsonObject | null, ruleId: string | null, text: string | null, category: FindingCategory): string {
  const shortDescription = firstLine(str(field(field(rule, 'shortDescription'), 'text')));
  if (category === 'secret') {
    return shortDescription ?? str(field(rule, 'name')) ?? ruleId ?? firstLine(text) ?? '(untitled)';
  }
  return shortDescription ?? firstLine(text) ?? ruleId ?? '(untitled)';
}

/** Decides the category of a result and where it is: a file, or a package in an image. */
function placeResult(result: JsonObject, rule: JsonObject | null, context: RunContext): Placement {
  const location = readResultLocation(result, context.uris);
  const imageScan = context.image !== null;

  if (context.producer === 'trivy') {
    const ruleName = str(field(rule, 'name'));
    const category = trivyCategory(ruleName, imageScan);
    // Trivy points OS package results at the image itself, with a placeholder region 1:1.
    if (category === 'container' && ruleName === 'OsPackageVulnerability') {
      return { category, location: { ...location, path: null, startLine: null, endLine: null }, image: context.image };
    }
    return { category, location, image: category === 'container' ? context.image : null };
  }

  if (context.producer === 'grype') {
    const inImage = grypeImageLocation(result);
    if (inImage !== null) {
      return { category: 'container', location: { ...location, path: inImage.path }, image: inImage };
    }
  }

  const category = producerCategory(context.producer, imageScan);
  return { category, location, image: category === 'container' ? context.image : null };
}
