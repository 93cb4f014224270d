import { z } from 'zod';

export const RUNTIME_OBSERVATIONS_SCHEMA = 'sieve.runtime-observations/v1';

const dateTime = z.iso.datetime({ offset: true });

/** The top level of an observations file. Package and function entries are validated one by one. */
export const runtimeObservationsEnvelopeSchema = z
  .object({
    schema: z.literal(RUNTIME_OBSERVATIONS_SCHEMA),
    service: z.string().trim().min(1).max(253),
    sensor: z.object({ name: z.string().min(1).max(200), version: z.string().max(100).optional() }).optional(),
    window: z.object({ from: dateTime, to: dateTime }).refine((window) => Date.parse(window.from) <= Date.parse(window.to), {
      message: 'from must not be after to',
      path: ['to'],
    }),
    ecosystems: z.array(z.string().trim().toLowerCase().min(1)).optional(),
    packages: z.array(z.unknown()).default([]),
    functions: z.array(z.unknown()).default([]),
  });

export const observedPackageSchema = z.object({
  purl: z.string().min(1).max(2000),
  loaded: z.boolean(),
});

export const observedFunctionSchema = z.object({
  purl: z.string().min(1).max(2000),
  symbol: z.string().min(1).max(1000),
  vulnerabilityIds: z.array(z.string().min(1).max(100)).default([]),
  called: z.boolean(),
});
