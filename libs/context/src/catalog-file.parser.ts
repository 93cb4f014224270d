import { isNode, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { backstageEntitySchema, type BackstageEntity } from './backstage-entity.schema.js';
import type { ContextWarning } from './context-warning.model.js';

/**
 * Most alias expansions one document may make when converted to plain
 * values. Catalog files rarely use aliases, and the limit stops a "billion
 * laughs" document from expanding exponentially.
 */
export const MAX_YAML_ALIASES = 100;

/** One Backstage entity of a catalog file, with the lines of its parts for warnings. */
export interface CatalogDocument {
  entity: BackstageEntity;
  /** Line where the document's content starts. */
  line: number;
  /** Line of the node at `path` inside the entity, or of the document when the node is absent. */
  lineOf(path: readonly (string | number)[]): number;
}

export interface CatalogFileParseResult {
  documents: CatalogDocument[];
  warnings: ContextWarning[];
}

/**
 * Parses a multi-document YAML file and keeps the documents that are
 * Backstage entities (`apiVersion: backstage.io/...`). Other YAML, such as
 * Kubernetes manifests kept in the same folder, is passed over without a
 * warning. A document with a YAML error, too many aliases or an invalid
 * entity envelope is skipped with a warning naming `file` and the line. The
 * other documents still load.
 *
 * The YAML 1.2 core schema is used with no custom tags and none of the YAML
 * 1.1 tags (`!!binary`, `!!set`, ...), so a tagged value stays a plain string
 * and the tag is reported.
 */
export function parseCatalogFile(text: string, file: string): CatalogFileParseResult {
  const lineCounter = new LineCounter();
  const documents: CatalogDocument[] = [];
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
    const startLine = lineAt(document.contents?.range[0] ?? document.range[0]);

    const error = document.errors[0];
    if (error !== undefined) {
      warnings.push({ message: `${position} skipped: ${firstLine(error.message)}`, location: `${file}:${lineAt(error.pos[0])}` });
      return;
    }
    for (const warning of document.warnings) {
      warnings.push({ message: `${position}: ${firstLine(warning.message)}`, location: `${file}:${lineAt(warning.pos[0])}` });
    }

    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (conversionError) {
      warnings.push({ message: `${position} skipped: ${(conversionError as Error).message}`, location: `${file}:${startLine}` });
      return;
    }
    if (!isBackstageDocument(value)) {
      return;
    }

    const lineOf = (path: readonly (string | number)[]): number => lineOfNode(document, path, lineAt) ?? startLine;
    const result = backstageEntitySchema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const path = (issue?.path ?? []).filter((key): key is string | number => typeof key !== 'symbol');
      warnings.push({
        message: `${entityLabel(value)} skipped: ${path.join('.') || 'entity'}: ${issue?.message ?? 'invalid entity'}`,
        location: `${file}:${lineOf(path)}`,
      });
      return;
    }

    documents.push({ entity: result.data, line: startLine, lineOf });
  });

  return { documents, warnings };
}

function isBackstageDocument(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const apiVersion: unknown = (value as Record<string, unknown>)['apiVersion'];
  return typeof apiVersion === 'string' && apiVersion.startsWith('backstage.io/');
}

function lineOfNode(document: Document.Parsed, path: readonly (string | number)[], lineAt: (offset: number) => number): number | null {
  const node: unknown = document.getIn(path, true);
  if (!isNode(node) || node.range === undefined || node.range === null) {
    return null;
  }
  return lineAt(node.range[0]);
}

/** Names an entity in a warning by kind and name, as far as the document has them. */
function entityLabel(value: Record<string, unknown>): string {
  const kind = typeof value['kind'] === 'string' ? value['kind'] : 'entity';
  const metadata = value['metadata'];
  const name = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>)['name'] : undefined;
  return typeof name === 'string' ? `${kind} ${name}` : kind;
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
