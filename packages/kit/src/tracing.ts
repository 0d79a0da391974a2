import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type * as OpenTelemetryApi from '@opentelemetry/api';
import type { Context, Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace';
import { z } from 'zod';
import type { Logger } from './logger';

/**
 * OpenTelemetry traces across the gateway and the subgraphs, off unless configured. Each service's HTTP server
 * opens a server span per request, continuing the caller's W3C `traceparent`; outgoing fetches (undici: the
 * gateway's subgraph calls) get client spans and carry `traceparent` on; Apollo Gateway's own spans (request,
 * plan, execute, fetch) nest inside. One trace shows a request from the gateway through every subgraph it touched.
 */

/** The standard OpenTelemetry variables each service reads (part of every service's env). */
export const tracingEnv = {
  /** `otlp` (OTLP over HTTP to OTEL_EXPORTER_OTLP_ENDPOINT), `console`, or `none` (default: off). */
  OTEL_TRACES_EXPORTER: z.enum(['none', 'otlp', 'console']).default('none'),
  /** The collector, e.g. http://localhost:4318 (traces are posted to /v1/traces). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** Share of new traces recorded (0–1); continued traces follow their parent's decision. */
  OTEL_TRACES_SAMPLER_RATIO: z.coerce.number().min(0).max(1).default(1),
};

export interface TracingConfig {
  OTEL_TRACES_EXPORTER: 'none' | 'otlp' | 'console';
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_TRACES_SAMPLER_RATIO: number;
}

export interface Tracing {
  /** Exports what is buffered and stops tracing (call on shutdown). */
  shutdown(): Promise<void>;
}

/**
 * The OpenTelemetry API as CommonJS, the instance Apollo Gateway (CommonJS) uses. Its tracer provider is a proxy per
 * module instance that only learns the real provider when *that* instance registers it; through the ESM instance,
 * Apollo's tracer (obtained at load time) would stay a no-op (the dual package hazard).
 */
const api = createRequire(import.meta.url)('@opentelemetry/api') as typeof OpenTelemetryApi;
const { context, propagation, trace, SpanKind, SpanStatusCode } = api;

let active: { provider: TracerProvider; instrumentation: UndiciInstrumentation; users: number } | undefined;

/**
 * Starts tracing for this process when configured (an exporter other than `none`, or one passed in — tests pass
 * an in-memory exporter). One provider per process: services started in one process (tests, the launcher) share it.
 */
export function startTracing(
  service: string,
  config: TracingConfig,
  options: { exporter?: SpanExporter; logger?: Logger } = {},
): Tracing | undefined {
  let exporter = options.exporter;
  if (!exporter) {
    if (config.OTEL_TRACES_EXPORTER === 'none') return undefined;
    exporter =
      config.OTEL_TRACES_EXPORTER === 'console'
        ? new ConsoleSpanExporter()
        : new OTLPTraceExporter(
            config.OTEL_EXPORTER_OTLP_ENDPOINT ? { url: `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` } : {},
          );
  }
  if (!active) {
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': service }),
      sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.OTEL_TRACES_SAMPLER_RATIO) }),
      spanProcessors: [options.exporter ? new SimpleSpanProcessor({ exporter }) : new BatchSpanProcessor({ exporter })],
    });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
    const instrumentation = new UndiciInstrumentation();
    instrumentation.setTracerProvider(provider);
    instrumentation.enable();
    active = { provider, instrumentation, users: 0 };
    options.logger?.info({ exporter: config.OTEL_TRACES_EXPORTER }, 'OpenTelemetry tracing on');
  }
  active.users++;
  let stopped = false;
  return {
    async shutdown() {
      if (stopped || !active) return;
      stopped = true;
      if (--active.users > 0) {
        await active.provider.forceFlush();
        return;
      }
      const { provider, instrumentation } = active;
      active = undefined;
      instrumentation.disable();
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

const tracer = () => trace.getTracer('@market/kit');

/**
 * Runs an HTTP request's handling inside a server span that continues the caller's trace (W3C `traceparent`).
 * Costs next to nothing when tracing is off (the API is a no-op then).
 */
export function withServerSpan<T>(
  service: string,
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  handle: (span: Span) => Promise<T>,
): Promise<T> {
  const parent: Context = propagation.extract(context.active(), req.headers);
  const span = tracer().startSpan(
    `${req.method ?? 'GET'} ${route}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'service.name': service, 'http.request.method': req.method ?? 'GET', 'url.path': route },
    },
    parent,
  );
  res.once('finish', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  res.once('close', () => {
    if (!res.writableFinished) span.end();
  });
  return context.with(trace.setSpan(parent, span), () => handle(span));
}
