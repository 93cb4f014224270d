import type { Priority } from '@sieve/contracts';
import { readFileSync, statSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { policyFileSchema, policyFileV3Schema, type PolicyFile, type PolicyFileV3 } from './policy-file.schema.js';
import { ScoringPolicyError } from './scoring-policy.error.js';
import { BUILT_IN_POLICIES, POLICY_V2, POLICY_V3, type ScoringPolicyV2, type ScoringPolicyV3 } from './scoring-policy.js';

/** A policy a file can describe: formula 3 (the default) or formula 2. */
export type FilePolicy = ScoringPolicyV2 | ScoringPolicyV3;

/** Largest policy file read. A complete policy is under 2 KiB. */
export const MAX_POLICY_FILE_BYTES = 1024 * 1024;

const MAX_LISTED_ISSUES = 10;

/**
 * Loads a YAML scoring policy (format in docs/scoring.md). Without a
 * `formula` key it is a formula 3 policy whose omitted keys keep the values of
 * sieve-default-3; with `formula: 2` omitted keys keep those of sieve-default-2.
 *
 * Throws ScoringPolicyError when the file is missing, too large or not YAML,
 * or when a key is unknown or has an invalid value. The message names every
 * such key, up to ten.
 */
export function loadScoringPolicy(path: string): FilePolicy {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new ScoringPolicyError('not_found', `${path}: scoring policy file not found or not readable`, { cause: error });
  }
  if (size > MAX_POLICY_FILE_BYTES) {
    throw new ScoringPolicyError('too_large', `${path}: policy file of ${size} bytes exceeds the ${MAX_POLICY_FILE_BYTES}-byte limit`);
  }
  return parseScoringPolicy(readFileSync(path, 'utf8'), path);
}

/** Parses the text of a YAML scoring policy; `name` is used in error messages. Throws like loadScoringPolicy. */
export function parseScoringPolicy(text: string, name: string): FilePolicy {
  const document = parseDocument(text, { schema: 'core', customTags: [], resolveKnownTags: false, uniqueKeys: true, prettyErrors: false, logLevel: 'silent' });
  const yamlError = document.errors[0];
  if (yamlError !== undefined) {
    throw new ScoringPolicyError('invalid_yaml', `${name}: invalid YAML: ${yamlError.message.split('\n', 1)[0]}`);
  }

  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ScoringPolicyError('invalid_yaml', `${name}: invalid YAML: ${(error as Error).message}`, { cause: error });
  }

  const policy = isFormula2(value) ? readFormula2(value, name) : readFormula3(value ?? {}, name);
  const problems = [...builtInNameProblems(policy), ...thresholdProblems(policy.priorityThresholds), ...formulaProblems(policy)];
  if (problems.length > 0) {
    throw invalid(name, problems);
  }
  return policy;
}

function isFormula2(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)['formula'] === 2;
}

function readFormula2(value: unknown, name: string): ScoringPolicyV2 {
  const parsed = policyFileSchema.safeParse(value);
  if (!parsed.success) {
    throw invalid(name, describeIssues(parsed.error));
  }
  return toPolicyV2(parsed.data);
}

function readFormula3(value: unknown, name: string): ScoringPolicyV3 {
  const parsed = policyFileV3Schema.safeParse(value);
  if (!parsed.success) {
    throw invalid(name, describeIssues(parsed.error));
  }
  return toPolicyV3(parsed.data);
}

function toPolicyV3(file: PolicyFileV3): ScoringPolicyV3 {
  const weights = file.weights ?? {};
  const defaults = POLICY_V3;
  const impact = weights.impact ?? {};
  return {
    version: file.version,
    formula: 3,
    severityEquivalent: { ...defaults.severityEquivalent, ...weights.severityEquivalent },
    exploitation: { ...defaults.exploitation, ...weights.exploitation },
    exposure: { ...defaults.exposure, ...weights.exposure },
    reachability: { ...defaults.reachability, ...weights.reachability },
    impactFloor: impact.floor ?? defaults.impactFloor,
    impactShares: {
      cvss: impact.cvss ?? defaults.impactShares.cvss,
      data: impact.data ?? defaults.impactShares.data,
      criticality: impact.criticality ?? defaults.impactShares.criticality,
      blastRadius: impact.blastRadius ?? defaults.impactShares.blastRadius,
    },
    dataClassWeights: { ...defaults.dataClassWeights, ...weights.data },
    criticalityWeights: { ...defaults.criticalityWeights, ...weights.criticality },
    blastRadiusFullAt: weights.blastRadius?.fullAt ?? defaults.blastRadiusFullAt,
    priorityThresholds: thresholdsOf(file.priorities, defaults.priorityThresholds),
    slaDays: { ...defaults.slaDays, ...file.sla },
  };
}

