import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { READINESS_CHECKS, runReadinessChecks, type ReadinessCheck } from './readiness.js';

/** Liveness and readiness probes, for Kubernetes and the local stack scripts. */
@Controller()
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  @Get('/healthz')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Get('/readyz')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const result = await runReadinessChecks(this.checks);
    await reply.status(result.ready ? 200 : 503).send({ status: result.ready ? 'ready' : 'not ready', checks: result.checks });
  }
}
