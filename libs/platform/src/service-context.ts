import type { BaseServiceConfig } from '@sieve/config';
import type { AvroSerde } from '@sieve/contracts';
import type { KafkaBus } from '@sieve/kafka';
import type { Subscription } from '@sieve/messaging';
import type { StageContext } from '@sieve/stages';
import type { Logger } from '@sieve/telemetry';
import type { DataSource } from 'typeorm';

/** Everything a stage service is built from, created once at start-up. */
export interface ServiceContext<C extends BaseServiceConfig = BaseServiceConfig> {
  name: string;
  config: C;
  logger: Logger;
  dataSource: DataSource;
  serde: AvroSerde;
  bus: KafkaBus;
  stage: StageContext;
  /** Subscribes a consumer group on the bus and records it for lag metrics. */
  subscribe(subscription: Subscription): void;
}

export const SERVICE_CONTEXT = Symbol('SERVICE_CONTEXT');
