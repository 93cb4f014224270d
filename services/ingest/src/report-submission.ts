import { BadRequestException } from '@nestjs/common';
import { formatById, supportedFormats } from '@sieve/parsers';

/** Metadata a client sends with a report, as query parameters or as multipart form fields. */
export const SUBMISSION_FIELDS = ['asset', 'tool', 'scope', 'commit', 'name'] as const;
export type SubmissionField = (typeof SUBMISSION_FIELDS)[number];
export type SubmissionFields = Partial<Record<SubmissionField, string>>;

export interface ValidSubmission {
  asset: string;
  tool: string | null;
  scope: string;
  commit: string | null;
  name: string | null;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}$/;
const MAX_SOURCE_NAME = 300;

export function isSubmissionField(name: string): name is SubmissionField {
  return (SUBMISSION_FIELDS as readonly string[]).includes(name);
}

/** Checks the asset (required), tool, scope and commit names and trims the source name to its maximum length. */
export function validateSubmission(fields: SubmissionFields): ValidSubmission {
  const { asset, tool, scope, commit, name } = fields;
  if (!asset || !NAME.test(asset)) {
    throw new BadRequestException('asset is missing or invalid: use 1-200 letters, digits and . _ : / @ -');
  }
  for (const [key, value] of [['tool', tool], ['scope', scope], ['commit', commit]] as const) {
    if (value !== undefined && !NAME.test(value)) {
      throw new BadRequestException(`${key} is invalid: use 1-200 letters, digits and . _ : / @ -`);
    }
  }
  if (tool !== undefined && formatById(tool) === undefined) {
    throw new BadRequestException(`tool ${tool} is not a supported format; use one of ${supportedFormats().join(', ')}`);
  }
  return { asset, tool: tool ?? null, scope: scope ?? '', commit: commit ?? null, name: name?.slice(0, MAX_SOURCE_NAME) ?? null };
}

/**
 * Combines form fields with query parameters. Either may carry a value; the
 * same key with two different values is rejected rather than one silently
 * winning.
 */
export function mergeSubmissionFields(form: SubmissionFields, query: SubmissionFields): SubmissionFields {
  const merged: SubmissionFields = {};
  for (const key of SUBMISSION_FIELDS) {
    const fromForm = form[key];
    const fromQuery = query[key];
    if (fromForm !== undefined && fromQuery !== undefined && fromForm !== fromQuery) {
      throw new BadRequestException(`${key} is given twice with different values, as form field "${fromForm}" and as query parameter "${fromQuery}": send it once`);
    }
    const value = fromForm ?? fromQuery;
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}
