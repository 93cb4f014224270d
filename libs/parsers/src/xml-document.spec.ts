import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { MAX_XML_DEPTH, parseXmlDocument, xmlRootTag } from './xml-document.js';

// Generous bound for "rejected quickly": each hostile sample is rejected by a linear scan.
const QUICK_MS = 500;

const XXE = ['<?xml version="1.0" encoding="UTF-8"?>', '<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>', '<foo>&xxe;</foo>'].join('\n');

const BILLION_LAUGHS = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE lolz [',
  ' <!ENTITY lol "lol">',
  ' <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
  ' <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">',
  ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">',
  ' <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">',
  ' <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">',
  ' <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">',
  ' <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">',
  ' <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">',
  ' <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">',
  ']>',
  '<lolz>&lol9;</lolz>',
].join('\n');

const DEEP = `${'<a>'.repeat(1000)}x${'</a>'.repeat(1000)}`;

// The shape of Burp Suite's export: element and attribute-list declarations only.
const BURP_LIKE = ['<?xml version="1.0"?>', '<!DOCTYPE issues [', '<!ELEMENT issues (issue*)>', '<!ATTLIST issues burpVersion CDATA "">', ']>', '<issues burpVersion="2020.12.1"><issue/></issues>'].join('\n');

function rejection(text: string, options = {}): ReportRejectedError {
  try {
    parseXmlDocument(text, options);
  } catch (error) {
    assert.ok(error instanceof ReportRejectedError, `expected ReportRejectedError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the document to be rejected');
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe('parseXmlDocument hostile input', () => {
  it('rejects an XXE document', () => {
    const { value: error, ms } = timed(() => rejection(XXE));
    assert.equal(error.code, 'xml_dtd_rejected');
    assert.equal(error.location, 'line 2');
    assert.ok(ms < QUICK_MS, `took ${ms} ms`);
  });

  it('rejects a billion-laughs document', () => {
    const { value: error, ms } = timed(() => rejection(BILLION_LAUGHS));
    assert.equal(error.code, 'xml_dtd_rejected');
    assert.equal(error.location, 'line 2');
    assert.ok(ms < QUICK_MS, `took ${ms} ms`);
  });

  it('rejects a 1000-level-deep document', () => {
    const { value: error, ms } = timed(() => rejection(DEEP));
    assert.equal(error.code, 'xml_too_deep');
    assert.ok(ms < QUICK_MS, `took ${ms} ms`);
  });

  it('accepts nesting at the depth limit', () => {
    const atLimit = `${'<a>'.repeat(MAX_XML_DEPTH)}x${'</a>'.repeat(MAX_XML_DEPTH)}`;
    assert.equal(parseXmlDocument(atLimit).name, 'a');
  });

  it('rejects XXE with element declarations allowed', () => {
    assert.equal(rejection(XXE, { ignoreElementDeclarations: true }).code, 'xml_dtd_rejected');
  });

  it('rejects billion laughs with element declarations allowed', () => {
    const error = rejection(BILLION_LAUGHS, { ignoreElementDeclarations: true });
    assert.equal(error.code, 'xml_dtd_rejected');
    assert.equal(error.location, 'line 3');
  });

  it('rejects an external DTD with element declarations allowed', () => {
    const external = '<?xml version="1.0"?>\n<!DOCTYPE issues SYSTEM "http://example.com/x.dtd">\n<issues/>';
    assert.equal(rejection(external, { ignoreElementDeclarations: true }).code, 'xml_dtd_rejected');
  });

  it('rejects an entity reference in an attribute-list default', () => {
    const withReference = '<!DOCTYPE a [<!ATTLIST a b CDATA "&x;">]><a/>';
    assert.equal(rejection(withReference, { ignoreElementDeclarations: true }).code, 'xml_dtd_rejected');
  });

  it('rejects an element-declarations DTD by default', () => {
    assert.equal(rejection(BURP_LIKE).code, 'xml_dtd_rejected');
  });

  it('accepts an element-declarations DTD when allowed', () => {
    const root = parseXmlDocument(BURP_LIKE, { ignoreElementDeclarations: true });
    assert.equal(root.attribute('burpVersion'), '2020.12.1');
    assert.equal(root.children.length, 1);
  });

  it('rejects a DOCTYPE after the root element', () => {
    assert.equal(rejection('<a><!DOCTYPE a [<!ELEMENT a ANY>]></a>', { ignoreElementDeclarations: true }).code, 'xml_dtd_rejected');
  });

  it('keeps reserved names harmless', () => {
    const root = parseXmlDocument('<r __proto__="x"><__proto__><polluted>yes</polluted></__proto__><constructor/><hasOwnProperty>h</hasOwnProperty></r>');
    assert.equal(root.child('__proto__')?.childText('polluted'), 'yes');
    assert.equal(root.attribute('__proto__'), 'x');
    assert.ok(root.child('constructor') !== null);
    assert.equal(root.childText('hasOwnProperty'), 'h');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });
});

describe('parseXmlDocument values', () => {
  it('decodes the predefined entities', () => {
    assert.equal(parseXmlDocument('<a>&lt;p&gt; &amp; &quot;x&quot; &apos;y&apos;</a>').text, '<p> & "x" \'y\'');
  });

  it('decodes character references', () => {
    assert.equal(parseXmlDocument('<a>&#60;&#x41;&#233;</a>').text, '<Aé');
  });

  it('leaves other entity references as written', () => {
    assert.equal(parseXmlDocument('<a>&nbsp;&foo;</a>').text, '&nbsp;&foo;');
  });

  it('decodes once only', () => {
    assert.equal(parseXmlDocument('<a>&amp;lt;</a>').text, '&lt;');
  });

  it('keeps numbers and booleans as strings', () => {
    const root = parseXmlDocument('<a n="007" b="true"><v>0012</v><w>1e5</w></a>');
    assert.equal(root.attribute('n'), '007');
    assert.equal(root.attribute('b'), 'true');
    assert.equal(root.childText('v'), '0012');
    assert.equal(root.childText('w'), '1e5');
  });

  it('keeps CDATA as written', () => {
    assert.equal(parseXmlDocument('<a><![CDATA[<p>&lt;raw</p>]]></a>').text, '<p>&lt;raw</p>');
  });

  it('decodes attribute values', () => {
    assert.equal(parseXmlDocument('<a href="x?a=1&amp;b=2"/>').attribute('href'), 'x?a=1&b=2');
  });

  it('writes XPath-like paths', () => {
    const root = parseXmlDocument('<r><s/><s><t/><t/></s></r>');
    assert.equal(root.path, '/r');
    assert.equal(root.childrenNamed('s')[1]?.childrenNamed('t')[1]?.path, '/r/s[2]/t[2]');
  });
});

describe('parseXmlDocument broken input', () => {
  it('rejects a truncated document', () => {
    const error = rejection('<?xml version="1.0"?>\n<a>\n<b>text</b>\n<c>');
    assert.equal(error.code, 'truncated_xml');
    assert.match(error.message, /<c>/);
  });

  it('rejects a mismatched closing tag', () => {
    const error = rejection('<a>\n<b></c>\n</a>');
    assert.equal(error.code, 'invalid_xml');
    assert.equal(error.location, 'line 2');
  });

  it('rejects text that is not XML', () => {
    assert.equal(rejection('plain text').code, 'invalid_xml');
  });

  it('rejects two root elements', () => {
    assert.equal(rejection('<a/><b/>').code, 'invalid_xml');
  });

  it('locates an unclosed quote in a declaration', () => {
    const error = rejection('<?"ml version="1.0" ?>\n<a/>');
    assert.equal(error.code, 'invalid_xml');
    assert.match(error.message, /quote/);
    assert.equal(error.location, 'line 1');
  });

  it('accepts quoted values in a declaration', () => {
    assert.equal(parseXmlDocument('<?xml version="1.0" encoding=\'UTF-8\'?>\n<?xml-stylesheet href="a?b.xsl"?>\n<a/>').name, 'a');
  });
});

describe('xmlRootTag', () => {
  it('skips declaration, comments and DOCTYPE', () => {
    const root = xmlRootTag(BURP_LIKE.replace('<!DOCTYPE', '<!-- export -->\n<!DOCTYPE'));
    assert.equal(root?.name, 'issues');
    assert.match(root?.startTag ?? '', /burpVersion=/);
  });

  it('returns null for JSON', () => {
    assert.equal(xmlRootTag('{"a": 1}'), null);
  });
});
