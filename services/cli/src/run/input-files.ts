import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '@sieve/domain';

export interface ReportFile {
  /** Path as the user gave it or as found below a folder, for messages and output. */
  path: string;
  /** Name of the folder the report sits in: the asset when neither --asset nor the report names one. */
  folderName: string;
}

export interface InputScan {
  reports: ReportFile[];
  catalogFiles: string[];
  codeownersFiles: string[];
}

const CONTEXT_CATALOG = /^catalog-info\.ya?ml$/i;
const CONTEXT_CODEOWNERS = /^CODEOWNERS$/;

/**
 * Expands the command's inputs into report files, in a stable order. Inside a
 * folder, catalog-info.yaml and CODEOWNERS files are context, not reports, and
 * hidden files and Markdown are skipped. A file named directly is always a
 * report. A missing input is a usage error.
 */
export function scanInputs(inputs: string[]): InputScan {
  const scan: InputScan = { reports: [], catalogFiles: [], codeownersFiles: [] };
  for (const input of inputs) {
    let stats;
    try {
      stats = statSync(input);
    } catch {
      throw new UsageError(`input not found: ${input}`);
    }
    if (stats.isDirectory()) {
      walk(input, scan);
    } else {
      scan.reports.push({ path: input, folderName: folderNameOf(input) });
    }
  }
  return scan;
}

function walk(dir: string, scan: InputScan): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    const stats = statSync(path);
    if (stats.isDirectory()) {
      walk(path, scan);
    } else if (CONTEXT_CATALOG.test(name)) {
      scan.catalogFiles.push(path);
    } else if (CONTEXT_CODEOWNERS.test(name)) {
      scan.codeownersFiles.push(path);
    } else if (!/\.md$/i.test(name) && stats.isFile()) {
      scan.reports.push({ path, folderName: folderNameOf(path) });
    }
  }
}

function folderNameOf(path: string): string {
  return basename(dirname(resolve(path))) || 'default';
}
