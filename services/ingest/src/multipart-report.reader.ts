import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { reportTooLargeMessage } from './ingest-limits.js';
import { isSubmissionField, SUBMISSION_FIELDS, type SubmissionFields } from './report-submission.js';
import { SpooledReport } from './spooled-report.js';

/** Name of the multipart part that carries the report bytes. */
export const REPORT_FILE_FIELD = 'file';

/** Largest form field value in bytes; the longest accepted value is a 300-character source name. */
const MAX_FIELD_BYTES = 1024;

export interface MultipartReport {
  /** The file part, written to a temporary file; the caller disposes of it. */
  report: SpooledReport;
  /** File name from the part's Content-Disposition, or null when the client sent none. */
  fileName: string | null;
  fields: SubmissionFields;
}

/** Limits for @fastify/multipart: one file of at most maxBytes and the five metadata fields. */
export function multipartLimits(maxBytes: number) {
  return {
    fileSize: maxBytes,
    files: 1,
    fields: SUBMISSION_FIELDS.length,
    fieldSize: MAX_FIELD_BYTES,
    parts: SUBMISSION_FIELDS.length + 1,
  };
}

/**
 * Reads a multipart/form-data report upload: the report as the file part
 * named "file" and its metadata as text fields. The file goes to a
 * temporary file as it arrives, within the file size limit. A request with an unexpected part
 * is still read to its end before the 400, so the connection stays usable.
 * A parser error (a limit, a malformed body) closes the connection instead,
 * because the rest of the body may still be in flight.
 */
export async function readMultipartReport(request: FastifyRequest, reply: FastifyReply, maxBytes: number): Promise<MultipartReport> {
  let report: SpooledReport | null = null;
  let fileName: string | null = null;
  const fields: SubmissionFields = {};
  let rejection: BadRequestException | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== REPORT_FILE_FIELD || report !== null) {
          rejection ??= new BadRequestException(`unexpected file part "${part.fieldname}": send the report as the file part "${REPORT_FILE_FIELD}"`);
          part.file.resume();
          continue;
        }
        report = await SpooledReport.from(part.file, maxBytes);
        fileName = part.filename || null;
        continue;
      }
      if (!isSubmissionField(part.fieldname)) {
        rejection ??= new BadRequestException(`unknown form field "${part.fieldname}": expected ${SUBMISSION_FIELDS.join(', ')} and the file part "${REPORT_FILE_FIELD}"`);
        continue;
      }
      if (part.valueTruncated) {
        rejection ??= new BadRequestException(`form field "${part.fieldname}" is longer than ${MAX_FIELD_BYTES} bytes`);
        continue;
      }
      fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    await report?.dispose();
    reply.header('connection', 'close');
    throw toHttpException(error, request, maxBytes);
  }
  if (rejection !== null || report === null || report.size === 0) {
    await report?.dispose();
    throw rejection ?? new BadRequestException(`the multipart request has no report: send the report bytes as the file part "${REPORT_FILE_FIELD}"`);
  }
  return { report, fileName, fields };
}

function toHttpException(error: unknown, request: FastifyRequest, maxBytes: number): HttpException {
  const errors = request.server.multipartErrors;
  if (error instanceof errors.RequestFileTooLargeError || (error as { code?: unknown }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new PayloadTooLargeException(reportTooLargeMessage(maxBytes));
  }
  if (error instanceof errors.FilesLimitError) {
    return new BadRequestException(`the multipart request has more than one file part: send one report per request`);
  }
  if (error instanceof errors.FieldsLimitError || error instanceof errors.PartsLimitError) {
    return new BadRequestException(`the multipart request has too many parts: expected ${SUBMISSION_FIELDS.join(', ')} and the file part "${REPORT_FILE_FIELD}"`);
  }
  // Everything else here comes from parsing the client's body (busboy's
  // missing boundary, a truncated part, a prototype key as field name).
  return new BadRequestException(`invalid multipart request: ${error instanceof Error ? error.message : String(error)}`);
}
