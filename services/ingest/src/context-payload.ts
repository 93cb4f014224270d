import type { AssetContext, VulnerabilityIntel } from '@sieve/contracts';
import { readTopicSchema } from '@sieve/contracts';
import avro from 'avsc';

/** Largest number of records one request may carry; EPSS for every scored CVE is about 300,000. */
export const MAX_CONTEXT_RECORDS = 500_000;

export interface ContextPayload {
  assets: AssetContext[];
  intel: VulnerabilityIntel[];
}

const assetType = avro.Type.forSchema(JSON.parse(readTopicSchema('sieve.asset.context.v1')) as avro.Schema);
const intelType = avro.Type.forSchema(JSON.parse(readTopicSchema('sieve.intel.vulnerability.v1')) as avro.Schema);

/**
 * Reads a `POST /v1/context` body: `{ "assets": [...], "intel": [...] }`
 * with records in the shape of the two compacted topics' schemas. Returns a
 * message naming the first invalid record and field, or the payload.
 */
export function readContextPayload(body: Buffer): ContextPayload | string {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return `request body is not JSON: ${(error as Error).message}`;
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return 'request body must be an object with "assets" and "intel" lists';
  }

  const { assets = [], intel = [] } = json as { assets?: unknown; intel?: unknown };
  if (!Array.isArray(assets) || !Array.isArray(intel)) {
    return '"assets" and "intel" must be lists';
  }
  if (assets.length + intel.length > MAX_CONTEXT_RECORDS) {
    return `request carries ${assets.length + intel.length} records; send at most ${MAX_CONTEXT_RECORDS} per request`;
  }

  const invalid = firstInvalid(assets, assetType, 'assets') ?? firstInvalid(intel, intelType, 'intel');
  return invalid ?? { assets: assets as AssetContext[], intel: intel as VulnerabilityIntel[] };
}

function firstInvalid(records: unknown[], type: avro.Type, list: string): string | null {
  for (const [index, record] of records.entries()) {
    let problem: string | null = null;
    const valid = type.isValid(record, {
      errorHook: (path) => {
        problem ??= path.length === 0 ? 'the record' : path.join('.');
      },
    });
    if (!valid) {
      return `/${list}/${index}: ${problem ?? 'the record'} is missing or has the wrong type for ${type.name ?? 'the schema'}`;
    }
  }
  return null;
}
