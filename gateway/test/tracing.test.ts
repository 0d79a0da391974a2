import { request } from 'node:http';
import { startTracing, type Tracing } from '@market/kit';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGuardedGateway, type GuardedGateway } from './sso-stand-in';

// One trace from the client through the gateway into the subgraph: W3C traceparent continued by the gateway's
// server span, Apollo Gateway's spans inside it, an undici client span per subgraph fetch, and the subgraph's
// server span as its child.

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
type Query { ping: String! }`;

describe('OpenTelemetry traces across gateway and subgraph', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing | undefined;
  let guarded: GuardedGateway;

  beforeAll(async () => {
    tracing = startTracing('test', { OTEL_TRACES_EXPORTER: 'none', OTEL_TRACES_SAMPLER_RATIO: 1 }, { exporter });
    guarded = await startGuardedGateway({ name: 'traced', sdl: SDL, resolvers: { Query: { ping: () => 'pong' } } });
  });
  afterAll(async () => {
    await guarded?.stop();
    await tracing?.shutdown();
  });

  it('is off unless an exporter is configured', () => {
    expect(startTracing('off', { OTEL_TRACES_EXPORTER: 'none', OTEL_TRACES_SAMPLER_RATIO: 1 })).toBeUndefined();
  });

  it('continues the caller trace through the gateway into the subgraph', async () => {
    exporter.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    // node:http rather than fetch: this process's fetch is instrumented and would start a trace of its own.
    const answer = await new Promise<string>((resolve, reject) => {
      const req = request(`${guarded.gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ query: '{ ping }' }));
    });
    expect(JSON.parse(answer)).toEqual({ data: { ping: 'pong' } });
    await new Promise((resolve) => setTimeout(resolve, 50));

    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const parentOf = (span: ReadableSpan) => byId.get(span.parentSpanContext?.spanId ?? '');
    const servers = spans.filter((span) => span.name === 'POST /graphql');
    const gatewaySpan = servers.find((span) => span.attributes['service.name'] === 'gateway');
    const subgraphSpan = servers.find((span) => span.attributes['service.name'] === 'traced');
    expect(gatewaySpan?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(subgraphSpan).toBeDefined();
    // The subgraph's server span hangs off the gateway's outgoing fetch, which sits inside the gateway's request.
    const fetchSpan = parentOf(subgraphSpan!);
    expect(fetchSpan?.kind).toBe(2 /* SpanKind.CLIENT */);
    const ancestors: string[] = [];
    for (let span = parentOf(fetchSpan!); span; span = parentOf(span)) ancestors.push(span.name);
    expect(ancestors).toContain('gateway.request');
    expect(ancestors.at(-1)).toBe('POST /graphql');
  });
});
