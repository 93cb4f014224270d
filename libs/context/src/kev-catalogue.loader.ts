import type { VulnerabilityIntel } from '@sieve/contracts';
import { z } from 'zod';
import { ContextSourceError } from './context-source.error.js';
import type { ContextWarning } from './context-warning.model.js';
import { readTextFile } from './text-file.reader.js';

/** Largest KEV file read. CISA's full catalogue was about 1.3 MB in August 2025. */
export const MAX_KEV_FILE_BYTES = 64 * 1024 * 1024;

export interface KevCatalogueLoadResult {
  intel: VulnerabilityIntel[];
  catalogVersion: string;
  warnings: ContextWarning[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isoDate = z
  .string()
  .regex(ISO_DATE, 'must be a date as YYYY-MM-DD')
  .refine((date) => !Number.isNaN(Date.parse(date)), 'must be a valid calendar date');

const optionalText = z
  .string()
  .nullish()
  .transform((text) => (text === undefined || text === null || text.trim() === '' ? null : text));

/** The envelope of CISA's catalogue, from its published JSON schema. */
const catalogueSchema = z.object({
  catalogVersion: z.string().min(1),
  dateReleased: z.string().refine((date) => !Number.isNaN(Date.parse(date)), 'must be a date-time'),
  count: z.number().int().nonnegative(),
  vulnerabilities: z.array(z.unknown()),
});

const vulnerabilitySchema = z.object({
  cveID: z.string().regex(/^CVE-\d{4}-\d{4,19}$/, 'must be a CVE id such as CVE-2021-44228'),
  dateAdded: isoDate,
  dueDate: isoDate.nullish(),
  knownRansomwareCampaignUse: z.string().nullish(),
  vendorProject: optionalText,
  product: optionalText,
});

/**
 * Loads CISA's Known Exploited Vulnerabilities catalogue (the JSON feed) as
 * one VulnerabilityIntel per CVE, with source `cisa-kev:<catalogVersion>` and
 * `updatedAt` set to the catalogue's release time. An entry that does not
 * fit the schema, or repeats an earlier CVE, is skipped with a warning.
 *
 * Throws ContextSourceError when the file is missing, too large, not JSON,
 * or not a KEV catalogue at all.
 */
export function loadKevCatalogue(path: string): KevCatalogueLoadResult {
  const catalogue = readCatalogue(path);
  const source = `cisa-kev:${catalogue.catalogVersion}`;
  const updatedAt = Date.parse(catalogue.dateReleased);
  const intel: VulnerabilityIntel[] = [];
  const warnings: ContextWarning[] = [];
  const seen = new Set<string>();

  catalogue.vulnerabilities.forEach((entry, index) => {
    const location = `${path}#/vulnerabilities/${index}`;
    const parsed = vulnerabilitySchema.safeParse(entry);
    if (!parsed.success) {
      warnings.push({ message: `KEV entry skipped: ${describeIssue(parsed.error)}`, location });
      return;
    }

    const vulnerability = parsed.data;
    if (seen.has(vulnerability.cveID)) {
      warnings.push({ message: `KEV entry skipped: ${vulnerability.cveID} is listed more than once`, location });
      return;
    }
    seen.add(vulnerability.cveID);

    intel.push({
      vulnerabilityId: vulnerability.cveID,
      kev: {
        dateAdded: vulnerability.dateAdded,
        dueDate: vulnerability.dueDate ?? null,
        knownRansomwareUse: vulnerability.knownRansomwareCampaignUse?.trim().toLowerCase() === 'known',
        vendor: vulnerability.vendorProject,
        product: vulnerability.product,
      },
      epss: null,
      aliases: [],
      source,
      updatedAt,
    });
  });

  if (catalogue.count !== catalogue.vulnerabilities.length) {
    warnings.push({
      message: `catalogue count is ${catalogue.count} but it lists ${catalogue.vulnerabilities.length} vulnerabilities`,
      location: path,
    });
  }

  return { intel, catalogVersion: catalogue.catalogVersion, warnings };
}

function readCatalogue(path: string): z.infer<typeof catalogueSchema> {
  const text = readTextFile(path, MAX_KEV_FILE_BYTES);

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ContextSourceError('invalid_json', `${path}: invalid JSON: ${(error as Error).message}`, path, { cause: error });
  }

  const parsed = catalogueSchema.safeParse(json);
  if (!parsed.success) {
    throw new ContextSourceError(
      'not_kev_catalogue',
      `${path} is not a CISA KEV catalogue: ${describeIssue(parsed.error)}. Expected the JSON feed with catalogVersion, dateReleased, count and vulnerabilities.`,
      path,
    );
  }
  return parsed.data;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) {
    return 'invalid value';
  }
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
