export * from './scoring-policy.js';
export * from './risk-score.js';
export { ScoringPolicyError, type ScoringPolicyErrorCode } from './scoring-policy.error.js';
export { loadScoringPolicy, parseScoringPolicy, MAX_POLICY_FILE_BYTES, type FilePolicy } from './policy-file.loader.js';
export { slaDueDate } from './sla.js';
export { whatIf, type RankMovement, type SlaChange, type WhatIfFinding, type WhatIfOutcome, type WhatIfSummary } from './what-if.js';
export { ssvcDecision, type SsvcDecision, type SsvcExploitation, type SsvcInputs, type SsvcMissionImpact, type SsvcTechnicalImpact } from './ssvc.decision.js';
export { deriveSsvcInputs, SSVC_EPSS_POC_THRESHOLD } from './ssvc-inputs.js';
