import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { KafkaBus } from '@sieve/kafka';

/**
 * NestJS transport strategy that runs Sieve's Kafka bus. The stage's
 * consumers are subscribed on the bus before the app starts; Nest's own
 * message-pattern routing is not used, because it consumes message by message,
 * commits before handling and has no dead-letter topic.
 */
export class KafkaTransport extends Server implements CustomTransportStrategy {
  constructor(private readonly bus: KafkaBus) {
    super();
  }

  listen(callback: (...optionalParams: unknown[]) => unknown): void {
    this.bus.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    await this.bus.stop();
  }

  on(): never {
    throw new Error('KafkaTransport has no transport events; subscribe on the bus instead');
  }

  unwrap<T>(): T {
    return this.bus as unknown as T;
  }
}
