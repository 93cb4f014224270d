import { readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, join } from 'node:path';
import { ContextSourceError } from './context-source.error.js';

/** Folders that hold dependencies or version-control data, never a team's own catalog files. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

const YAML_FILE = /\.ya?ml$/i;

export interface CatalogFiles {
  /** The folder that source paths are relative to. */
  root: string;
  files: string[];
  /** Folders below the root that could not be listed. */
  unreadableFolders: string[];
  /** True when the search stopped at the file limit. */
  truncated: boolean;
}

export interface FileSearch {
  /** File names to list below a folder; YAML files by default. */
  pattern?: RegExp;
  /** Kind of file named in the not-found error, "catalog" by default. */
  kind?: string;
}

/**
 * Lists the files to read for a context path: the file itself, or every file
 * below a folder whose name matches the pattern (`*.yaml` and `*.yml` by
 * default), sorted. Symbolic links are not followed, so a link loop cannot
 * make the search endless. At most `maxFiles` files are returned.
 */
export function findCatalogFiles(path: string, maxFiles: number, search: FileSearch = {}): CatalogFiles {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    throw new ContextSourceError('not_found', `${path}: ${search.kind ?? 'catalog'} file or folder not found`, path, { cause: error });
  }

  if (!isDirectory) {
    return { root: dirname(path), files: [path], unreadableFolders: [], truncated: false };
  }

  const found: CatalogFiles = { root: path, files: [], unreadableFolders: [], truncated: false };
  collect(path, found, maxFiles, search.pattern ?? YAML_FILE);
  found.files.sort();
  return found;
}

function collect(folder: string, found: CatalogFiles, maxFiles: number, pattern: RegExp): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    found.unreadableFolders.push(folder);
    return;
  }

  // Sorted so that the files kept under the limit are the same on every run.
  entries.sort((a, b) => compareText(a.name, b.name));

  for (const entry of entries) {
    if (found.truncated) {
      return;
    }

    const path = join(folder, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) {
      collect(path, found, maxFiles, pattern);
    } else if (entry.isFile() && pattern.test(entry.name)) {
      if (found.files.length >= maxFiles) {
        found.truncated = true;
        return;
      }
      found.files.push(path);
    }
  }
}

function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
