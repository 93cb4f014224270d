/**
 * Normalises a repository-relative path with forward slashes: drops a leading
 * `/`, empty segments and `.` segments, so `./src//a.ts` becomes `src/a.ts`.
 * Backslashes are kept, because on POSIX file systems they are part of a name.
 */
export function normalizeRepositoryPath(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}

/** Joins a folder prefix (an asset's root such as `services/payments/`) and a path below it. */
export function joinRepositoryPath(prefix: string, path: string): string {
  return normalizeRepositoryPath(`${prefix}/${path}`);
}
