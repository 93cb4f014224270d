import type { FindingView } from '@sieve/stages';
import type { QueueRenderer } from './queue-renderer.js';

interface Column {
  header: string;
  width: number;
  align?: 'right';
}

const COLUMNS: Column[] = [
  { header: 'RANK', width: 5, align: 'right' },
  { header: 'SCORE', width: 5, align: 'right' },
  { header: 'PRIO', width: 4 },
  { header: 'SEVERITY', width: 8 },
  { header: 'TITLE', width: 44 },
  { header: 'ASSET', width: 18 },
  { header: 'OWNER', width: 16 },
  { header: 'TOOLS', width: 18 },
  { header: 'TOP REASONS', width: 60 },
];

/** A fixed-width table of the queue, one line per finding; a status other than open follows the title. */
export class TableRenderer implements QueueRenderer {
  start(): string {
    return `${formatRow(COLUMNS.map((column) => column.header))}\n`;
  }

  page(findings: FindingView[]): string {
    return findings.map((finding) => `${formatRow(cellsOf(finding))}\n`).join('');
  }

  end(_inputs: unknown, findingCount: number): string {
    return findingCount === 0 ? '(no findings)\n' : '';
  }
}

function cellsOf(finding: FindingView): string[] {
  const status = finding.status === 'open' ? '' : ` [${finding.status}]`;
  return [
    String(finding.rank),
    finding.score === null ? '-' : finding.score.toFixed(1),
    finding.priority ?? '-',
    finding.severity,
    `${finding.title}${status}`,
    finding.asset,
    finding.owner ?? '-',
    [...new Set(finding.evidence.map((e) => e.tool))].join(','),
    finding.reasons.slice(0, 3).join('; '),
  ];
}

function formatRow(cells: string[]): string {
  return COLUMNS.map((column, index) => fit(cells[index] ?? '', column)).join('  ').trimEnd();
}

function fit(text: string, column: Column): string {
  const flat = text.replace(/\s+/g, ' ');
  const clipped = [...flat].length > column.width ? `${[...flat].slice(0, column.width - 1).join('')}…` : flat;
  return column.align === 'right' ? clipped.padStart(column.width) : clipped.padEnd(column.width);
}
