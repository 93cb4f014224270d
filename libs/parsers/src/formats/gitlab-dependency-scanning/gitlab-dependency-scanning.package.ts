import type { Package } from '@sieve/contracts';
import { arr, field, str, type JsonObject } from '../../json-access.js';
import { buildPackage } from '../../package-builder.js';

// package_manager values of dependency_files[] to purl types.
const PACKAGE_MANAGER_PURL_TYPES = new Map<string, string>([
  ['npm', 'npm'],
  ['yarn', 'npm'],
  ['pnpm', 'npm'],
  ['bundler', 'gem'],
  ['go', 'golang'],
  ['maven', 'maven'],
  ['gradle', 'maven'],
  ['sbt', 'maven'],
  ['pip', 'pypi'],
  ['pipenv', 'pypi'],
  ['poetry', 'pypi'],
  ['setuptools', 'pypi'],
  ['conda', 'conda'],
  ['composer', 'composer'],
  ['nuget', 'nuget'],
  ['conan', 'conan'],
  ['cargo', 'cargo'],
  ['swift', 'swift'],
  ['cocoapods', 'cocoapods'],
]);

// Lock and manifest file names to purl types, for reports whose dependency_files[] does not list the file.
const FILE_PURL_TYPES = new Map<string, string>([
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
  ['yarn.lock', 'npm'],
  ['pnpm-lock.yaml', 'npm'],
  ['gemfile.lock', 'gem'],
  ['go.sum', 'golang'],
  ['go.mod', 'golang'],
  ['pom.xml', 'maven'],
  ['build.gradle', 'maven'],
  ['build.gradle.kts', 'maven'],
  ['build.sbt', 'maven'],
  ['gradle.lockfile', 'maven'],
  ['requirements.txt', 'pypi'],
  ['pipfile.lock', 'pypi'],
  ['poetry.lock', 'pypi'],
  ['setup.py', 'pypi'],
  ['composer.lock', 'composer'],
  ['packages.lock.json', 'nuget'],
  ['conan.lock', 'conan'],
  ['cargo.lock', 'cargo'],
]);

/** Returns the purl type of a dependency file from its package_manager in dependency_files[], else from its file name. */
export function purlTypeForFile(report: JsonObject, file: string | null): string {
  if (file === null) {
    return 'generic';
  }
  const listed = arr(field(report, 'dependency_files')).find((entry) => str(field(entry, 'path')) === file);
  const manager = str(field(listed, 'package_manager'))?.toLowerCase();
  const byManager = manager === undefined ? undefined : PACKAGE_MANAGER_PURL_TYPES.get(manager);
  const fileName = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  return byManager ?? FILE_PURL_TYPES.get(fileName) ?? 'generic';
}

/**
 * Builds the dependency's package. Gemnasium writes Maven packages as
 * "group/artifact", so for Maven a "/" separates the group when there is no ":".
 */
export function dependencyPackage(type: string, name: string, version: string | null, fixedVersions: string[]): Package | null {
  if (type === 'maven' && !name.includes(':') && name.includes('/')) {
    const at = name.lastIndexOf('/');
    return buildPackage({ type, namespace: name.slice(0, at), name: name.slice(at + 1), version, fixedVersions });
  }
  return buildPackage({ type, name, version, fixedVersions });
}
