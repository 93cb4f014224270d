export { openByteSource, type ByteInput, type JsonByteSource, type RandomAccessBytes } from './byte-source.js';
export { JsonScanError } from './json-scan-error.js';
export type { JsonPath, JsonValueEvent } from './json-events.js';
export type { JsonSelection, SplitSelection } from './json-selection.js';
export { DEFAULT_SCAN_OPTIONS, streamJsonBatches, streamJsonValues, type ScanOptions } from './json-value-stream.js';
export { findingStream, findingsInMemory, type FindingStream, type ParseSummary, type StreamProgress } from './finding-stream.js';
