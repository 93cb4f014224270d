import { Controller, Get, Inject } from '@nestjs/common';
import { SERVICE_CONTEXT, type ServiceContext } from '@sieve/platform';
import { Repositories } from '@sieve/persistence';

/** Assets with their context and the source of each value. */
@Controller('/v1/assets')
export class AssetsController {
  constructor(@Inject(SERVICE_CONTEXT) private readonly context: ServiceContext) {}

  @Get()
  async list(): Promise<{ assets: unknown[] }> {
    const rows = await new Repositories(this.context.dataSource).assets.findAll();
    return {
      assets: rows.map((row) => ({
        name: row.name,
        kind: row.kind,
        owner: row.owner,
        ownerSource: row.owner_source,
        exposure: row.exposure,
        exposureSource: row.exposure_source,
        dataClasses: row.data_classes,
        criticality: row.criticality,
        system: row.system,
        lifecycle: row.lifecycle,
        images: row.images,
      })),
    };
  }
}
