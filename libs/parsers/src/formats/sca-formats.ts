import type { ReportFormat } from '../report-format.js';
import { dependencyTrackFormat } from './dependency-track/dependency-track.parser.js';
import { githubDependabotFormat } from './github-dependabot/github-dependabot.parser.js';
import { gitlabContainerScanningFormat } from './gitlab-container-scanning/gitlab-container-scanning.parser.js';
import { gitlabDependencyScanningFormat } from './gitlab-dependency-scanning/gitlab-dependency-scanning.parser.js';
import { govulncheckFormat } from './govulncheck/govulncheck.parser.js';
import { openvexFormat } from './openvex/openvex.parser.js';
import { osvScannerFormat } from './osv-scanner/osv-scanner.parser.js';
import { pipAuditFormat } from './pip-audit/pip-audit.parser.js';
import { snykFormat } from './snyk/snyk.parser.js';
import { spdxFormat } from './spdx/spdx.parser.js';
import { yarnAuditFormat } from './yarn-audit/yarn-audit.parser.js';

/**
 * Formats of this group, in detection order; listed in formats/index.ts after
 * the first seven. Formats with a marker of their own (OpenVEX's @context,
 * SPDX's spdxVersion, Dependency-Track's meta.application) come first, then
 * formats recognised by the shape of their records. yarn audit is last
 * because it is read as JSON Lines, not as one JSON document.
 */
export const SCA_FORMATS: ReportFormat[] = [
  openvexFormat,
  spdxFormat,
  dependencyTrackFormat,
  githubDependabotFormat,
  gitlabDependencyScanningFormat,
  gitlabContainerScanningFormat,
  govulncheckFormat,
  snykFormat,
  osvScannerFormat,
  pipAuditFormat,
  yarnAuditFormat,
];
