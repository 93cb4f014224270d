import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeIdentityAnchor, correlateCode } from './code-correlation.js';
import { normalizedFinding } from './finding.fixture.js';

const JUICE = 'juice-shop';

function semgrep(path: string, line: number, ruleId: string, cwe: string, endLine = line) {
  return normalizedFinding({ asset: JUICE, tool: 'Semgrep OSS', ruleId, cwes: [cwe], location: { path, startLine: line, endLine } });
}

function snyk(path: string, line: number, ruleId: string, cwe: string) {
  return normalizedFinding({ asset: JUICE, tool: 'SnykCode', ruleId, cwes: [cwe], location: { path, startLine: line, endLine: line } });
}

describe('correlateCode', () => {
  it('merges SSRF four lines apart', () => {
    const result = correlateCode(semgrep('routes/profileImageUrlUpload.ts', 18, 'rule-node-ssrf', 'CWE-918'), snyk('routes/profileImageUrlUpload.ts', 22, 'javascript/Ssrf', 'CWE-918'));
    assert.equal(result.match, true);
    assert.equal(result.rule, 'code-cwe-window');
  });

  it('keeps XPath and XSS apart', () => {
    const result = correlateCode(semgrep('routes/recycles.ts', 14, 'rule-node-xpath-injection', 'CWE-643'), snyk('routes/recycles.ts', 17, 'javascript/XSS', 'CWE-79'));
    assert.equal(result.match, false);
  });

  it('merges hard-coded secrets by family', () => {
    const result = correlateCode(semgrep('lib/insecurity.ts', 56, 'rule-hardcoded-jwt-secret', 'CWE-798'), snyk('lib/insecurity.ts', 54, 'javascript/HardcodedNonCryptoSecret', 'CWE-547'));
    assert.equal(result.rule, 'code-family-window');
  });

  it('relates B110 and catch-base-exception', () => {
    const bandit = normalizedFinding({ tool: 'bandit', ruleId: 'B110', cwes: ['CWE-703'], location: { path: 'dojo/cred\\views.py', startLine: 602, endLine: 603 } });
    const codeql = normalizedFinding({ tool: 'LGTM.com', ruleId: 'com.lgtm/python-queries:py/catch-base-exception', cwes: ['CWE-396'], location: { path: 'dojo/cred/views.py', startLine: 602 } });
    const result = correlateCode(bandit, codeql);
    assert.equal(result.match, false);
    assert.equal(result.rule, 'code-related');
  });

  it('merges one engine in two formats', () => {
    const bandit = normalizedFinding({ tool: 'bandit', ruleId: 'B101', location: { path: 'app.py', startLine: 5 } });
    const gitlab = normalizedFinding({ tool: 'gitlab-sast', ruleId: 'B101', location: { path: './app.py', startLine: 5 } });
    assert.equal(correlateCode(bandit, gitlab).rule, 'code-same-rule-window');
  });

  it('keeps the same CWE ten lines apart', () => {
    const result = correlateCode(semgrep('a.ts', 10, 'x-sqli', 'CWE-89'), snyk('a.ts', 20, 'javascript/Sqli', 'CWE-89'));
    assert.equal(result.match, false);
  });

  it('merges at the window edge', () => {
    const result = correlateCode(semgrep('a.ts', 10, 'x', 'CWE-89'), snyk('a.ts', 16, 'y', 'CWE-89'), { window: 3 });
    assert.equal(result.match, true);
  });

  it('keeps two tools on other assets apart', () => {
    const other = normalizedFinding({ asset: 'api', tool: 'SnykCode', ruleId: 'javascript/Ssrf', cwes: ['CWE-918'], location: { path: 'a.ts', startLine: 10 } });
    assert.equal(correlateCode(semgrep('a.ts', 10, 'node-ssrf', 'CWE-918'), other).match, false);
  });

  it('keeps one tool apart from itself', () => {
    assert.equal(correlateCode(semgrep('a.ts', 10, 'node-ssrf', 'CWE-918'), semgrep('a.ts', 11, 'node-ssrf', 'CWE-918')).match, false);
  });

  it('ignores a shared broad CWE', () => {
    const result = correlateCode(semgrep('a.ts', 10, 'x', 'CWE-20'), snyk('a.ts', 10, 'y', 'CWE-20'));
    assert.equal(result.match, false);
  });
});

describe('codeIdentityAnchor', () => {
  it('uses the snippet hash', () => {
    const finding = normalizedFinding({ location: { snippetHash: 'abc' } }).finding;
    assert.equal(codeIdentityAnchor(finding), 'snippet:abc');
  });

  it('ignores the line without a snippet', () => {
    const at10 = normalizedFinding({ location: { startLine: 10 } }).finding;
    const at40 = normalizedFinding({ location: { startLine: 40 } }).finding;
    assert.equal(codeIdentityAnchor(at10), codeIdentityAnchor(at40));
  });

  it('folds line numbers in messages', () => {
    const a = normalizedFinding({ description: 'tainted value from line 12' }).finding;
    const b = normalizedFinding({ description: 'tainted value from line 19' }).finding;
    assert.equal(codeIdentityAnchor(a), codeIdentityAnchor(b));
  });

  it('tells different messages apart', () => {
    const a = normalizedFinding({ description: 'user id flows into query' }).finding;
    const b = normalizedFinding({ description: 'order id flows into query' }).finding;
    assert.notEqual(codeIdentityAnchor(a), codeIdentityAnchor(b));
  });

});

describe('correlateCode by family and CWE', () => {
  it('matches a Bandit rule with a Semgrep CWE of its family', () => {
    const bandit = normalizedFinding({ tool: 'bandit', ruleId: 'B602', cwes: [], location: { path: 'jobs/nightly.py', startLine: 32 } });
    const semgrep = normalizedFinding({ tool: 'semgrep', ruleId: 'python.lang.security.audit.subprocess-shell-true', cwes: ['CWE-78'], location: { path: 'jobs/nightly.py', startLine: 32 } });
    const yaml = normalizedFinding({ tool: 'semgrep', ruleId: 'python.lang.security.avoid-pyyaml-load', cwes: ['CWE-502'], location: { path: 'jobs/nightly.py', startLine: 32 } });
    assert.equal(correlateCode(bandit, semgrep).rule, 'code-family-cwe-window');
    assert.equal(correlateCode(bandit, semgrep).match, true);
    assert.equal(correlateCode(bandit, yaml).match, false);
  });
});
