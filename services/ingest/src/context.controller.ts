import { BadRequestException, Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import type { OutgoingMessage } from '@sieve/messaging';
import { SERVICE_CONTEXT, type ServiceContext } from '@sieve/platform';
import { readContextPayload } from './context-payload.js';

/**
 * Accepts asset context and vulnerability intel, as `sieve context push`
 * sends them, and publishes them on the compacted topics that enrich reads.
 */
@Controller('/v1/context')
export class ContextController {
  constructor(@Inject(SERVICE_CONTEXT) private readonly context: ServiceContext) {}

  @Post()
  @HttpCode(202)
  async push(@Body() body: unknown): Promise<{ assets: number; intel: number }> {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new BadRequestException('request body is empty: send {"assets": [...], "intel": [...]} as JSON');
    }
    const payload = readContextPayload(body);
    if (typeof payload === 'string') {
      throw new BadRequestException(payload);
    }

    const messages: OutgoingMessage[] = [
      ...payload.assets.map((value) => ({ topic: 'sieve.asset.context.v1' as const, value })),
      ...payload.intel.map((value) => ({ topic: 'sieve.intel.vulnerability.v1' as const, value })),
    ];
    await this.context.bus.publish(messages, 'ingest');
    this.context.logger.info({ assets: payload.assets.length, intel: payload.intel.length }, 'context published');
    return { assets: payload.assets.length, intel: payload.intel.length };
  }
}
