import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { burpParameter } from './burp.location.js';
import { burpXmlFormat } from './burp-xml.parser.js';

const FOLDER = 'burp-xml';
const MANY = 'burp-1.6.05_16-issues.xml';
const BLANK_RESPONSE = 'burp-1.6.05_blank-response.xml';
const WITH_CWE = 'burp-2020.12.1_1-issue_cwe.xml';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'semgrep-oss-1.69.0_juice-shop_77-results.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-dev_image_alpine-3.10_schema2_4-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
  ['burp-api-json', 'burp-enterprise-api_juice-shop_25-issues.json'],
  ['zap-xml', 'zap-2.10.0_juice-shop-herokuapp.xml'],
  ['nessus', 'nessus-v2_1-host_7-items.nessus.xml'],
];

function sampleText(file: string): string {
  return readSample(FOLDER, file).toString('utf8');
}

function parseText(text: string) {
  return burpXmlFormat.parse(new ReportInput(Buffer.from(text)));
}

/** Text of each <issue> of an export, in order. */
function issues(text: string): string[] {
  return text.split('<issue>').slice(1);
}

/** Text of an element, with a CDATA wrapper removed. */
function element(text: string, name: string): string | undefined {
  const raw = new RegExp(`<${name}(?: [^>]*)?>([\\s\\S]*?)</${name}>`).exec(text)?.[1];
  return raw?.replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1');
}

describe('burpXmlFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(burpXmlFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks burp-xml for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'burp-xml');
    });
  }

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(burpXmlFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('burpXmlFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every issue of ${file}`, () => {
      const parsed = parseText(sampleText(file));
      assert.equal(parsed.findings.length, issues(sampleText(file)).length);
      assert.equal(parsed.complete, true);
    });
  }
});

describe('burpXmlFormat.parse fields', () => {
  it('maps High to high', () => {
    const issue = issues(sampleText(MANY))[3] ?? '';
    const finding = parseText(sampleText(MANY)).findings[3];
    assert.equal(element(issue, 'severity'), 'High');
    assert.equal(finding?.severity, 'high');
    assert.equal(finding?.toolSeverity, 'High');
  });

  it('maps Information to info', () => {
    assert.equal(element(issues(sampleText(MANY))[0] ?? '', 'severity'), 'Information');
    assert.equal(parseText(sampleText(MANY)).findings[0]?.severity, 'info');
  });

  it('maps Low to low', () => {
    const index = issues(sampleText(MANY)).findIndex((issue) => element(issue, 'severity') === 'Low');
    assert.ok(index >= 0);
    assert.equal(parseText(sampleText(MANY)).findings[index]?.severity, 'low');
  });

  it('maps Medium to medium', () => {
    const text = sampleText(MANY).replace('<severity>Information</severity>', '<severity>Medium</severity>');
    assert.equal(parseText(text).findings[0]?.severity, 'medium');
  });

  it('reads URL, method and parameter', () => {
    const issue = issues(sampleText(MANY))[3] ?? '';
    const finding = parseText(sampleText(MANY)).findings[3];
    assert.equal(element(issue, 'location'), '/bodgeit/search.jsp [q parameter]');
    assert.equal(finding?.category, 'dast');
    assert.equal(finding?.location.url, `${element(issue, 'host')}${element(issue, 'path')}`);
    assert.equal(finding?.location.method, /<request method="(\w+)"/.exec(issue)?.[1]);
    assert.equal(finding?.location.parameter, 'q');
    assert.equal(finding?.ruleId, element(issue, 'type'));
    assert.equal(finding?.sourcePointer, '/issues/issue[4]');
  });

  it('reads CWE links', () => {
    const links = element(issues(sampleText(WITH_CWE))[0] ?? '', 'vulnerabilityClassifications') ?? '';
    const expected = [...links.matchAll(/>(CWE-\d+):/g)].map((match) => match[1]);
    assert.equal(expected.length, 2);
    assert.deepEqual(parseText(sampleText(WITH_CWE)).findings[0]?.cwes, expected);
  });

  it('reads old exports without CWE', () => {
    assert.equal(sampleText(MANY).includes('vulnerabilityClassifications>'), false);
    assert.ok(parseText(sampleText(MANY)).findings.every((finding) => finding.cwes.length === 0));
  });

  it('reads an issue with a blank response', () => {
    const finding = parseText(sampleText(BLANK_RESPONSE)).findings[0];
    assert.equal(finding?.severity, 'high');
    assert.equal(finding?.location.parameter, 'b_id');
  });

  it('stores no request or response', () => {
    const issue = issues(sampleText(WITH_CWE))[0] ?? '';
    const request = element(issue, 'request') ?? '';
    const decoded = Buffer.from(request, 'base64').toString('latin1');
    const serialized = JSON.stringify(parseText(sampleText(WITH_CWE)).findings);
    assert.match(decoded, /Authorization: Bearer/);
    assert.equal(serialized.includes(request.slice(0, 40)), false);
    assert.equal(serialized.includes('Authorization'), false);
  });

  it('strips HTML from the description', () => {
    const description = parseText(sampleText(WITH_CWE)).findings[0]?.description ?? '';
    assert.ok(description.startsWith('Unless directed otherwise, browsers may store'));
    assert.equal(description.includes('<p>'), false);
  });

  it('names version and host', () => {
    const parsed = parseText(sampleText(WITH_CWE));
    assert.deepEqual(parsed.tool, { name: 'burp', version: '2020.12.1' });
    assert.equal(parsed.assetName, 'https://example.com');
  });
});

describe('burpParameter', () => {
  it('reads a cookie name', () => {
    assert.equal(burpParameter('/bodgeit/basket.jsp [b_id cookie]'), 'b_id');
  });

  it('reads a header name', () => {
    assert.equal(burpParameter('/ [Referer HTTP header]'), 'Referer');
  });

  it('keeps a descriptive insertion point', () => {
    assert.equal(burpParameter('/a [URL path filename]'), 'URL path filename');
  });

  it('returns null without brackets', () => {
    assert.equal(burpParameter('/bodgeit/'), null);
  });
});

describe('burpXmlFormat.parse problems', () => {
  it('skips a malformed issue with a warning', () => {
    const text = sampleText(MANY);
    const second = issues(text)[1] ?? '';
    const corrupted = text.replace(second, second.replace(/<type>\d+<\/type>/, '').replace(/<name>[^<]*<\/name>/, ''));
    assert.notEqual(corrupted, text);

    const parsed = parseText(corrupted);

    assert.equal(parsed.findings.length, issues(text).length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/issues/issue[2]'));
  });

  it('rejects an entity in the DTD', () => {
    const text = sampleText(WITH_CWE).replace('<!ELEMENT issues (issue*)>', '<!ENTITY xxe SYSTEM "file:///etc/passwd">');
    assert.throws(
      () => parseText(text),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'xml_dtd_rejected' && error.location === 'line 3',
    );
  });

  it('rejects an export without a root issues element', () => {
    assert.throws(
      () => parseText('<?xml version="1.0"?><report burpVersion="1"/>'),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape',
    );
  });
});
