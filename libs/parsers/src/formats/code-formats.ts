import type { ReportFormat } from '../report-format.js';
import { awsSecurityhubFormat } from './aws-securityhub/aws-securityhub.parser.js';
import { banditFormat } from './bandit/bandit.parser.js';
import { checkovFormat } from './checkov/checkov.parser.js';
import { githubCodeScanningFormat } from './github-code-scanning/github-code-scanning.parser.js';
import { gitlabSastFormat } from './gitlab-sast/gitlab-sast.parser.js';
import { kicsFormat } from './kics/kics.parser.js';
import { prowlerFormat } from './prowler/prowler.parser.js';
import { sonarqubeFormat } from './sonarqube/sonarqube.parser.js';
import { tfsecFormat } from './tfsec/tfsec.parser.js';
import { trufflehogFormat } from './trufflehog/trufflehog.parser.js';

/** Formats of this group, in detection order; listed in formats/index.ts after the first seven. */
export const CODE_FORMATS: ReportFormat[] = [banditFormat, checkovFormat, kicsFormat, tfsecFormat, gitlabSastFormat, githubCodeScanningFormat, sonarqubeFormat, awsSecurityhubFormat, prowlerFormat, trufflehogFormat];
