import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCvss, preferredCvss } from './cvss.js';

describe('parseCvss', () => {
  it('scores a CVSS 3.1 vector', () => {
    const cvss = parseCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H');
    assert.equal(cvss?.version, '3.1');
    assert.equal(cvss?.baseScore, 10);
  });

  it('scores a CVSS 2 vector without prefix', () => {
    const cvss = parseCvss('AV:N/AC:L/Au:N/C:P/I:P/A:P');
    assert.equal(cvss?.version, '2.0');
    assert.equal(cvss?.baseScore, 7.5);
  });

  it('scores a CVSS 4.0 vector', () => {
    const cvss = parseCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N');
    assert.equal(cvss?.version, '4.0');
    assert.equal(cvss?.baseScore, 9.3);
  });

  it('rejects garbage and incomplete vectors', () => {
    assert.equal(parseCvss('garbage'), null);
    assert.equal(parseCvss('CVSS:3.1/AV:N'), null);
    assert.equal(parseCvss(''), null);
  });

  it('prefers the newest version', () => {
    const v2 = parseCvss('AV:N/AC:L/Au:N/C:C/I:C/A:C')!;
    const v31 = parseCvss('CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N')!;
    assert.equal(preferredCvss([v2, v31])?.version, '3.1');
  });
});
