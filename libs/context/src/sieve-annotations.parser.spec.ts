import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSieveAnnotations } from './sieve-annotations.parser.js';

describe('readSieveAnnotations', () => {
  it('reads valid values', () => {
    const read = readSieveAnnotations({
      'sieve.dev/exposure': 'internet',
      'sieve.dev/data-classes': 'pii, pci',
      'sieve.dev/criticality': 'high',
    });
    assert.equal(read.exposure, 'internet');
    assert.deepEqual(read.dataClasses, ['pii', 'pci']);
    assert.equal(read.criticality, 'high');
    assert.deepEqual(read.invalid, []);
  });

  it('ignores case and repeats', () => {
    const read = readSieveAnnotations({ 'sieve.dev/exposure': ' Partner ', 'sieve.dev/data-classes': 'PHI,phi' });
    assert.equal(read.exposure, 'partner');
    assert.deepEqual(read.dataClasses, ['phi']);
  });

  it('leaves absent annotations unset', () => {
    const read = readSieveAnnotations({ 'backstage.io/techdocs-ref': 'dir:.' });
    assert.equal(read.exposure, null);
    assert.equal(read.dataClasses, null);
    assert.equal(read.criticality, null);
  });

  it('rejects an unknown exposure', () => {
    const read = readSieveAnnotations({ 'sieve.dev/exposure': 'public' });
    assert.equal(read.exposure, null);
    assert.equal(read.invalid[0]?.annotation, 'sieve.dev/exposure');
    assert.equal(read.invalid[0]?.value, 'public');
  });

  it('rejects an unknown data class', () => {
    const read = readSieveAnnotations({ 'sieve.dev/data-classes': 'pii, secrets' });
    assert.equal(read.dataClasses, null);
    assert.equal(read.invalid[0]?.value, 'pii, secrets');
  });

  it('rejects none with other classes', () => {
    const read = readSieveAnnotations({ 'sieve.dev/data-classes': 'none,pii' });
    assert.equal(read.dataClasses, null);
    assert.equal(read.invalid.length, 1);
  });

  it('accepts none alone', () => {
    assert.deepEqual(readSieveAnnotations({ 'sieve.dev/data-classes': 'none' }).dataClasses, ['none']);
  });

  it('rejects an empty data class list', () => {
    assert.equal(readSieveAnnotations({ 'sieve.dev/data-classes': '' }).dataClasses, null);
  });

  it('rejects a non-string value', () => {
    const read = readSieveAnnotations({ 'sieve.dev/criticality': 3 });
    assert.equal(read.criticality, null);
    assert.equal(read.invalid[0]?.value, '3');
  });
});
