import { createMetrics } from '@market/kit';
import { Counter, Gauge, Histogram } from 'prom-client';

/** The kit's service metrics plus what only the gateway knows: how its subgraphs behave. */
export function gatewayMetrics() {
  const metrics = createMetrics('gateway');
  const latency = new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Latency of the fetches the gateway makes to subgraphs, by subgraph and outcome (ok, error, timeout, unreachable)',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics.registry],
  });
  const up = new Gauge({
    name: 'gateway_subgraph_up',
    help: 'Whether the subgraph answered its last /health check (1) or not (0)',
    labelNames: ['subgraph'] as const,
    registers: [metrics.registry],
  });
  const supergraphLoads = new Counter({
    name: 'gateway_supergraph_loads_total',
    help: 'Supergraph files loaded, or rejected as invalid (the previous one kept serving)',
    labelNames: ['outcome'] as const,
    registers: [metrics.registry],
  });
  const rateLimited = new Counter({
    name: 'gateway_rate_limited_total',
    help: 'Requests refused with 429 by the rate limits, by budget (requests, cost, mutations)',
    labelNames: ['budget'] as const,
    registers: [metrics.registry],
  });
  const authorizationRefusals = new Counter({
    name: 'gateway_authorization_refusals_total',
    help: 'Fields removed from operations by @authenticated/@requiresScopes/@policy, by error code (UNAUTHENTICATED, FORBIDDEN)',
    labelNames: ['code'] as const,
    registers: [metrics.registry],
  });
  const circuitOpen = new Gauge({
    name: 'gateway_subgraph_circuit_open',
    help: 'Whether the circuit breaker of the subgraph is open (1: fetches fail fast) or not (0)',
    labelNames: ['subgraph'] as const,
    registers: [metrics.registry],
  });
  const deduplicated = new Counter({
    name: 'gateway_subgraph_fetches_deduplicated_total',
    help: 'Query fetches answered by an identical one already in flight (same subgraph, body and caller scope)',
    labelNames: ['subgraph'] as const,
    registers: [metrics.registry],
  });
  // --- subscriptions (src/subscriptions) ---
  const subscriptionUpstreams = new Gauge({
    name: 'gateway_subscription_upstreams',
    help: 'Upstream subscriptions the gateway holds on each subgraph (one per distinct client subscription)',
    labelNames: ['subgraph'] as const,
    registers: [metrics.registry],
  });
  const subscriptionClients = new Gauge({
    name: 'gateway_subscription_clients',
    help: 'Client subscriptions served over graphql-ws',
    registers: [metrics.registry],
  });
  const subscriptionEvents = new Counter({
    name: 'gateway_subscription_events_total',
    help: 'Events received from upstream subscriptions, by subgraph',
    labelNames: ['subgraph'] as const,
    registers: [metrics.registry],
  });
  const subscriptionRestDuration = new Histogram({
    name: 'gateway_subscription_rest_duration_seconds',
    help: 'Time to resolve the rest of the plan (fields of other subgraphs) for one subscription event',
    labelNames: ['subgraph'] as const,
    buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [metrics.registry],
  });
  const subscriptions = {
    upstreams: subscriptionUpstreams,
    clients: subscriptionClients,
    events: subscriptionEvents,
    restDuration: subscriptionRestDuration,
  };
  // --- end subscriptions ---
  return { ...metrics, latency, up, supergraphLoads, rateLimited, authorizationRefusals, circuitOpen, deduplicated, subscriptions };
}
