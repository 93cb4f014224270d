import type { AssetContext } from '@sieve/contracts';
import { statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { catalogSource, toAssetContext, toCatalogEntity, toCatalogGroup } from './backstage-entity.mapper.js';
import { findCatalogFiles } from './catalog-files.finder.js';
import { parseCatalogFile, type CatalogDocument } from './catalog-file.parser.js';
import { CATALOG_KINDS, type CatalogEntity, type CatalogKind, type CatalogLoadResult } from './catalog.model.js';
import { ContextSourceError } from './context-source.error.js';
import { readSieveAnnotations } from './sieve-annotations.parser.js';
import { readTextFile } from './text-file.reader.js';

/** Largest catalog file read. Real descriptor files are a few kilobytes. */
export const MAX_CATALOG_FILE_BYTES = 5 * 1024 * 1024;

/** Most YAML files read from one catalog folder. */
export const MAX_CATALOG_FILES = 10_000;

export interface CatalogLoadOptions {
  maxFileBytes?: number;
  maxFiles?: number;
}

/**
 * Loads Backstage entities from a `catalog-info.yaml` file, or from every
 * YAML file below a folder. Each Component becomes an asset context, and
 * Systems, APIs, Resources and Groups are returned as they are described. A file or
 * document that cannot be used is skipped with a warning and the rest still
 * loads. Sources name the file relative to the folder (or the file's own
 * folder), with forward slashes.
 *
 * Throws ContextSourceError when `path` does not exist.
 */
export function loadCatalog(path: string, options: CatalogLoadOptions = {}): CatalogLoadResult {
  const maxFiles = options.maxFiles ?? MAX_CATALOG_FILES;
  const result: CatalogLoadResult = { assets: [], components: [], systems: [], apis: [], resources: [], groups: [], warnings: [] };
  const found = findCatalogFiles(path, maxFiles);

  if (found.truncated) {
    result.warnings.push({ message: `folder contains more than ${maxFiles} YAML files, so only the first ${maxFiles} were read`, location: path });
  }
  for (const folder of found.unreadableFolders) {
    result.warnings.push({ message: 'folder could not be listed and was skipped', location: folder });
  }

  const firstSource = new Map<string, string>();
  for (const file of found.files) {
    const relativeFile = relative(found.root, file).split(sep).join('/');
    loadFile(file, relativeFile, options.maxFileBytes ?? MAX_CATALOG_FILE_BYTES, result, firstSource);
  }

  return result;
}

function loadFile(file: string, relativeFile: string, maxBytes: number, result: CatalogLoadResult, firstSource: Map<string, string>): void {
  let text: string;
  try {
    text = readTextFile(file, maxBytes);
  } catch (error) {
    if (!(error instanceof ContextSourceError)) {
      throw error;
    }
    result.warnings.push({ message: `file skipped: ${error.message}`, location: relativeFile });
    return;
  }

  // The file's modification time, so loading an unchanged file twice gives equal contexts.
  const updatedAt = Math.trunc(statSync(file).mtimeMs);
  const parsed = parseCatalogFile(text, relativeFile);
  result.warnings.push(...parsed.warnings);

  for (const document of parsed.documents) {
    const kind = CATALOG_KINDS.find((candidate) => candidate === document.entity.kind);
    if (kind === undefined) {
      continue;
    }

    const name = document.entity.metadata.name;
    const source = catalogSource(relativeFile, kind, name);
    const key = `${kind}:${name}`;
    const earlier = firstSource.get(key);
    if (earlier !== undefined) {
      result.warnings.push({ message: `duplicate ${kind} ${name} skipped because ${earlier} already defines it`, location: `${relativeFile}:${document.line}` });
      continue;
    }
    firstSource.set(key, source);

    addEntity(document, kind, source, relativeFile, updatedAt, result);
  }
}

function addEntity(document: CatalogDocument, kind: CatalogKind, source: string, relativeFile: string, updatedAt: number, result: CatalogLoadResult): void {
  const { entity } = document;
  if (kind === 'Group') {
    result.groups.push(toCatalogGroup(entity, source));
    return;
  }

  const catalogEntity = toCatalogEntity(entity, kind, source);
  if (kind === 'System') {
    result.systems.push(catalogEntity);
  } else if (kind === 'API') {
    result.apis.push(catalogEntity);
  } else if (kind === 'Resource') {
    result.resources.push(catalogEntity);
  } else {
    result.components.push(catalogEntity);
    result.assets.push(toComponentAsset(document, catalogEntity, source, relativeFile, updatedAt, result));
  }
}

function toComponentAsset(
  document: CatalogDocument,
  component: CatalogEntity,
  source: string,
  relativeFile: string,
  updatedAt: number,
  result: CatalogLoadResult,
): AssetContext {
  const annotations = readSieveAnnotations(document.entity.metadata.annotations ?? {});

  for (const invalid of annotations.invalid) {
    result.warnings.push({
      message: `invalid ${invalid.annotation} value "${invalid.value}" on Component ${component.name} left unset; expected ${invalid.expected}`,
      location: `${relativeFile}:${document.lineOf(['metadata', 'annotations', invalid.annotation])}`,
    });
  }
  if (component.owner === null) {
    result.warnings.push({ message: `Component ${component.name} has no spec.owner`, location: `${relativeFile}:${document.line}` });
  }

  return toAssetContext(component, annotations, source, updatedAt);
}
