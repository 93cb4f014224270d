import type { Tool } from '@sieve/contracts';
import type { ParseWarning } from '../../report-format.js';

export const OSV_SCANNER_TOOL: Tool = { name: 'osv-scanner', version: null };

/** The scanned package an OSV record applies to: packages[].package with the lock file it came from. */
export interface OsvPackageContext {
  ecosystem: string;
  name: string;
  version: string | null;
  /** Purl osv-scanner gives for the package, when it gives one. */
  purl: string | null;
  /** Commit of a git source, for results of type "git" that name no package. */
  commit: string | null;
  /** Lock file or directory, repository-relative. */
  sourcePath: string | null;
  warnings: ParseWarning[];
}
