import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { areRelatedFamilies, normalizeRuleId, ruleFamilyOf } from './code-rule-families.js';

describe('ruleFamilyOf', () => {
  const cases: Array<[string, string | null]> = [
    ['py/sql-injection', 'sql-injection'],
    ['com.lgtm/python-queries:py/sql-injection', 'sql-injection'],
    ['B608', 'sql-injection'],
    ['python/Sqli', 'sql-injection'],
    ['python.django.security.injection.sql.sql-injection-using-db-cursor-execute', 'sql-injection'],
    ['rules_lgpl_javascript_database_rule-node-nosqli-injection', 'nosql-injection'],
    ['javascript/NoSqli', 'nosql-injection'],
    ['javascript/Ssrf', 'ssrf'],
    ['vendor.rules_lgpl_javascript_ssrf_rule-node-ssrf', 'ssrf'],
    ['javascript/XSS', 'xss'],
    ['rules_lgpl_javascript_xml_rule-node-xpath-injection', 'xpath-injection'],
    ['javascript/HardcodedNonCryptoSecret/test', 'hardcoded-secret'],
    ['rules_lgpl_javascript_jwt_rule-hardcoded-jwt-secret', 'hardcoded-secret'],
    ['B110', 'swallowed-exception'],
    ['com.lgtm/python-queries:py/catch-base-exception', 'broad-exception-catch'],
    ['py/unused-import', null],
    ['java/insecure-cookie', null],
    ['B101', null],
  ];
  for (const [ruleId, family] of cases) {
    it(`maps ${ruleId}`, () => {
      assert.equal(ruleFamilyOf(ruleId), family);
    });
  }

  it('returns null for no rule', () => {
    assert.equal(ruleFamilyOf(null), null);
  });

  it('reads a very long id', () => {
    assert.equal(ruleFamilyOf(`${'a-'.repeat(10_000)}ssrf`), null);
  });
});

describe('normalizeRuleId', () => {
  it('drops a query-pack prefix', () => {
    assert.equal(normalizeRuleId('com.lgtm/javascript-queries:js/xss'), 'js/xss');
  });

  it('keeps a colon inside a rule name', () => {
    assert.equal(normalizeRuleId('rule:abc'), 'rule:abc');
  });
});

describe('areRelatedFamilies', () => {
  it('relates swallowed and broad catches', () => {
    assert.equal(areRelatedFamilies('broad-exception-catch', 'swallowed-exception'), true);
  });

  it('does not relate injections', () => {
    assert.equal(areRelatedFamilies('sql-injection', 'xss'), false);
  });
});
