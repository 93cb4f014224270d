import type { DastFlaw, DastTool, SecretFlaw } from './estate-model.js';
import type { Rendered } from './render-packages.js';

/** Gitleaks 8 JSON: the secret in clear (the stored copy is redacted later), the file as Gitleaks prints it. */
export function renderGitleaksJson(flaws: SecretFlaw[], commit: string): Rendered {
  const list = flaws.filter((flaw) => flaw.tools.includes('gitleaks-json'));
  const leaks = list.map((flaw) => ({
    Description: flaw.rule,
    StartLine: flaw.line,
    EndLine: flaw.line,
    StartColumn: 10,
    EndColumn: 10 + flaw.secret.length,
    Match: `key = "${flaw.secret}"`,
    Secret: flaw.secret,
    File: flaw.path,
    Commit: commit,
    Entropy: 4.2,
    Author: 'Jane Doe',
    Email: 'dev@example.com',
    Date: '2026-01-01T00:00:00Z',
    Message: 'update config',
    Tags: [],
    RuleID: flaw.rule,
    Fingerprint: `${commit}:${flaw.path}:${flaw.rule}:${flaw.line}`,
  }));
  return { report: leaks, labels: list.map((flaw) => flaw.id) };
}

/** Gitleaks SARIF: the secret as the region snippet, commit metadata in partialFingerprints. */
export function renderGitleaksSarif(flaws: SecretFlaw[], commit: string): Rendered {
  const list = flaws.filter((flaw) => flaw.tools.includes('gitleaks-sarif'));
  const rules = [...new Set(list.map((flaw) => flaw.rule))].map((id) => ({ id, shortDescription: { text: id } }));
  const results = list.map((flaw) => ({
    message: { text: `${flaw.rule} has detected secret for file ${flaw.path} at commit ${commit}.` },
    ruleId: flaw.rule,
    locations: [{ physicalLocation: { artifactLocation: { uri: flaw.path }, region: { startLine: flaw.line, endLine: flaw.line, snippet: { text: flaw.secret } } } }],
    partialFingerprints: { commitSha: commit, email: 'dev@example.com', author: 'Jane Doe', date: '2026-01-01', commitMessage: 'update config' },
  }));
  return {
    report: { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool: { driver: { name: 'gitleaks', semanticVersion: 'v8.18.0', rules } }, results }] },
    labels: list.map((flaw) => flaw.id),
  };
}

const ALERT_NAMES: Record<number, string> = { 79: 'Cross Site Scripting (Reflected)', 89: 'SQL Injection', 1021: 'Missing Anti-clickjacking Header' };
const ZAP_PLUGINS: Record<number, string> = { 79: '40012', 89: '40018', 1021: '10020' };

/** ZAP traditional JSON: one alert per weakness with an instance per request. */
export function renderZap(asset: string, flaws: DastFlaw[]): Rendered {
  const list = flaws.filter((flaw) => flaw.tools.includes('zap'));
  const byCwe = new Map<number, DastFlaw[]>();
  for (const flaw of list) byCwe.set(flaw.cwe, [...(byCwe.get(flaw.cwe) ?? []), flaw]);
  const labels: string[] = [];
  const alerts = [...byCwe.entries()].map(([cwe, instances]) => {
    labels.push(...instances.map((flaw) => flaw.id));
    return {
      pluginid: ZAP_PLUGINS[cwe],
      alertRef: ZAP_PLUGINS[cwe],
      alert: ALERT_NAMES[cwe],
      name: ALERT_NAMES[cwe],
      riskcode: '3',
      confidence: '2',
      riskdesc: 'High (Medium)',
      desc: `<p>${ALERT_NAMES[cwe]}</p>`,
      instances: instances.map((flaw) => ({ uri: flaw.urls.zap, method: flaw.method, param: flaw.parameter ?? '', attack: '', evidence: '' })),
      count: String(instances.length),
      solution: '<p>Fix it.</p>',
      reference: '',
      cweid: String(cwe),
      wascid: '8',
      sourceid: '1',
    };
  });
  return {
    report: { '@programName': 'ZAP', '@version': '2.14.0', '@generated': 'Mon, 1 Jan 2026 10:00:00', site: [{ '@name': `https://${asset}.example.test`, '@host': `${asset}.example.test`, '@port': '443', '@ssl': 'true', alerts }] },
    labels,
  };
}

/** Burp Suite Enterprise REST API JSON: issue events with origin, path, caption naming the parameter and CWE links. */
export function renderBurp(asset: string, flaws: DastFlaw[]): Rendered {
  const list = flaws.filter((flaw) => flaw.tools.includes('burp' satisfies DastTool));
  const events = list.map((flaw, index) => {
    const url = new URL(flaw.urls.burp!);
    const request = Buffer.from(`${flaw.method} ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`).toString('base64');
    return {
      id: String(index),
      type: 'issue_found',
      issue: {
        name: ALERT_NAMES[flaw.cwe],
        type_index: 1000000 + flaw.cwe,
        serial_number: String(9000000000 + index),
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        severity: 'high',
        confidence: 'firm',
        caption: flaw.parameter === null ? url.pathname : `${url.pathname} [${flaw.parameter} parameter]`,
        vulnerability_classifications: `<ul><li><a href="https://cwe.mitre.org/data/definitions/${flaw.cwe}.html">CWE-${flaw.cwe}: weakness</a></li></ul>`,
        evidence: [{ type: 'FirstOrderEvidence', request_response: { url: url.href, request: [{ type: 'DataSegment', data: request, length: request.length }], response: [] } }],
      },
    };
  });
  return { report: { task_id: `${asset}-scan`, scan_status: 'succeeded', issue_events: events }, labels: list.map((flaw) => flaw.id) };
}
