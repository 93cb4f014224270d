import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripVolatile } from './volatile-values.js';

describe('stripVolatile', () => {
  it('drops an image tag', () => {
    assert.equal(stripVolatile('registry.example.com:5000/team/app:1.4.2-b77'), 'registry.example.com:5000/team/app');
  });

  it('drops the latest tag', () => {
    assert.equal(stripVolatile('nginx:latest'), 'nginx');
  });

  it('drops a digest', () => {
    assert.equal(stripVolatile(`alpine@sha256:${'a'.repeat(64)}`), 'alpine');
  });

  it('drops tag and digest together', () => {
    assert.equal(stripVolatile(`alpine:3.18@sha256:${'0'.repeat(64)}`), 'alpine');
  });

  it('drops ISO date-times', () => {
    assert.equal(stripVolatile('scan at 2024-03-01T12:30:45.123Z done'), 'scan at done');
  });

  it('drops date-times with an offset', () => {
    assert.equal(stripVolatile('2024-03-01 12:30:45+02:00 report'), 'report');
  });

  it('drops compact time stamps', () => {
    assert.equal(stripVolatile('artifact-20240301T123045Z'), 'artifact-');
  });

  it('keeps the word of a build number', () => {
    assert.equal(stripVolatile('build-1234 of job#88'), 'build of job');
  });

  it('keeps CVE ids', () => {
    assert.equal(stripVolatile('CVE-2021-44228 in log4j-core'), 'CVE-2021-44228 in log4j-core');
  });

  it('keeps plain dates', () => {
    assert.equal(stripVolatile('advisory 2021-12-10'), 'advisory 2021-12-10');
  });

  it('keeps a URL with a port', () => {
    assert.equal(stripVolatile('https://example.com:8443/a'), 'https://example.com:8443/a');
  });

  it('keeps a colon pair without a version', () => {
    assert.equal(stripVolatile('rule:abc'), 'rule:abc');
  });

  it('keeps a Windows path', () => {
    assert.equal(stripVolatile('C:\\src\\app:1'), 'C:\\src\\app:1');
  });

  it('returns a long input quickly', () => {
    const started = process.hrtime.bigint();
    stripVolatile('a:'.repeat(100_000));
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(elapsedMs < 500, `took ${elapsedMs} ms`);
  });
});
