import { trace } from '@opentelemetry/api';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { NodeSDK } from '@opentelemetry/sdk-node';

export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing for a service, before anything else loads.
 * kafkajs is instrumented, so the W3C trace context travels in Kafka headers
 * from stage to stage. Spans are exported over OTLP only when
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_TRACES_EXPORTER) is set; otherwise
 * they still exist for propagation and for the trace ids in the logs.
 */
export function startTracing(serviceName: string): Tracing {
  if (process.env['OTEL_SDK_DISABLED'] === 'true') {
    return { shutdown: async () => undefined };
  }
  if (!process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] && !process.env['OTEL_TRACES_EXPORTER']) {
    process.env['OTEL_TRACES_EXPORTER'] = 'none';
  }
  process.env['OTEL_METRICS_EXPORTER'] ??= 'none';
  process.env['OTEL_LOGS_EXPORTER'] ??= 'none';
  const sdk = new NodeSDK({ serviceName, instrumentations: [new KafkaJsInstrumentation()] });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}

/** Trace and span id of the active span, for log lines; empty outside a span. */
export function activeTraceFields(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const context = span.spanContext();
  return { traceId: context.traceId, spanId: context.spanId };
}
