import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SERVICE_CONTEXT, type ServiceContext } from '@sieve/platform';
import { IngestHandler } from '@sieve/stages';
import { INGEST_LIMITS, type IngestLimits } from './ingest-limits.js';
import { readMultipartReport } from './multipart-report.reader.js';
import { mergeSubmissionFields, validateSubmission, type SubmissionFields } from './report-submission.js';
import { SpooledReport } from './spooled-report.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Accepts scanner reports over HTTP and reports the parse outcome of each. */
@Controller('/v1/reports')
export class ReportsController {
  private readonly ingest: IngestHandler;

  constructor(
    @Inject(SERVICE_CONTEXT) private readonly context: ServiceContext,
    @Inject(INGEST_LIMITS) private readonly limits: IngestLimits,
  ) {
    this.ingest = new IngestHandler(context.stage);
  }

  /**
   * Stores a report and announces it. The report is either the raw request
   * body, with its metadata as query parameters, or the file part "file" of a
   * multipart/form-data request, with its metadata as form fields (or query
   * parameters). The same bytes for the same asset and scope return the same
   * report id, with `duplicate: true` and nothing announced again.
   */
  @Post()
  @HttpCode(202)
  async submit(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: unknown,
    @Query('asset') asset?: string,
    @Query('tool') tool?: string,
    @Query('scope') scope?: string,
    @Query('commit') commit?: string,
    @Query('name') name?: string,
  ): Promise<{ reportId: string; duplicate: boolean }> {
    const query: SubmissionFields = { asset, tool, scope, commit, name };
    let report: SpooledReport;
    let fields: SubmissionFields;
    if (request.isMultipart()) {
      const upload = await readMultipartReport(request, reply, this.limits.maxReportBytes);
      report = upload.report;
      fields = mergeSubmissionFields(upload.fields, query);
      fields.name ??= upload.fileName ?? undefined;
    } else {
      if (!(body instanceof SpooledReport)) {
        throw new BadRequestException('request body is empty: send the report bytes as the body, or as the file part "file" of a multipart/form-data request');
      }
      report = body;
      fields = query;
    }

    try {
      if (report.size === 0) {
        throw new BadRequestException('request body is empty: send the report bytes as the body, or as the file part "file" of a multipart/form-data request');
      }
      const submission = validateSubmission(fields);
      const result = await this.ingest.submit({
        path: report.path,
        asset: submission.asset,
        assetSource: 'submitter',
        scope: submission.scope,
        toolHint: submission.tool,
        commit: submission.commit,
        sourceName: submission.name,
      });
      await this.context.bus.publish(result.messages, 'ingest');
      return { reportId: result.reportId, duplicate: result.duplicate };
    } finally {
      await report.dispose();
    }
  }

  /**
   * Returns the parse outcome of a report: `received` until normalize has read it,
   * then `parsed` with its format and finding count, or `rejected` with the
   * error. A rejected report can be sent again, for example with another tool.
   */
  @Get(':id')
  async status(@Param('id') id: string) {
    if (!UUID.test(id)) {
      throw new BadRequestException(`report id ${id} is not a UUID`);
    }
    const report = await this.context.stage.unitOfWork.run((repositories) => repositories.reports.findById(id));
    if (report === null) {
      throw new NotFoundException(`no report ${id}`);
    }
    return {
      reportId: report.id,
      asset: report.asset,
      scope: report.scope,
      status: report.status,
      format: report.format,
      sourceName: report.source_name,
      findingCount: report.finding_count,
      complete: report.complete,
      error: report.error,
      warnings: report.warnings,
    };
  }
}
