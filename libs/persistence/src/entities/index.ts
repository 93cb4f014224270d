import { AssetEntity } from './asset.entity.js';
import { ComponentEntity } from './component.entity.js';
import { EvidenceEntity } from './evidence.entity.js';
import { FindingEventEntity } from './finding-event.entity.js';
import { FindingKeyEntity } from './finding-key.entity.js';
import { FindingSplitEntity } from './finding-split.entity.js';
import { FindingEntity } from './finding.entity.js';
import { ProcessedEventEntity } from './processed-event.entity.js';
import { ReportChunkEntity } from './report-chunk.entity.js';
import { ReportProgressEntity } from './report-progress.entity.js';
import { ReportEntity } from './report.entity.js';
import { VulnerabilityIntelEntity } from './vulnerability-intel.entity.js';

export {
  AssetEntity,
  ComponentEntity,
  EvidenceEntity,
  FindingEventEntity,
  FindingKeyEntity,
  FindingSplitEntity,
  FindingEntity,
  ProcessedEventEntity,
  ReportChunkEntity,
  ReportProgressEntity,
  ReportEntity,
  VulnerabilityIntelEntity,
};

/**
 * Every table the migrations create, mapped for TypeORM. The migrations define
 * the schema; entities-match-migrations.int-spec.ts fails when the two differ.
 */
export const ENTITIES = [
  ReportEntity,
  ReportChunkEntity,
  AssetEntity,
  FindingEntity,
  FindingKeyEntity,
  EvidenceEntity,
  FindingEventEntity,
  FindingSplitEntity,
  ComponentEntity,
  VulnerabilityIntelEntity,
  ReportProgressEntity,
  ProcessedEventEntity,
];
