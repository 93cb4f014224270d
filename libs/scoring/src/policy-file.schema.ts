import { z } from 'zod';

const points = z.number().min(0).max(100);
const cvssScore = z.number().min(0).max(10);
const slaDays = z.number().int().positive().nullable();

const multiplier = z.number().min(0).max(1);

const version = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters and digits separated by ".", "_" or "-"');
const priorities = z.strictObject({ P1: points, P2: points, P3: points, P4: points }).partial().optional();
const sla = z.strictObject({ P1: slaDays, P2: slaDays, P3: slaDays, P4: slaDays, P5: slaDays }).partial().optional();
const severityEquivalent = z.strictObject({ critical: cvssScore, high: cvssScore, medium: cvssScore, low: cvssScore, info: cvssScore, unknown: cvssScore }).partial();

/**
 * A scoring policy file of formula 3, the default. Every section and key is
 * optional except `version`; an omitted one keeps the value of
 * sieve-default-3. Unknown keys are rejected so a misspelt weight cannot be
 * silently ignored.
 */
export const policyFileV3Schema = z.strictObject({
  version,
  formula: z.literal(3).optional(),
  weights: z
    .strictObject({
      severityEquivalent,
      exploitation: z.strictObject({ kev: multiplier, ransomware: multiplier, exploitHint: multiplier, epssFloor: multiplier, epssCeiling: multiplier, none: multiplier }).partial(),
      exposure: z.strictObject({ internet: multiplier, partner: multiplier, internal: multiplier, unknown: multiplier }).partial(),
      reachability: z.strictObject({ reachable: multiplier, unknown: multiplier, unreachable: multiplier }).partial(),
      impact: z.strictObject({ floor: multiplier, cvss: multiplier, data: multiplier, criticality: multiplier, blastRadius: multiplier }).partial(),
      data: z.strictObject({ pci: multiplier, phi: multiplier, pii: multiplier, credentials: multiplier }).partial(),
      criticality: z.strictObject({ high: multiplier, medium: multiplier, low: multiplier }).partial(),
      blastRadius: z.strictObject({ fullAt: z.number().int().min(2).max(1000) }).partial(),
    })
    .partial()
    .optional(),
  priorities,
  sla,
});

export type PolicyFileV3 = z.infer<typeof policyFileV3Schema>;

/** A scoring policy file of formula 2 (`formula: 2`); omitted keys keep the values of sieve-default-2. */
export const policyFileSchema = z.strictObject({
  version,
  formula: z.literal(2),
  weights: z
    .strictObject({
      intrinsic: z
        .strictObject({
          pointsPerCvssPoint: z.number().min(0).max(10),
          severityEquivalent,
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
  priorities,
  sla,
});

export type PolicyFile = z.infer<typeof policyFileSchema>;
