import type { Tool } from '@sieve/contracts';
import type { ParseWarning } from '../../report-format.js';

export const SNYK_TOOL: Tool = { name: 'snyk', version: null };

/** One project result of a Snyk report: a top-level object, an entry of the --all-projects array or an entry of applications[]. */
export interface SnykProject {
  record: Record<string, unknown>;
  /** JSON pointer to the project object. */
  pointer: string;
  /** True inside a `snyk container test` report, for the image's OS packages and its applications alike. */
  isContainer: boolean;
  /** Image name without tag for container reports, else null. */
  image: string | null;
  /** The manifest Snyk read, repository-relative, or null. */
  targetFile: string | null;
  /** Package manager of the project, used when a vulnerability names none. */
  packageManager: string | null;
}

export interface SnykScan {
  warnings: ParseWarning[];
}
