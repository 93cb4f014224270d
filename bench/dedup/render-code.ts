import { createHash } from 'node:crypto';
import { weaknessById, type ToolRule } from './code-weaknesses.js';
import type { CodeFlaw, CodeSighting, CodeTool } from './estate-model.js';
import type { Rendered } from './render-packages.js';

/** Moves a line as if unrelated lines had been inserted above it; the identity for the first render. */
export type LineShift = (path: string, line: number) => number;

export const NO_SHIFT: LineShift = (_path, line) => line;

interface Sighted {
  flaw: CodeFlaw;
  sighting: CodeSighting;
  rule: ToolRule;
}

function sightingsOf(flaws: CodeFlaw[], tool: CodeTool): Sighted[] {
  return flaws.flatMap((flaw) =>
    flaw.sightings
      .filter((sighting) => sighting.tool === tool)
      .map((sighting) => ({ flaw, sighting, rule: weaknessById(flaw.weakness).rules[tool]![flaw.language]! })),
  );
}

function hash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

function sarif(driver: Record<string, unknown>, results: unknown[]): unknown {
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool: { driver }, results }] };
}

function sarifRules(sighted: Sighted[], tags: (rule: ToolRule) => string[]): unknown[] {
  const seen = new Map<string, ToolRule>();
  for (const { rule } of sighted) seen.set(rule.ruleId, rule);
  return [...seen.values()].map((rule) => ({ id: rule.ruleId, shortDescription: { text: rule.message }, properties: { tags: tags(rule) } }));
}

function region(item: Sighted, shift: LineShift, withSnippet: boolean): Record<string, unknown> {
  const startLine = shift(item.flaw.path, item.sighting.startLine);
  const endLine = shift(item.flaw.path, item.sighting.endLine);
  return withSnippet ? { startLine, endLine, snippet: { text: item.flaw.code } } : { startLine, endLine };
}

/**
 * CodeQL SARIF: rule CWE tags as external/cwe/cwe-NNN, no snippet, and a
 * primaryLocationLineHash computed from the flagged code (as CodeQL does, so
 * it does not move with the line).
 */
export function renderCodeql(flaws: CodeFlaw[], shift: LineShift): Rendered {
  const sighted = sightingsOf(flaws, 'codeql');
  const results = sighted.map((item) => ({
    ruleId: item.rule.ruleId,
    level: 'error',
    message: { text: item.rule.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: item.flaw.path, uriBaseId: '%SRCROOT%' }, region: region(item, shift, false) } }],
    partialFingerprints: { primaryLocationLineHash: `${hash(item.flaw.code).slice(0, 16)}:1` },
  }));
  const rules = sarifRules(sighted, (rule) => ['security', `external/cwe/cwe-${rule.cwe.slice(4).padStart(3, '0')}`]);
  return { report: sarif({ name: 'CodeQL', semanticVersion: '2.15.0', rules }, results), labels: sighted.map((item) => item.flaw.id) };
}

/** Semgrep SARIF: CWE in the rule tags as Semgrep writes them, the snippet, and fingerprints.matchBasedId/v1. */
export function renderSemgrepSarif(flaws: CodeFlaw[], shift: LineShift): Rendered {
  const sighted = sightingsOf(flaws, 'semgrep-sarif');
  const results = sighted.map((item) => ({
    ruleId: item.rule.ruleId,
    message: { text: item.rule.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: item.flaw.path, uriBaseId: '%SRCROOT%' }, region: region(item, shift, true) } }],
    fingerprints: { 'matchBasedId/v1': hash(item.rule.ruleId, item.flaw.path, item.flaw.code) },
    properties: {},
  }));
  const rules = sarifRules(sighted, (rule) => [`${rule.cwe}: weakness`, 'security']);
  return { report: sarif({ name: 'Semgrep OSS', semanticVersion: '1.69.0', rules }, results), labels: sighted.map((item) => item.flaw.id) };
}

/** Snyk Code SARIF: rule ids "<language>/<Rule>", CWE in rule properties, fingerprints "0" and "1". */
export function renderSnykCode(flaws: CodeFlaw[], shift: LineShift): Rendered {
  const sighted = sightingsOf(flaws, 'snyk-code');
  const results = sighted.map((item) => ({
    ruleId: item.rule.ruleId,
    level: 'error',
    message: { text: item.rule.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: item.flaw.path, uriBaseId: '%SRCROOT%' }, region: region(item, shift, false) } }],
    fingerprints: { '0': hash('0', item.rule.ruleId, item.flaw.code), '1': hash('1', item.flaw.code).slice(0, 40) },
  }));
  const seen = new Map<string, ToolRule>();
  for (const { rule } of sighted) seen.set(rule.ruleId, rule);
  const rules = [...seen.values()].map((rule) => ({ id: rule.ruleId, shortDescription: { text: rule.message }, properties: { cwe: [rule.cwe], tags: ['security'] } }));
  return { report: sarif({ name: 'SnykCode', semanticVersion: '1.0.0', rules }, results), labels: sighted.map((item) => item.flaw.id) };
}

/**
 * Semgrep JSON. A result written without login has "requires login" in place
 * of its code and fingerprint, so it has neither.
 */
export function renderSemgrepJson(flaws: CodeFlaw[], shift: LineShift): Rendered {
  const sighted = sightingsOf(flaws, 'semgrep-json');
  const results = sighted.map((item) => ({
    check_id: item.rule.ruleId,
    path: item.flaw.path,
    start: { line: shift(item.flaw.path, item.sighting.startLine), col: 5 },
    end: { line: shift(item.flaw.path, item.sighting.endLine), col: 40 },
    extra: {
      message: item.rule.message,
      severity: 'ERROR',
      metadata: { cwe: [`${item.rule.cwe}: weakness`] },
      lines: item.sighting.withCode ? item.flaw.code : 'requires login',
      fingerprint: item.sighting.withCode ? hash(item.rule.ruleId, item.flaw.path, item.flaw.code) : 'requires login',
      is_ignored: false,
    },
  }));
  return { report: { results, errors: [], version: '1.69.0', paths: { scanned: [...new Set(flaws.map((flaw) => flaw.path))] } }, labels: sighted.map((item) => item.flaw.id) };
}

/** Bandit JSON: numbered code lines, issue_cwe as Bandit 1.7.1 and later write it, and a back-slash path now and then. */
export function renderBandit(flaws: CodeFlaw[], shift: LineShift): Rendered {
  const sighted = sightingsOf(flaws, 'bandit');
  const results = sighted.map((item, index) => {
    const line = shift(item.flaw.path, item.sighting.startLine);
    const endLine = shift(item.flaw.path, item.sighting.endLine);
    const code = [`${line - 1} # context`, `${line} ${item.flaw.code}`, `${line + 1} # context`].join('\n') + '\n';
    return {
      test_id: item.rule.ruleId,
      test_name: item.flaw.weakness,
      filename: index % 3 === 0 ? item.flaw.path.replace(/\/([^/]+)$/, '\\$1') : item.flaw.path,
      line_number: line,
      line_range: Array.from({ length: endLine - line + 1 }, (_, n) => line + n),
      code,
      issue_text: item.rule.message,
      issue_severity: 'MEDIUM',
      issue_confidence: 'HIGH',
      issue_cwe: { id: Number(item.rule.cwe.slice(4)), link: `https://cwe.mitre.org/data/definitions/${item.rule.cwe.slice(4)}.html` },
      more_info: 'https://bandit.readthedocs.io/',
    };
  });
  return { report: { errors: [], generated_at: '2026-01-01T00:00:00Z', metrics: {}, results }, labels: sighted.map((item) => item.flaw.id) };
}
