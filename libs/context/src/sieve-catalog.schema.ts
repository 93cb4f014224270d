import { ASSET_EXPOSURE_VALUES } from '@sieve/contracts';
import { z } from 'zod';
import { CRITICALITY_VALUES, DATA_CLASS_VALUES } from './sieve-annotations.parser.js';

export const SIEVE_CATALOG_SCHEMA = 'sieve.catalog/v1';

export const ASSET_KIND_VALUES = ['repository', 'service', 'image', 'api', 'host'] as const;

/** Asset names as reports and catalogs give them: a service name, or an image name with registry and path. */
const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;

const text = z.string().trim().min(1).max(253);
const lowerCaseEnum = <T extends string>(values: readonly [T, ...T[]]) => z.string().trim().toLowerCase().pipe(z.enum(values));

/** The top level of a catalog file. Assets are validated one by one, so one bad entry does not reject the file. */
export const sieveCatalogEnvelopeSchema = z.object({
  schema: z.literal(SIEVE_CATALOG_SCHEMA),
  assets: z.array(z.unknown()),
});

export const assetNameSchema = z.string().trim().max(253).regex(ASSET_NAME, 'must start with a letter or digit and contain only letters, digits and . _ / : @ -');

/**
 * One schema per optional asset field. A field that fails its schema is
 * left unset with a warning and the rest of the asset still loads, as with
 * invalid Backstage annotations.
 */
export const assetFieldSchemas = {
  kind: lowerCaseEnum(ASSET_KIND_VALUES),
  owner: text,
  exposure: lowerCaseEnum(ASSET_EXPOSURE_VALUES),
  dataClasses: z
    .array(lowerCaseEnum(DATA_CLASS_VALUES))
    .refine((classes) => !classes.includes('none') || classes.length === 1, 'none must stand alone')
    .transform((classes) => [...new Set(classes)]),
  criticality: lowerCaseEnum(CRITICALITY_VALUES),
  system: text,
  lifecycle: text,
  images: z.array(z.string().trim().min(1).max(512)),
  repositories: z.array(z.string().trim().min(1).max(512)),
} as const;

export type AssetField = keyof typeof assetFieldSchemas;
