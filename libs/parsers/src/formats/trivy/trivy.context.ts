import type { Tool } from '@sieve/contracts';
import type { ParseWarning } from '../../report-format.js';

/** Operating system of the scanned image or root file system. */
export interface OsRelease {
  /** Trivy's OS family: debian, ubuntu, alpine, redhat and so on. */
  family: string;
  version: string | null;
}

/** Report-wide state shared by the findings of one Trivy report. */
export interface TrivyScan {
  tool: Tool;
  /** True for an image scan (ArtifactType container_image). */
  isImage: boolean;
  /** True for the pre-0.20 array, where the category follows each result's class. */
  isLegacy: boolean;
  image: string | null;
  imageDigest: string | null;
  os: OsRelease | null;
  warnings: ParseWarning[];
  secretValues: string[];
}

/** One entry of Results: a scanned file, an OS package database or a language package set. */
export interface TrivyTarget {
  scan: TrivyScan;
  /** Target as written, for example "requirements.txt" or "debian (debian 10.8)". */
  target: string | null;
  /** os-pkgs, lang-pkgs, config, secret; derived from Type in the legacy array. */
  resultClass: string | null;
  /** Package manager or OS family, for example npm, pip, debian. */
  type: string | null;
  os: OsRelease | null;
  pointer: string;
}
