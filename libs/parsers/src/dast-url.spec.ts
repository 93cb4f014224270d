import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinDastUrl, normalizeDastUrl, requestMethod, serviceUrl, siteOrigin } from './dast-url.js';

describe('normalizeDastUrl', () => {
  it('lower-cases scheme and host', () => {
    assert.equal(normalizeDastUrl('HTTPS://Example.COM/Path?Q=1'), 'https://example.com/Path?Q=1');
  });

  it('drops the fragment', () => {
    assert.equal(normalizeDastUrl('http://example.com/a#section'), 'http://example.com/a');
  });

  it('drops credentials', () => {
    assert.equal(normalizeDastUrl('http://user:secret@example.com/'), 'http://example.com/');
  });

  it('drops the default port', () => {
    assert.equal(normalizeDastUrl('https://example.com:443/x'), 'https://example.com/x');
  });

  it('keeps the query', () => {
    assert.equal(normalizeDastUrl('http://example.com/login?user=a&pass=b'), 'http://example.com/login?user=a&pass=b');
  });

  it('rejects host and port without scheme', () => {
    assert.equal(normalizeDastUrl('www.example.com:443'), null);
  });
});

describe('joinDastUrl', () => {
  it('joins site and path', () => {
    assert.equal(joinDastUrl('http://bwa/', '/bodgeit/search.jsp'), 'http://bwa/bodgeit/search.jsp');
  });

  it('adds the missing slash', () => {
    assert.equal(joinDastUrl('http://bwa', 'x'), 'http://bwa/x');
  });
});

describe('serviceUrl', () => {
  it('writes protocol, host and port', () => {
    assert.equal(serviceUrl('TCP', '10.0.0.1', 443), 'tcp://10.0.0.1:443');
  });

  it('brackets an IPv6 host', () => {
    assert.equal(serviceUrl('tcp', '2001:db8::1', 22), 'tcp://[2001:db8::1]:22');
  });

  it('returns null for port 0', () => {
    assert.equal(serviceUrl('tcp', 'host', 0), null);
  });
});

describe('siteOrigin', () => {
  it('returns the origin', () => {
    assert.equal(siteOrigin('https://Juice-Shop.herokuapp.com/path'), 'https://juice-shop.herokuapp.com');
  });

  it('returns null for an opaque origin', () => {
    assert.equal(siteOrigin('tcp://host:1'), null);
  });
});

describe('requestMethod', () => {
  it('reads the method token', () => {
    assert.equal(requestMethod('POST /login HTTP/1.1\r\nHost: x'), 'POST');
  });

  it('returns null for other text', () => {
    assert.equal(requestMethod('hello world'), null);
  });
});
