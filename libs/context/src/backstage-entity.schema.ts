import { z } from 'zod';

/** Backstage names: letters and digits separated by `-`, `_` or `.`, at most 63 characters. */
const ENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_NAME_LENGTH = 63;

const entityName = z
  .string()
  .max(MAX_NAME_LENGTH)
  .regex(ENTITY_NAME, 'must be letters and digits separated by -, _ or .')
  .refine((name) => !/[._-]$/.test(name), 'must not end with -, _ or .');

/**
 * The fields of a Backstage entity envelope that Sieve reads. Other fields
 * are dropped. Annotation values are checked one by one later, so one bad
 * annotation does not reject the entity.
 */
export const backstageEntitySchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.object({
    name: entityName,
    namespace: z.string().optional(),
    annotations: z.record(z.string(), z.unknown()).optional(),
  }),
  spec: z
    .object({
      type: z.string().optional(),
      owner: z.string().optional(),
      lifecycle: z.string().optional(),
      system: z.string().optional(),
      domain: z.string().optional(),
      parent: z.string().optional(),
      children: z.array(z.string()).optional(),
    })
    .optional(),
});

export type BackstageEntity = z.infer<typeof backstageEntitySchema>;
