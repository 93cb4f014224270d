import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlToText, MAX_HTML_CHARS } from './html-text.js';

describe('htmlToText', () => {
  it('turns paragraphs into lines', () => {
    assert.equal(htmlToText('<p>First.</p><p>Second.</p>'), 'First.\n\nSecond.');
  });

  it('turns list items into dashes', () => {
    assert.equal(htmlToText('Scripts:<ul><li>a.js</li><li>b.js</li></ul>'), 'Scripts:\n\n- a.js\n- b.js');
  });

  it('drops inline tags', () => {
    assert.equal(htmlToText('The <b>q</b> parameter'), 'The q parameter');
  });

  it('decodes character entities', () => {
    assert.equal(htmlToText('a &lt; b &amp;&amp; c &gt; d&nbsp;&#39;x&#39; &#x41;'), "a < b && c > d 'x' A");
  });

  it('folds blank space', () => {
    assert.equal(htmlToText('  one \t two  \n\n\n\n three  '), 'one two\n\nthree');
  });

  it('keeps an unclosed tag as text', () => {
    assert.equal(htmlToText('a <b'), 'a <b');
  });

  it('returns null for empty markup', () => {
    assert.equal(htmlToText('<p></p>'), null);
  });

  it('cuts very long input', () => {
    const text = htmlToText('x'.repeat(MAX_HTML_CHARS * 2));
    assert.equal(text?.length, MAX_HTML_CHARS);
  });
});
