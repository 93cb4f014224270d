import type { Tool } from '@sieve/contracts';
import type { ParseWarning } from '../../report-format.js';

/** Report-wide state shared by the matches of one Grype report. */
export interface GrypeScan {
  tool: Tool;
  /** True when Grype scanned an image (source.type "image"). */
  isImage: boolean;
  image: string | null;
  imageDigest: string | null;
  /** The distro Grype detected (top-level "distro"), needed to build OS package purls. */
  distro: { name: string; version: string | null } | null;
  warnings: ParseWarning[];
}
