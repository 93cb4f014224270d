import { imageName, normalizeRepoPath } from '@sieve/domain';
import { arr, field, str, strings } from '../../json-access.js';

export interface ImageReference {
  image: string;
  imageDigest: string | null;
}

/**
 * Reads the image a Trivy image scan names in `run.properties`: its first repo
 * tag (the tarball or reference in `imageName` when it has none), and the
 * digest of its first repo digest. Returns null for runs that are not image scans.
 */
export function runImage(run: unknown): ImageReference | null {
  const properties = field(run, 'properties');
  const reference = strings(field(properties, 'repoTags'))[0] ?? str(field(properties, 'imageName'));
  if (reference === undefined || reference === null) {
    return null;
  }
  const repoDigest = strings(field(properties, 'repoDigests'))[0] ?? null;
  const digest = repoDigest?.split('@')[1] ?? null;
  return { image: imageName(reference), imageDigest: digest };
}

export interface GrypeImageLocation extends ImageReference {
  path: string | null;
}

// Grype writes "<image reference>@<digest>:<path in image>" (the digest may
// be empty) as the logical location of results from an image scan.
const GRYPE_IMAGE_LOCATION = /^(.+?)@(sha256:[0-9a-f]+)?:(\/.*)$/i;

/** Reads the image and path of a Grype image-scan result, or null for a directory scan. */
export function grypeImageLocation(result: unknown): GrypeImageLocation | null {
  const logical = arr(field(arr(field(result, 'locations'))[0], 'logicalLocations'))[0];
  const qualifiedName = str(field(logical, 'fullyQualifiedName'));
  const match = qualifiedName === null ? null : GRYPE_IMAGE_LOCATION.exec(qualifiedName);
  if (match === null || match[1] === undefined || match[3] === undefined) {
    return null;
  }
  const path = normalizeRepoPath(match[3]);
  return { image: imageName(match[1]), imageDigest: match[2] ?? null, path: path.length > 0 ? path : null };
}
