import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { correlateDast, dastEndpointKey, normalizeEndpoint } from './dast-endpoint.js';
import { normalizedFinding } from './finding.fixture.js';

describe('normalizeEndpoint', () => {
  const cases: Array<[string, string]> = [
    ['HTTPS://Shop.Example.COM:443/api/Users/42?sort=asc#top', 'https://shop.example.com/api/Users/{id}'],
    ['http://example.com:80/', 'http://example.com/'],
    ['http://example.com:8080/orders/', 'http://example.com:8080/orders'],
    ['https://example.com/items/0f8fad5b-d9cb-469f-a165-70867728950e/edit', 'https://example.com/items/{id}/edit'],
    ['https://example.com/objects/507f1f77bcf86cd799439011', 'https://example.com/objects/{id}'],
    ['https://example.com/deadbeef/feed', 'https://example.com/deadbeef/feed'],
  ];
  for (const [url, endpoint] of cases) {
    it(`templates ${url}`, () => {
      assert.equal(normalizeEndpoint(url, 'get')?.endpoint, endpoint);
    });
  }

  it('upper-cases the method', () => {
    assert.equal(normalizeEndpoint('https://example.com/', 'post')?.method, 'POST');
  });

  it('marks a missing method', () => {
    assert.equal(normalizeEndpoint('https://example.com/', null)?.method, '*');
  });

  it('rejects a relative URL', () => {
    assert.equal(normalizeEndpoint('/api/users', 'GET'), null);
  });

  it('rejects another scheme', () => {
    assert.equal(normalizeEndpoint('ftp://example.com/a', 'GET'), null);
  });
});

describe('dastEndpointKey', () => {
  it('joins method, endpoint and parameter', () => {
    assert.equal(dastEndpointKey('https://example.com/a/7?x=1', 'GET', 'q'), 'GET https://example.com/a/{id} q');
  });
});

describe('correlateDast', () => {
  function dast(tool: string, url: string, cwe: string, parameter: string | null = 'q', method: string | null = 'GET') {
    return normalizedFinding({ tool, category: 'dast', cwes: [cwe], location: { path: null, startLine: null, url, method, parameter } });
  }

  it('merges two tools on one endpoint', () => {
    assert.equal(correlateDast(dast('zap', 'https://a.test/u/1?q=x', 'CWE-79'), dast('burp', 'https://a.test/u/2', 'CWE-79')).match, true);
  });

  it('keeps another parameter apart', () => {
    assert.equal(correlateDast(dast('zap', 'https://a.test/u', 'CWE-79', 'q'), dast('burp', 'https://a.test/u', 'CWE-79', 'name')).match, false);
  });

  it('keeps another CWE apart', () => {
    assert.equal(correlateDast(dast('zap', 'https://a.test/u', 'CWE-79'), dast('burp', 'https://a.test/u', 'CWE-89')).match, false);
  });

  it('lets a missing method match', () => {
    assert.equal(correlateDast(dast('zap', 'https://a.test/u', 'CWE-79'), dast('burp', 'https://a.test/u', 'CWE-79', 'q', null)).match, true);
  });
});
