import { Catch, HttpException, PayloadTooLargeException, type ArgumentsHost, type HttpServer } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { reportTooLargeMessage } from './ingest-limits.js';

/**
 * Replaces Fastify's "Request body is too large", raised before any route
 * handler runs, with a message that names the limit and the setting, and
 * passes every other HTTP exception on unchanged.
 */
@Catch(HttpException)
export class ReportTooLargeFilter extends BaseExceptionFilter {
  constructor(
    adapter: HttpServer,
    private readonly maxBytes: number,
  ) {
    super(adapter);
  }

  override catch(exception: HttpException, host: ArgumentsHost): void {
    const cause = exception.cause as { code?: unknown } | undefined;
    if (exception.getStatus() === 413 && cause?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      super.catch(new PayloadTooLargeException(reportTooLargeMessage(this.maxBytes)), host);
      return;
    }
    super.catch(exception, host);
  }
}
