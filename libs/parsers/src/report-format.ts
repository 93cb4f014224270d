import type { ParsedFinding, Tool } from '@sieve/contracts';
import type { ReportInput } from './report-input.js';
import type { JsonByteSource } from './streaming/byte-source.js';
import type { FindingStream } from './streaming/finding-stream.js';

/** A record the parser skipped or a value it did not understand, with where it is. */
export interface ParseWarning {
  message: string;
  /** JSON pointer, line number or XPath of the record. */
  location: string | null;
}

/** One SBOM entry of the asset. */
export interface Component {
  purl: string;
  name: string;
  version: string | null;
  licenses: string[];
  /** True for a direct dependency, false for a transitive one, null when the report does not state it. */
  direct: boolean | null;
}

export interface ParseResult {
  tool: Tool;
  findings: ParsedFinding[];
  warnings: ParseWarning[];
  /** Asset the report names (an image without tag, a repository, a project), or null. */
  assetName: string | null;
  /**
   * True when the report is a complete scan of its scope, so that findings it
   * no longer lists may be closed. False for partial results (for example a
   * DAST scan still running) and for formats that cannot tell.
   */
  complete: boolean;
  components: Component[];
  /**
   * Secret values seen in the report, so the stored copy can be redacted.
   * Held in memory only; never put on a message or in the database.
   */
  secretValues: string[];
}

/**
 * A report format: how to recognise it from content and how to read it. Each
 * format lives in its own folder under formats/ and is listed once in the
 * registry.
 */
export interface ReportFormat {
  /** Stable id used in --tool and in output, for example "sarif" or "trivy". */
  id: string;
  /** Human-readable name with the versions covered. */
  displayName: string;
  /** True when the content is this format. Must not throw; cheap checks first. */
  detect(input: ReportInput): boolean;
  /** Reads the report. Throws ReportRejectedError for a report that is unusable as a whole. */
  parse(input: ReportInput): ParseResult;
  /**
   * Reads the report in bounded memory, yielding the same findings as `parse`
   * in the same order; the rest of the ParseResult is the stream's `summary`.
   * Only formats built for reports too large for one JSON.parse have it.
   */
  parseStream?(source: JsonByteSource): FindingStream;
  /**
   * True when the first bytes of a report (decoded, without a byte-order
   * mark) look like this format. Formats with parseStream have it, because a
   * report too large to read whole is detected from its start alone.
   */
  detectHead?(head: string): boolean;
}