function thresholdsOf(given: Partial<Record<'P1' | 'P2' | 'P3' | 'P4', number>> | undefined, defaults: Array<[Priority, number]>): Array<[Priority, number]> {
  const known = new Map(defaults);
  return (['P1', 'P2', 'P3', 'P4'] as const).map((priority): [Priority, number] => [priority, given?.[priority] ?? known.get(priority) ?? 0]);
}

/** Checks that formula 3's impact shares add up to 1 and its EPSS range is not inverted. */
function formulaProblems(policy: FilePolicy): string[] {
  if (policy.formula !== 3) {
    return [];
  }
  const problems: string[] = [];
  const { cvss, data, criticality, blastRadius } = policy.impactShares;
  const total = cvss + data + criticality + blastRadius;
  if (Math.abs(total - 1) > 0.001) {
    problems.push(`weights.impact: cvss, data, criticality and blastRadius must add up to 1, not ${Math.round(total * 1000) / 1000}`);
  }
  if (policy.exploitation.epssFloor > policy.exploitation.epssCeiling) {
    problems.push(`weights.exploitation.epssFloor: ${policy.exploitation.epssFloor} must not be above epssCeiling (${policy.exploitation.epssCeiling})`);
  }
  return problems;
}

function toPolicyV2(file: PolicyFile): ScoringPolicyV2 {
  const weights = file.weights ?? {};
  const defaults = POLICY_V2;

  return {
    version: file.version,
    formula: 2,
    pointsPerCvssPoint: weights.intrinsic?.pointsPerCvssPoint ?? defaults.pointsPerCvssPoint,
    severityEquivalent: { ...defaults.severityEquivalent, ...weights.intrinsic?.severityEquivalent },
    kevPoints: weights.exploitation?.kev ?? defaults.kevPoints,
    ransomwarePoints: weights.exploitation?.ransomware ?? defaults.ransomwarePoints,
    epssMaxPoints: weights.exploitation?.epssMax ?? defaults.epssMaxPoints,
    exploitHintPoints: weights.exploitation?.exploitHint ?? defaults.exploitHintPoints,
    exposurePoints: { ...defaults.exposurePoints, ...weights.exposure },
    reachablePoints: weights.reachability?.reachable ?? defaults.reachablePoints,
    unreachableMultiplier: weights.reachability?.unreachableMultiplier ?? defaults.unreachableMultiplier,
    dataClassPoints: { ...defaults.dataClassPoints, ...weights.data?.classes },
    maxDataPoints: weights.data?.max ?? defaults.maxDataPoints,
    criticalityPoints: { ...defaults.criticalityPoints, ...weights.criticality },
    blastRadiusPointsPerAsset: weights.blastRadius?.perAdditionalAsset ?? defaults.blastRadiusPointsPerAsset,
    maxBlastRadiusPoints: weights.blastRadius?.max ?? defaults.maxBlastRadiusPoints,
    priorityThresholds: thresholdsOf(file.priorities, defaults.priorityThresholds),
    slaDays: { ...defaults.slaDays, ...file.sla },
  };
}

/** A file may not reuse a built-in version, or one version name would stand for two sets of weights. */
function builtInNameProblems(policy: FilePolicy): string[] {
  return BUILT_IN_POLICIES.has(policy.version) ? [`version: ${policy.version} is a built-in policy; give the file its own version`] : [];
}

function thresholdProblems(thresholds: Array<[Priority, number]>): string[] {
  const problems: string[] = [];
  for (let index = 1; index < thresholds.length; index++) {
    const [higher, higherScore] = thresholds[index - 1]!;
    const [lower, lowerScore] = thresholds[index]!;
    if (lowerScore >= higherScore) {
      problems.push(`priorities.${lower}: ${lowerScore} must be below priorities.${higher} (${higherScore})`);
    }
  }
  return problems;
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${path === '' ? key : `${path}.${key}`}: unknown key`);
    }
    const message = issue.message.replace(/^Invalid input: /, '');
    return [`${path === '' ? '(document)' : path}: ${message}`];
  });
}

function invalid(name: string, problems: string[]): ScoringPolicyError {
  const listed = problems.slice(0, MAX_LISTED_ISSUES);
  const more = problems.length > listed.length ? `; and ${problems.length - listed.length} more` : '';
  return new ScoringPolicyError('invalid_policy', `${name}: invalid scoring policy: ${listed.join('; ')}${more}`);
}
