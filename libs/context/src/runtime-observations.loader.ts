import { normalizeVulnerabilityId, packageIdentity, parsePurl } from '@sieve/domain';
import { basename } from 'node:path';
import type { z } from 'zod';
import { ContextSourceError } from './context-source.error.js';
import type { ContextWarning } from './context-warning.model.js';
import type { ObservedFunction, ObservedPackage, RuntimeObservations } from './runtime-observations.model.js';
import { observedFunctionSchema, observedPackageSchema, RUNTIME_OBSERVATIONS_SCHEMA, runtimeObservationsEnvelopeSchema } from './runtime-observations.schema.js';
import { readTextFile } from './text-file.reader.js';

/** Largest observations file read. A service with 5,000 packages and functions gives well under 2 MB. */
export const MAX_RUNTIME_OBSERVATIONS_BYTES = 32 * 1024 * 1024;

export interface RuntimeObservationsLoadResult {
  observations: RuntimeObservations;
  warnings: ContextWarning[];
}

/**
 * Loads one runtime observations file (`sieve.runtime-observations/v1`).
 * The source is `runtime:<file name>`. A package or function entry that is
 * invalid, or whose purl cannot be parsed, is skipped with a warning naming
 * its JSON pointer. Without `ecosystems`, the sensor is taken to watch the
 * purl types of the packages it lists.
 *
 * Throws ContextSourceError when the file is missing, too large, not JSON, or
 * not in this format.
 */
export function loadRuntimeObservations(path: string): RuntimeObservationsLoadResult {
  const text = readTextFile(path, MAX_RUNTIME_OBSERVATIONS_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ContextSourceError('invalid_json', `${path}: invalid JSON: ${(error as Error).message}`, path, { cause: error });
  }

  const envelope = runtimeObservationsEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    throw new ContextSourceError(
      'not_runtime_observations',
      `${path} is not a runtime observations file: ${describeIssue(envelope.error)}. Expected "schema": "${RUNTIME_OBSERVATIONS_SCHEMA}" with service and window.`,
      path,
    );
  }

  const data = envelope.data;
  const warnings: ContextWarning[] = [];
  const packages = readEntries(data.packages, 'packages', path, warnings, (entry) => {
    const parsed = observedPackageSchema.safeParse(entry);
    if (!parsed.success) return describeIssue(parsed.error);
    return withIdentity(parsed.data, (identity, version): ObservedPackage => ({ ...parsed.data, identity, version }));
  });
  const functions = readEntries(data.functions, 'functions', path, warnings, (entry) => {
    const parsed = observedFunctionSchema.safeParse(entry);
    if (!parsed.success) return describeIssue(parsed.error);
    const vulnerabilityIds = parsed.data.vulnerabilityIds.map(normalizeVulnerabilityId);
    return withIdentity(parsed.data, (identity, version): ObservedFunction => ({ ...parsed.data, vulnerabilityIds, identity, version }));
  });

  const listedTypes = packages.map((entry) => parsePurl(entry.purl)?.type ?? '').filter((type) => type !== '');
  return {
    observations: {
      service: data.service,
      sensor: data.sensor ? { name: data.sensor.name, version: data.sensor.version ?? null } : null,
      window: data.window,
      ecosystems: [...new Set(data.ecosystems ?? listedTypes)],
      packages,
      functions,
      source: `runtime:${basename(path)}`,
    },
    warnings,
  };
}

/** Reads list entries; `read` returns the entry as an object, or a string naming why it was skipped. */
function readEntries<T extends object>(entries: unknown[], list: string, path: string, warnings: ContextWarning[], read: (entry: unknown) => T | string): T[] {
  const result: T[] = [];
  entries.forEach((entry, index) => {
    const outcome = read(entry);
    if (typeof outcome === 'string') {
      warnings.push({ message: `${list} entry skipped: ${outcome}`, location: `${path}#/${list}/${index}` });
      return;
    }
    result.push(outcome);
  });
  return result;
}

function withIdentity<T extends object>(entry: { purl: string }, build: (identity: string, version: string | null) => T): T | string {
  const identity = packageIdentity(entry.purl);
  if (identity === null) {
    return `purl "${entry.purl}" is not a valid package URL`;
  }
  return build(identity, parsePurl(entry.purl)?.version ?? null);
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) {
    return 'invalid value';
  }
  const path = issue.path.map(String).join('.');
  const message = issue.message.replace(/^Invalid input: /, '');
  return path === '' ? message : `${path}: ${message}`;
}
