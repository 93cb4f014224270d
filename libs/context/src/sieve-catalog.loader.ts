import type { AssetContext } from '@sieve/contracts';
import { imageName } from '@sieve/domain';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { emptyAssetContext } from './asset-context.factory.js';
import type { ImageLink, RepositoryLink } from './asset-link.model.js';
import { MAX_CATALOG_FILE_BYTES } from './backstage-catalog.loader.js';
import { ContextSourceError } from './context-source.error.js';
import type { ContextWarning } from './context-warning.model.js';
import { assetFieldSchemas, assetNameSchema, sieveCatalogEnvelopeSchema, SIEVE_CATALOG_SCHEMA, type AssetField } from './sieve-catalog.schema.js';
import { readTextFile } from './text-file.reader.js';
import { parseYamlDocuments, type YamlDocument } from './yaml-documents.parser.js';

export interface SieveCatalogLoadResult {
  assets: AssetContext[];
  imageLinks: ImageLink[];
  repositoryLinks: RepositoryLink[];
  warnings: ContextWarning[];
}

interface EntryContext {
  document: YamlDocument;
  index: number;
  file: string;
  source: string;
  warnings: ContextWarning[];
}

/**
 * Loads a Sieve catalog file (`sieve-catalog.yaml`, format in the library
 * README): one asset context per entry, and the image and repository links
 * the entries state. Every value carries the source `sieve-catalog:<file>`,
 * where `<file>` is the file name. An entry without a valid name, or with the
 * name of an earlier entry, is skipped with a warning. A field with an
 * invalid value or an unknown key is reported and left unset.
 *
 * Throws ContextSourceError when the file is missing, too large, not YAML,
 * or not a Sieve catalog.
 */
export function loadSieveCatalog(path: string): SieveCatalogLoadResult {
  const file = basename(path);
  const text = readTextFile(path, MAX_CATALOG_FILE_BYTES);
  const updatedAt = Math.trunc(statSync(path).mtimeMs);
  const parsed = parseYamlDocuments(text, file);
  const document = parsed.documents[0];
  if (document === undefined) {
    const reason = parsed.warnings[0]?.message ?? 'the file is empty';
    throw new ContextSourceError('invalid_yaml', `${path} is not a Sieve catalog: ${reason}`, path);
  }

  const envelope = sieveCatalogEnvelopeSchema.safeParse(document.value);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    throw new ContextSourceError(
      'not_sieve_catalog',
      `${path} is not a Sieve catalog: ${issue?.path.map(String).join('.') || 'document'}: ${issue?.message ?? 'invalid'}. Expected "schema: ${SIEVE_CATALOG_SCHEMA}" and an "assets" list.`,
      path,
    );
  }

  const result: SieveCatalogLoadResult = { assets: [], imageLinks: [], repositoryLinks: [], warnings: [...parsed.warnings] };
  if (parsed.documents.length > 1) {
    result.warnings.push({ message: 'only the first YAML document is read; the others are ignored', location: `${file}:${parsed.documents[1]!.line}` });
  }

  const source = `sieve-catalog:${file}`;
  envelope.data.assets.forEach((entry, index) => {
    readEntry(entry, { document, index, file, source, warnings: result.warnings }, updatedAt, result);
  });
  return result;
}

function readEntry(entry: unknown, context: EntryContext, updatedAt: number, result: SieveCatalogLoadResult): void {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    warn(context, [], 'entry skipped: expected a mapping with a name');
    return;
  }

  const fields = entry as Record<string, unknown>;
  const name = assetNameSchema.safeParse(fields['name']);
  if (!name.success) {
    warn(context, ['name'], `entry skipped: name ${name.error.issues[0]?.message.replace(/^Invalid input: /, '') ?? 'is invalid'}`);
    return;
  }
  if (result.assets.some((asset) => asset.asset === name.data)) {
    warn(context, ['name'], `entry skipped: asset ${name.data} is already defined earlier in the file`);
    return;
  }

  const asset = emptyAssetContext(name.data, updatedAt);
  for (const [key, value] of Object.entries(fields)) {
    if (key !== 'name' && !(key in assetFieldSchemas)) {
      warn(context, [key], `unknown key ${key} ignored`);
    } else if (key !== 'name') {
      applyField(asset, key as AssetField, value, context, result);
    }
  }
  result.assets.push(asset);
}

function applyField(asset: AssetContext, field: AssetField, value: unknown, context: EntryContext, result: SieveCatalogLoadResult): void {
  const parsed = assetFieldSchemas[field].safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${field}.${issue.path.map(String).join('.')}` : field;
    warn(context, [field], `${where} left unset: ${issue?.message.replace(/^Invalid input: /, '') ?? 'invalid value'}`);
    return;
  }

  const { source } = context;
  const data = parsed.data;
  switch (field) {
    case 'kind':
    case 'system':
    case 'lifecycle':
      asset[field] = data as string;
      break;
    case 'owner':
      asset.owner = data as string;
      asset.ownerSource = source;
      break;
    case 'exposure':
      asset.exposure = data as AssetContext['exposure'];
      asset.exposureSource = source;
      break;
    case 'dataClasses':
      asset.dataClasses = data as string[];
      asset.dataClassesSource = source;
      break;
    case 'criticality':
      asset.criticality = data as string;
      asset.criticalitySource = source;
      break;
    case 'images':
      for (const image of new Set((data as string[]).map(imageName))) {
        asset.images.push(image);
        result.imageLinks.push({ image, asset: asset.asset, source });
      }
      break;
    case 'repositories':
      for (const repository of new Set((data as string[]).map(normalizeRepository))) {
        result.repositoryLinks.push({ repository, asset: asset.asset, source });
      }
      break;
  }
}

function normalizeRepository(repository: string): string {
  return repository.replace(/\/+$/, '').replace(/\.git$/, '');
}

function warn(context: EntryContext, path: string[], message: string): void {
  const line = context.document.lineOf(['assets', context.index, ...path]);
  context.warnings.push({ message: `assets.${context.index}: ${message}`, location: `${context.file}:${line}` });
}
