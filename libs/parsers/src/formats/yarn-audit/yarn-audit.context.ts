import type { Package, Tool } from '@sieve/contracts';
import { buildPackage } from '../../package-builder.js';
import type { ParseWarning } from '../../report-format.js';

export const YARN_AUDIT_TOOL: Tool = { name: 'yarn-audit', version: null };

export interface YarnAuditContext {
  warnings: ParseWarning[];
}

/** Builds an npm package; the version is null when the line does not give the installed one. */
export function npmPackage(name: string, version: string | null, fixedVersions: string[]): Package | null {
  return buildPackage({ type: 'npm', name, version, fixedVersions });
}

/** Location of a JSON Lines record, as used in warnings and source pointers. */
export function lineLocation(line: number): string {
  return `line ${line}`;
}
