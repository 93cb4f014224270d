import { isNode, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { MAX_YAML_ALIASES } from './catalog-file.parser.js';
import type { ContextWarning } from './context-warning.model.js';

/** One YAML document of a file as plain values, with the lines of its parts for warnings. */
export interface YamlDocument {
  value: unknown;
  /** Line where the document's content starts. */
  line: number;
  /** Line of the node at `path`, or of the document when the node is absent. */
  lineOf(path: readonly (string | number)[]): number;
}

export interface YamlDocumentsParseResult {
  documents: YamlDocument[];
  warnings: ContextWarning[];
}

/**
 * Parses a multi-document YAML file with the same safety settings as the
 * catalog parser: the YAML 1.2 core schema, no custom or YAML 1.1 tags,
 * unique keys and at most MAX_YAML_ALIASES alias expansions per document. A
 * document with an error is skipped with a warning naming `file` and the line.
 * Empty documents are dropped.
 */
export function parseYamlDocuments(text: string, file: string): YamlDocumentsParseResult {
  const lineCounter = new LineCounter();
  const documents: YamlDocument[] = [];
  const warnings: ContextWarning[] = [];
  const lineAt = (offset: number): number => Math.max(1, lineCounter.linePos(offset).line);

  const parsed = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    schema: 'core',
    customTags: [],
    resolveKnownTags: false,
    uniqueKeys: true,
    logLevel: 'silent',
  });

  parsed.forEach((document, index) => {
    const position = `YAML document ${index + 1}`;
    const error = document.errors[0];
    if (error !== undefined) {
      warnings.push({ message: `${position} skipped: ${firstLine(error.message)}`, location: `${file}:${lineAt(error.pos[0])}` });
      return;
    }

    const startLine = lineAt(document.contents?.range[0] ?? document.range[0]);
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (conversionError) {
      warnings.push({ message: `${position} skipped: ${(conversionError as Error).message}`, location: `${file}:${startLine}` });
      return;
    }
    if (value === null || value === undefined) {
      return;
    }

    const lineOf = (path: readonly (string | number)[]): number => lineOfNode(document, path, lineAt) ?? startLine;
    documents.push({ value, line: startLine, lineOf });
  });

  return { documents, warnings };
}

function lineOfNode(document: Document.Parsed, path: readonly (string | number)[], lineAt: (offset: number) => number): number | null {
  const node: unknown = document.getIn(path, true);
  if (!isNode(node) || node.range === undefined || node.range === null) {
    return null;
  }
  return lineAt(node.range[0]);
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
