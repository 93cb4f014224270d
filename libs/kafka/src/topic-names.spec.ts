import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TopicNames } from './topic-names.js';

describe('TopicNames', () => {
  it('keeps catalogue names without a prefix', () => {
    assert.equal(new TopicNames().physical('sieve.finding.scored.v1'), 'sieve.finding.scored.v1');
  });

  it('prefixes the physical name', () => {
    assert.equal(new TopicNames('t1.').physical('sieve.finding.scored.v1'), 't1.sieve.finding.scored.v1');
  });

  it('prefixes the dead-letter twin', () => {
    assert.equal(new TopicNames('t1.').deadLetter('sieve.finding.scored.v1'), 't1.sieve.finding.scored.v1.dlq');
  });

  it('prefixes the value subject', () => {
    assert.equal(new TopicNames('t1.').valueSubject('sieve.finding.scored.v1'), 't1.sieve.finding.scored.v1-value');
  });

  it('maps a physical name back', () => {
    assert.equal(new TopicNames('t1.').logical('t1.sieve.asset.context.v1'), 'sieve.asset.context.v1');
  });

  it('rejects a topic outside the catalogue', () => {
    assert.throws(() => new TopicNames('t1.').logical('sieve.asset.context.v1'), /not in the topic catalogue/);
  });

  it('rejects an illegal prefix', () => {
    assert.throws(() => new TopicNames('a/b'), /invalid topic prefix/);
  });
});
