import { BadRequestException, Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { SERVICE_CONTEXT, type ServiceContext } from '@sieve/platform';
import { Repositories } from '@sieve/persistence';
import type { FindingIndex } from '@sieve/search';
import { explainFinding, toFindingView, type FindingExplanation, type FindingView } from '@sieve/stages';
import { FINDING_INDEX } from './report-tokens.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE = 500;

/** The ranked queue and single findings, read from the OpenSearch view and PostgreSQL. */
@Controller('/v1/findings')
export class FindingsController {
  constructor(
    @Inject(SERVICE_CONTEXT) private readonly context: ServiceContext,
    @Inject(FINDING_INDEX) private readonly index: FindingIndex,
  ) {}

  /** Lists the ranked queue with filters and paging; `q` searches title, reasons, ids, package and path. */
  @Get()
  async list(@Query() query: Record<string, string | undefined>): Promise<{ total: number; offset: number; limit: number; findings: FindingView[] }> {
    const offset = integer(query['offset'], 0, 'offset', 0, 1_000_000);
    const limit = integer(query['limit'], 50, 'limit', 1, MAX_PAGE);
    const result = await this.index.search({
      asset: query['asset'],
      owner: query['owner'],
      priority: query['priority'],
      severity: query['severity'],
      status: query['status'],
      category: query['category'],
      vulnerabilityId: query['vulnerabilityId'],
      text: query['q'],
      from: offset,
      size: limit,
    });
    const rows = await new Repositories(this.context.dataSource).queue.findByIds(result.ids);
    return { total: result.total, offset, limit, findings: rows.map((row, i) => toFindingView(row, offset + i + 1)) };
  }

  /** Returns one finding with its evidences, score factors and history. */
  @Get(':id')
  async get(@Param('id') id: string): Promise<FindingView & { history: unknown[] }> {
    if (!UUID.test(id)) {
      throw new BadRequestException(`finding id ${id.slice(0, 80)} is not a UUID`);
    }
    const repositories = new Repositories(this.context.dataSource);
    const [row] = await repositories.queue.findByIds([id]);
    if (!row) {
      throw new NotFoundException(`finding ${id} not found`);
    }
    const history = await repositories.findingEvents.findByFindingId(id);
    return { ...toFindingView(row, 0), history: history.map(({ finding_id: _findingId, ...event }) => event) };
  }

  /** Explains why the finding's evidences are one finding: each evidence's rule, rule version and what matched. */
  @Get(':id/explanation')
  async explain(@Param('id') id: string): Promise<FindingExplanation> {
    if (!UUID.test(id)) {
      throw new BadRequestException(`finding id ${id.slice(0, 80)} is not a UUID`);
    }
    const explanation = await explainFinding(new Repositories(this.context.dataSource), id);
    if (explanation === null) {
      throw new NotFoundException(`finding ${id} not found`);
    }
    return explanation;
  }
}

function integer(value: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new BadRequestException(`query parameter ${name} must be a whole number from ${min} to ${max}`);
  }
  return parsed;
}
