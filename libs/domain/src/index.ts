export * from './errors.js';
export * from './severity.js';
export * from './cvss.js';
export * from './purl.js';
export * from './vulnerability-ids.js';
export * from './secrets.js';
export * from './location.js';
export * from './uuid.js';
export type {
  FindingCategory,
  FindingStatus,
  ParsedFinding,
  NormalizedFinding,
  Package,
  Tool,
  Exposure,
  Priority,
} from '@sieve/contracts';
export * from './secret-redactor.js';
