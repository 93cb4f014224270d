import type { AssetContext } from '@sieve/contracts';
import { statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { emptyAssetContext } from './asset-context.factory.js';
import type { ImageLink } from './asset-link.model.js';
import { MAX_CATALOG_FILE_BYTES, MAX_CATALOG_FILES, type CatalogLoadOptions } from './backstage-catalog.loader.js';
import { findCatalogFiles } from './catalog-files.finder.js';
import { ContextSourceError } from './context-source.error.js';
import type { ContextWarning } from './context-warning.model.js';
import { exposingSources } from './kubernetes-exposure.resolver.js';
import { readKubernetesObjects, type KubernetesObjects, type KubernetesWorkload } from './kubernetes-objects.reader.js';
import { readTextFile } from './text-file.reader.js';
import { parseYamlDocuments } from './yaml-documents.parser.js';

/** Labels that name the service a workload runs, first match wins: the Kubernetes recommended label, then the older convention. */
export const SERVICE_NAME_LABELS = ['app.kubernetes.io/name', 'app'] as const;

/** Labels that name the owning team, first match wins. */
export const OWNER_LABELS = ['team', 'owner'] as const;

/** Label that names the larger application a workload is part of; it gives the asset's system, not its owner. */
export const SYSTEM_LABEL = 'app.kubernetes.io/part-of';

export interface KubernetesManifestsLoadResult {
  /** One context per service, sorted by name; fields the manifests do not state are null. */
  assets: AssetContext[];
  imageLinks: ImageLink[];
  warnings: ContextWarning[];
}

/**
 * Loads Kubernetes manifests from a YAML file, or from every YAML file below
 * a folder, as asset contexts. Each workload (Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, Job, CronJob, Pod) belongs to the service its labels
 * name. A workload selected by a LoadBalancer or NodePort Service, or by a
 * Service behind an Ingress, is internet-facing. The container images of
 * workloads, without tag or digest, are linked to their service. Limits and
 * warnings are those of loadCatalog.
 *
 * Throws ContextSourceError when `path` does not exist.
 */
export function loadKubernetesManifests(path: string, options: CatalogLoadOptions = {}): KubernetesManifestsLoadResult {
  const maxFiles = options.maxFiles ?? MAX_CATALOG_FILES;
  const warnings: ContextWarning[] = [];
  const objects: KubernetesObjects = { workloads: [], services: [], ingresses: [] };
  const found = findCatalogFiles(path, maxFiles, { kind: 'Kubernetes manifest' });

  if (found.truncated) {
    warnings.push({ message: `folder contains more than ${maxFiles} YAML files, so only the first ${maxFiles} were read`, location: path });
  }
  for (const folder of found.unreadableFolders) {
    warnings.push({ message: 'folder could not be listed and was skipped', location: folder });
  }

  // The newest file's modification time, so loading unchanged files twice gives equal contexts.
  let updatedAt = 0;
  for (const file of found.files) {
    const relativeFile = relative(found.root, file).split(sep).join('/');
    try {
      const text = readTextFile(file, options.maxFileBytes ?? MAX_CATALOG_FILE_BYTES);
      updatedAt = Math.max(updatedAt, Math.trunc(statSync(file).mtimeMs));
      const parsed = parseYamlDocuments(text, relativeFile);
      warnings.push(...parsed.warnings);
      readKubernetesObjects(parsed.documents, relativeFile, objects, warnings);
    } catch (error) {
      if (!(error instanceof ContextSourceError)) throw error;
      warnings.push({ message: `file skipped: ${error.message}`, location: relativeFile });
    }
  }

  const exposedBy = exposingSources(objects, warnings);
  return { ...toAssets(objects.workloads, exposedBy, updatedAt, warnings), warnings };
}

/** Returns the service a workload runs: its first service-name label, on the workload and then on its pods, else the workload's name. */
export function serviceNameOf(workload: KubernetesWorkload): string {
  return firstLabel(workload, SERVICE_NAME_LABELS) ?? workload.name;
}

function toAssets(
  workloads: readonly KubernetesWorkload[],
  exposedBy: ReadonlyMap<KubernetesWorkload, string>,
  updatedAt: number,
  warnings: ContextWarning[],
): { assets: AssetContext[]; imageLinks: ImageLink[] } {
  const assets = new Map<string, AssetContext>();
  const imageLinks = new Map<string, ImageLink>();

  for (const workload of workloads) {
    const name = serviceNameOf(workload);
    const asset = assets.get(name) ?? { ...emptyAssetContext(name, updatedAt), kind: 'service' };
    assets.set(name, asset);

    const owner = firstLabel(workload, OWNER_LABELS);
    if (asset.owner === null && owner !== null) {
      asset.owner = owner;
      asset.ownerSource = workload.source;
    }
    const exposure = exposedBy.get(workload);
    if (asset.exposure === null && exposure !== undefined) {
      asset.exposure = 'internet';
      asset.exposureSource = exposure;
    }
    asset.system ??= firstLabel(workload, [SYSTEM_LABEL]);

    for (const image of workload.images) {
      if (!asset.images.includes(image)) asset.images.push(image);
      linkImage(imageLinks, { image, asset: name, source: workload.source }, warnings);
    }
  }

  const sorted = [...assets.values()].sort(byAssetName);
  return { assets: sorted, imageLinks: [...imageLinks.values()] };
}

// Compared by code unit, not locale, so the order is the same on every machine.
function byAssetName(a: AssetContext, b: AssetContext): number {
  if (a.asset === b.asset) {
    return 0;
  }
  return a.asset < b.asset ? -1 : 1;
}

function linkImage(links: Map<string, ImageLink>, link: ImageLink, warnings: ContextWarning[]): void {
  const key = `${link.image}\n${link.asset}`;
  if (links.has(key)) {
    return;
  }
  const other = [...links.values()].find((candidate) => candidate.image === link.image);
  if (other !== undefined) {
    warnings.push({
      message: `image ${link.image} runs in services ${other.asset} and ${link.asset}, so a report about it cannot be attributed to one of them`,
      location: link.source,
    });
  }
  links.set(key, link);
}

function firstLabel(workload: KubernetesWorkload, keys: readonly string[]): string | null {
  for (const labels of [workload.labels, workload.podLabels]) {
    for (const key of keys) {
      const value = labels[key]?.trim();
      if (value) return value;
    }
  }
  return null;
}
