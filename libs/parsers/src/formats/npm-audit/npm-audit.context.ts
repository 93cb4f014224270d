import type { Package, Tool } from '@sieve/contracts';
import type { ParseWarning } from '../../report-format.js';
import { buildPackage } from '../../package-builder.js';
import { str, strings } from '../../json-access.js';

export const NPM_AUDIT_TOOL: Tool = { name: 'npm-audit', version: null };

/** Builds an npm package; the version is null when the report does not give the installed one. */
export function npmPackage(name: string, version: string | null, fixedVersions: string[]): Package | null {
  return buildPackage({ type: 'npm', name, version, fixedVersions });
}

export interface NpmAuditContext {
  warnings: ParseWarning[];
}

/** Reads a field that npm writes as one string in some versions and as a list in others, such as cwe. */
export function stringOrList(value: unknown): string[] {
  const single = str(value);
  return single === null ? strings(value) : [single];
}
