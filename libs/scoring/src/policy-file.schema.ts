import { z } from 'zod';

const points = z.number().min(0).max(100);
const cvssScore = z.number().min(0).max(10);
const slaDays = z.number().int().positive().nullable();

/**
 * A scoring policy file. Every section and key is optional except
 * `version`; an omitted one keeps the value of sieve-default-2. Unknown keys
 * are rejected so a misspelt weight cannot be silently ignored.
 */
export const policyFileSchema = z.strictObject({
  version: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters and digits separated by ".", "_" or "-"'),
  formula: z.literal(2).optional(),
  weights: z
    .strictObject({
      intrinsic: z
        .strictObject({
          pointsPerCvssPoint: z.number().min(0).max(10),
          severityEquivalent: z.strictObject({ critical: cvssScore, high: cvssScore, medium: cvssScore, low: cvssScore, info: cvssScore, unknown: cvssScore }).partial(),
        })
        .partial(),
      exploitation: z.strictObject({ kev: points, ransomware: points, epssMax: points, exploitHint: points }).partial(),
      exposure: z.strictObject({ internet: points, partner: points, internal: points, unknown: points }).partial(),
      reachability: z.strictObject({ reachable: points, unreachableMultiplier: z.number().min(0).max(1) }).partial(),
      data: z
        .strictObject({
          classes: z.strictObject({ pci: points, phi: points, pii: points, credentials: points }).partial(),
          max: points,
        })
        .partial(),
      criticality: z.strictObject({ high: points, medium: points, low: points }).partial(),
      blastRadius: z.strictObject({ perAdditionalAsset: points, max: points }).partial(),
    })
    .partial()
    .optional(),
  priorities: z.strictObject({ P1: points, P2: points, P3: points, P4: points }).partial().optional(),
  sla: z.strictObject({ P1: slaDays, P2: slaDays, P3: slaDays, P4: slaDays, P5: slaDays }).partial().optional(),
});

export type PolicyFile = z.infer<typeof policyFileSchema>;
