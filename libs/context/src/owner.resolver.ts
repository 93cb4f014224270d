/**
 * Decides who owns a finding, and records where that owner came from.
 *
 * Precedence, first match wins:
 * 1. The catalog owner of the asset (Backstage `spec.owner`), with the
 *    asset's `ownerSource`.
 * 2. For a finding with a path: the owners of the last CODEOWNERS rule that
 *    matches the path, joined with ", ", with source
 *    `codeowners:<file>:<line>`. A matching rule without owners un-assigns
 *    the path, so the result is no owner.
 * 3. For a finding without a path: the CODEOWNERS owners of the asset root,
 *    that is of a file placed directly in it.
 *
 * In a monorepo the CODEOWNERS file sits at the repository root while a
 * finding's path is relative to the asset. `pathPrefix` is the asset's root
 * within the repository (for example `services/payments/`) and is put in
 * front of the path before matching. When `codeowners` is null, the rules
 * stored on the asset are used.
 */
import type { AssetContext, CodeOwnerRule } from '@sieve/contracts';
import { matchCodeowners } from './codeowners.matcher.js';
import { joinRepositoryPath } from './repository-path.normalizer.js';

export interface CodeownersFile {
  rules: CodeOwnerRule[];
  /** The file the rules came from, as it appears in sources, for example `.github/CODEOWNERS`. */
  source: string;
}

/**
 * The parts of an asset context the resolver reads. A full AssetContext
 * fits, and so does a stored asset row reduced to its owner fields.
 */
export type OwnedAsset = Pick<AssetContext, 'owner' | 'ownerSource'> & Partial<Pick<AssetContext, 'codeOwners' | 'codeOwnersSource'>>;

export interface OwnerQuery {
  asset: OwnedAsset | null;
  codeowners: CodeownersFile | null;
  path: string | null;
  pathPrefix?: string;
}

export interface ResolvedOwner {
  owner: string | null;
  source: string | null;
}

// A name no CODEOWNERS pattern can spell out literally, so only wildcards
// and directory rules match it. It stands for "a file directly in the root".
const ROOT_FILE_PLACEHOLDER = '\u0000';

const NO_OWNER: ResolvedOwner = { owner: null, source: null };

export function resolveOwner(query: OwnerQuery): ResolvedOwner {
  const { asset, path } = query;
  if (asset?.owner) {
    return { owner: asset.owner, source: asset.ownerSource };
  }

  const codeowners = query.codeowners ?? codeownersOfAsset(asset);
  if (codeowners === null) {
    return NO_OWNER;
  }

  const prefix = query.pathPrefix ?? '';
  const target = path !== null && path !== '' ? path : ROOT_FILE_PLACEHOLDER;
  const match = matchCodeowners(codeowners.rules, joinRepositoryPath(prefix, target));
  if (match === null || match.owners.length === 0) {
    return NO_OWNER;
  }

  return { owner: match.owners.join(', '), source: `codeowners:${codeowners.source}:${match.line}` };
}

function codeownersOfAsset(asset: OwnedAsset | null): CodeownersFile | null {
  if (asset?.codeOwners === undefined || asset.codeOwners.length === 0) {
    return null;
  }
  return { rules: asset.codeOwners, source: asset.codeOwnersSource ?? 'CODEOWNERS' };
}
