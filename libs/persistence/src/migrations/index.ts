import { CreateCoreTables1764892800000 } from './1764892800000-CreateCoreTables.js';
import { AddRiskContext1764990000000 } from './1764990000000-AddRiskContext.js';
import { RecordMergeProvenance1765000000000 } from './1765000000000-RecordMergeProvenance.js';
import { RecordFindingSplits1765000000001 } from './1765000000001-RecordFindingSplits.js';
import { RecordTriageDecisions1765000000002 } from './1765000000002-RecordTriageDecisions.js';
import { CountMissedScans1765000000003 } from './1765000000003-CountMissedScans.js';
import { AddSightingHashes1765000000004 } from './1765000000004-AddSightingHashes.js';
import { AddVulnerabilityAliases1765000000005 } from './1765000000005-AddVulnerabilityAliases.js';
import { StoreReportsInChunks1765000000006 } from './1765000000006-StoreReportsInChunks.js';

/** Every migration in order. The same list runs on PGlite and on PostgreSQL. */
export const MIGRATIONS = [
  CreateCoreTables1764892800000,
  AddRiskContext1764990000000,
  RecordMergeProvenance1765000000000,
  RecordFindingSplits1765000000001,
  RecordTriageDecisions1765000000002,
  CountMissedScans1765000000003,
  AddSightingHashes1765000000004,
  AddVulnerabilityAliases1765000000005,
  StoreReportsInChunks1765000000006,
];
