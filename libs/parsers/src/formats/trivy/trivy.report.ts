import { imageName } from '@sieve/domain';
import { field, str, strings, type JsonObject } from '../../json-access.js';
import type { OsRelease } from './trivy.context.js';
import { isOsFamily } from './trivy.package.js';

// `trivy image --input image.tar` names the archive file in ArtifactName; the
// image's own name is then only in Metadata.RepoTags.
const IMAGE_ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.zst)$/i;

// Target text of an OS package result, for example "debian (debian 10.8)".
const TARGET_OS = /\(([a-z][\w.-]*) ([^()\s]+)\)\s*$/i;

/** Returns the scanned image without tag, and its manifest digest (or the image id when no digest is given). */
export function imageReference(report: JsonObject): { name: string | null; digest: string | null } {
  const metadata = field(report, 'Metadata');
  const artifactName = str(field(report, 'ArtifactName'));
  const repoTag = strings(field(metadata, 'RepoTags'))[0] ?? str(field(metadata, 'Reference'));
  const reference = artifactName !== null && IMAGE_ARCHIVE.test(artifactName) && repoTag ? repoTag : artifactName;

  const repoDigest = strings(field(metadata, 'RepoDigests'))[0] ?? null;
  const digest = digestOf(artifactName) ?? digestOf(repoDigest) ?? str(field(metadata, 'ImageID'));
  return { name: reference === null ? null : imageName(reference), digest };
}

function digestOf(reference: string | null): string | null {
  const at = reference?.indexOf('@') ?? -1;
  return reference !== null && at >= 0 ? reference.slice(at + 1) : null;
}

/**
 * Returns the asset the report names: the image without tag for an image
 * scan, else ArtifactName without a trailing slash or ".git". A bare "." (a
 * scan of the working directory) names nothing, so it gives null.
 */
export function reportAssetName(report: JsonObject): string | null {
  if (str(field(report, 'ArtifactType')) === 'container_image') {
    return imageReference(report).name;
  }
  const name = str(field(report, 'ArtifactName'))
    ?.replace(/\/+$/, '')
    .replace(/\.git$/, '');
  return name === undefined || name === '' || name === '.' ? null : name;
}

/** Reads the OS from Metadata.OS, as written by SchemaVersion 2 reports of images and root file systems. */
export function reportOs(metadata: unknown): OsRelease | null {
  const os = field(metadata, 'OS');
  const family = str(field(os, 'Family'));
  return family === null ? null : { family: family.toLowerCase(), version: str(field(os, 'Name')) };
}

/** Reads the OS from a result's Target text ("debian (debian 10.8)"), or from its Type with no version. */
export function targetOs(target: string | null, type: string | null): OsRelease | null {
  const match = target === null ? null : TARGET_OS.exec(target);
  if (match?.[1] !== undefined && match[2] !== undefined) {
    return { family: match[1].toLowerCase(), version: match[2] };
  }
  return type !== null && isOsFamily(type) ? { family: type.toLowerCase(), version: null } : null;
}
