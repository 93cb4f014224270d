import { basename } from 'node:path';
import type { VulnerabilityIntel } from '@sieve/contracts';
import { normalizeVulnerabilityId } from '@sieve/domain';
import { findCatalogFiles } from './catalog-files.finder.js';
import type { ContextWarning } from './context-warning.model.js';
import { readTextFile } from './text-file.reader.js';

/** Largest OSV file read. One OSV record is a few kilobytes; an exported list of records stays well under this. */
export const MAX_OSV_FILE_BYTES = 64 * 1024 * 1024;

/** Most OSV files read below one folder. */
export const MAX_OSV_FILES = 200_000;

export interface OsvAliasesLoadResult {
  /** One record per id named anywhere in a group, listing the other ids of the group as aliases. */
  intel: VulnerabilityIntel[];
  warnings: ContextWarning[];
}

/**
 * Loads vulnerability aliases from OSV records: one `.json` file, or every
 * `.json` file below a folder (as the OSV database exports them). A file may
 * hold one record or a list of records. Each record's `id` and `aliases` are
 * one group, and a group that shares an id with another is joined to it, so a
 * CVE id, its GHSA id and its Go id all end up aliases of each other. A file that is not JSON, or a record without an `id`, is skipped
 * with a warning naming it.
 *
 * Throws ContextSourceError when the path does not exist.
 */
export function loadOsvAliases(path: string, now = Date.now()): OsvAliasesLoadResult {
  const warnings: ContextWarning[] = [];
  const groups = new AliasGroups();
  for (const file of osvFiles(path, warnings)) {
    let json: unknown;
    try {
      json = JSON.parse(readTextFile(file, MAX_OSV_FILE_BYTES));
    } catch (error) {
      warnings.push({ message: `file skipped: ${(error as Error).message}`, location: file });
      continue;
    }
    const records = Array.isArray(json) ? json : [json];
    records.forEach((record, index) => {
      const ids = idsOf(record);
      if (ids === null) {
        warnings.push({ message: 'OSV record skipped: it has no "id"', location: Array.isArray(json) ? `${file}#/${index}` : file });
        return;
      }
      groups.add(ids);
    });
  }

  const source = `osv:${basename(path)}`;
  const intel = groups.list().flatMap((group) =>
    group.map((id): VulnerabilityIntel => ({ vulnerabilityId: id, kev: null, epss: null, aliases: group.filter((other) => other !== id), source, updatedAt: now })),
  );
  return { intel, warnings };
}

function idsOf(record: unknown): string[] | null {
  if (record === null || typeof record !== 'object') return null;
  const { id, aliases } = record as { id?: unknown; aliases?: unknown };
  if (typeof id !== 'string' || id.trim() === '') return null;
  const others = Array.isArray(aliases) ? aliases.filter((alias): alias is string => typeof alias === 'string' && alias.trim() !== '') : [];
  return [...new Set([id, ...others].map(normalizeVulnerabilityId))];
}

function osvFiles(path: string, warnings: ContextWarning[]): string[] {
  const found = findCatalogFiles(path, MAX_OSV_FILES, { pattern: /\.json$/i, kind: 'OSV' });
  if (found.truncated) {
    warnings.push({ message: `folder contains more than ${MAX_OSV_FILES} OSV files, so only the first ${MAX_OSV_FILES} were read`, location: path });
  }
  for (const folder of found.unreadableFolders) {
    warnings.push({ message: 'folder could not be listed and was skipped', location: folder });
  }
  return found.files;
}

/** Groups of ids that name one vulnerability, joined whenever two groups share an id. */
class AliasGroups {
  private readonly groupOf = new Map<string, Set<string>>();

  add(ids: string[]): void {
    const merged = new Set<string>(ids);
    for (const id of ids) {
      for (const other of this.groupOf.get(id) ?? []) merged.add(other);
    }
    for (const id of merged) this.groupOf.set(id, merged);
  }

  list(): string[][] {
    return [...new Set(this.groupOf.values())].map((group) => [...group].sort()).filter((group) => group.length > 1);
  }
}
