import { BadRequestException, Body, Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { SERVICE_CONTEXT, type ServiceContext } from '@sieve/platform';
import { IngestHandler } from '@sieve/stages';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}$/;

/** Accepts scanner reports over HTTP. */
@Controller('/v1/reports')
export class ReportsController {
  private readonly ingest: IngestHandler;

  constructor(@Inject(SERVICE_CONTEXT) private readonly context: ServiceContext) {
    this.ingest = new IngestHandler(context.stage);
  }

  /**
   * Stores a report sent as the raw request body and announces it. The same
   * bytes for the same asset and scope return the same report id, with
   * `duplicate: true` and nothing announced again.
   */
  @Post()
  @HttpCode(202)
  async submit(
    @Body() body: unknown,
    @Query('asset') asset?: string,
    @Query('tool') tool?: string,
    @Query('scope') scope?: string,
    @Query('commit') commit?: string,
    @Query('name') name?: string,
  ): Promise<{ reportId: string; duplicate: boolean }> {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new BadRequestException('request body is empty: send the report bytes as the body');
    }
    if (!asset || !NAME.test(asset)) {
      throw new BadRequestException('query parameter asset is missing or invalid: use 1-200 letters, digits and . _ : / @ -');
    }
    for (const [key, value] of [['tool', tool], ['scope', scope], ['commit', commit]] as const) {
      if (value !== undefined && !NAME.test(value)) {
        throw new BadRequestException(`query parameter ${key} is invalid: use 1-200 letters, digits and . _ : / @ -`);
      }
    }
    const result = await this.ingest.submit({
      bytes: body,
      asset,
      assetSource: 'submitter',
      scope: scope ?? '',
      toolHint: tool ?? null,
      commit: commit ?? null,
      sourceName: name?.slice(0, 300) ?? null,
    });
    await this.context.bus.publish(result.messages, 'ingest');
    return { reportId: result.reportId, duplicate: result.duplicate };
  }
}
