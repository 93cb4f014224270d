import type { FindingView } from '@sieve/stages';
import type { QueueRenderer } from './queue-renderer.js';

const COLUMNS = ['rank', 'id', 'score', 'priority', 'severity', 'status', 'category', 'title', 'asset', 'owner', 'vulnerability_ids', 'cwes', 'package', 'path', 'line', 'tools', 'reasons'];

/** One row per finding, RFC 4180 quoting; list fields are joined with spaces. */
export class CsvRenderer implements QueueRenderer {
  start(): string {
    return `${COLUMNS.join(',')}\r\n`;
  }

  page(findings: FindingView[]): string {
    return findings.map((finding) => `${rowOf(finding).map(quote).join(',')}\r\n`).join('');
  }

  end(): string {
    return '';
  }
}

function rowOf(finding: FindingView): Array<string | number> {
  return [
    finding.rank,
    finding.id,
    finding.score ?? '',
    finding.priority ?? '',
    finding.severity,
    finding.status,
    finding.category,
    finding.title,
    finding.asset,
    finding.owner ?? '',
    finding.vulnerabilityIds.join(' '),
    finding.cwes.join(' '),
    finding.package ?? '',
    finding.location['path'] ?? finding.location['url'] ?? '',
    finding.location['startLine'] ?? '',
    [...new Set(finding.evidence.map((e) => e.tool))].join(' '),
    finding.reasons.join('; '),
  ];
}

function quote(value: string | number): string {
  const text = String(value);
  // A leading =, +, - or @ makes spreadsheets evaluate the cell as a formula.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
