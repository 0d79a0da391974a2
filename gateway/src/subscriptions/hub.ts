import { randomUUID } from 'node:crypto';
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { Logger } from '@market/kit';
import type { DocumentNode, FormattedExecutionResult, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { completeResponse, type AuthorizedOperation } from '../authorization';
import type { GatewayContext } from '../subgraph-fetch';
import type { SubscriptionPlan, SubscriptionPlanner } from './planner';
import type { UpstreamSocket } from './upstream';

/**
 * Identical client subscriptions (same document, variables and authorization context) share one upstream
 * subscription on the owning subgraph and one execution of the `rest` plan per event; the upstream subscription
 * is completed when the last client leaves.
 */

/** The executor's data source name for the event itself (see `eventPlan`). */
const EVENT_SOURCE = '__subscription_event';

/** A client subscription the server validated, authorized and planned. */
export interface PreparedSubscription {
  /** Everything identical subscriptions share: document, operation name, variables, authorization context. */
  key: string;
  /** The authorized document (fields the caller may not see removed). */
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  removed: AuthorizedOperation['removed'];
  plan: SubscriptionPlan;
  planner: SubscriptionPlanner;
  schema: GraphQLSchema;
  /** The caller as subgraph fetches describe it (requestId is replaced per event). */
  context: Omit<GatewayContext, 'identityToken' | 'requestId'>;
  /** A fresh gateway-signed identity of the caller (tokens live 60 s; subscriptions longer). */
  identityToken: () => Promise<string>;
}

/** One result of a group, serialised once for all its clients. */
export interface Delivery {
  result: FormattedExecutionResult;
  /** `JSON.stringify(result)`. */
  json: string;
}

const delivery = (result: FormattedExecutionResult): Delivery => ({ result, json: JSON.stringify(result) });

export interface SubscriptionListener {
  next(delivery: Delivery): void;
  /** The subscription ended (after a final result with errors, when there was one). */
  end(): void;
}

/** What the event's fetch hands the executor (carried in the context so the batcher can tell event fetches). */
export interface EventContext extends GatewayContext {
  subscriptionEvent: FormattedExecutionResult;
}

export interface HubMetrics {
  upstreams: Gauge<'subgraph'>;
  clients: Gauge;
  events: Counter<'subgraph'>;
  restDuration: Histogram<'subgraph'>;
}

export interface HubOptions {
  logger: Logger;
  metrics: HubMetrics;
  /** The socket to the subgraph (one per subgraph). */
  socketFor: (subgraph: string) => UpstreamSocket;
  /** The gateway's data sources (batching wrappers around them), by subgraph name. */
  dataSources: () => ServiceMap;
  /** The gateway's error masking (as for queries). */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/** Hands the executor the event as the answer of the primary fetch; the rest of the plan then runs over it. */
const eventSource: GraphQLDataSource = {
  process: async ({ context }) => {
    const { data, errors } = (context as EventContext).subscriptionEvent;
    return { data: data ?? null, ...(errors ? { errors } : {}) };
  },
};

/**
 * `executeQueryPlan` refuses Subscription nodes and cannot be given data to start from; a plan whose first fetch is
 * the primary one answered by `eventSource` runs `rest` on the event with Apollo's own executor (Flatten, Sequence,
 * Parallel, Condition, entity fetches through the gateway's data sources) and shapes the result (aliases,
 * __typename, null propagation, error paths) exactly as for queries.
 */
function eventPlan(plan: SubscriptionPlan): QueryPlan {
  const primary: FetchNode = { ...plan.primary, serviceName: EVENT_SOURCE, requires: undefined, inputRewrites: undefined };
  return { kind: 'QueryPlan', node: plan.rest ? { kind: 'Sequence', nodes: [primary, plan.rest] } : primary };
}

class Group {
  readonly listeners = new Set<SubscriptionListener>();
  stop: (() => void) | undefined;
  /** Results are computed concurrently (so events that arrive together batch) but delivered in order. */
  tail: Promise<void> = Promise.resolve();
  ended = false;
  readonly executable: QueryPlan;
  readonly operationContext: ReturnType<typeof buildOperationContext>;

  constructor(readonly subscription: PreparedSubscription) {
    this.executable = eventPlan(subscription.plan);
    this.operationContext = buildOperationContext({
      schema: subscription.schema,
      operationDocument: subscription.document,
      operationName: subscription.operationName,
    });
  }
}

export class SubscriptionHub {
  private readonly groups = new Map<string, Group>();
  private clientCount = 0;

  constructor(private readonly options: HubOptions) {}

  /** Distinct upstream subscriptions (tests). */
  get upstreamCount(): number {
    return this.groups.size;
  }

  /** Adds a client to the subscription's group (opening the upstream subscription for the first); returns its leave. */
  join(subscription: PreparedSubscription, listener: SubscriptionListener): () => void {
    let group = this.groups.get(subscription.key);
    if (!group) {
      group = new Group(subscription);
      this.groups.set(subscription.key, group);
      this.open(group);
    }
    group.listeners.add(listener);
    this.options.metrics.clients.set(++this.clientCount);
    const joined = group;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.options.metrics.clients.set(--this.clientCount);
      joined.listeners.delete(listener);
      if (joined.listeners.size === 0) this.close(joined);
    };
  }

  /** Ends every subscription (gateway shutdown). */
  closeAll(): void {
    for (const group of [...this.groups.values()]) this.finish(group, undefined);
  }

  private open(group: Group): void {
    const { plan, variables, identityToken } = group.subscription;
    const subgraph = plan.primary.serviceName;
    const upstreamVariables: Record<string, unknown> = {};
    for (const name of plan.primary.variableUsages ?? []) if (name in variables) upstreamVariables[name] = variables[name];
    this.options.metrics.upstreams.inc({ subgraph });
    group.stop = this.options.socketFor(subgraph).add({
      payload: async () => ({
        query: plan.primary.operation,
        ...(plan.primary.operationName ? { operationName: plan.primary.operationName } : {}),
        variables: upstreamVariables,
        extensions: { gatewayIdentity: await identityToken() },
      }),
      next: (result) => this.onEvent(group, result),
      error: (errors) => this.finish(group, errors),
      complete: () => this.finish(group, undefined),
    });
  }

  private close(group: Group): void {
    if (group.ended) return;
    group.ended = true;
    this.groups.delete(group.subscription.key);
    this.options.metrics.upstreams.dec({ subgraph: group.subscription.plan.primary.serviceName });
    group.stop?.();
  }

  /** The upstream subscription ended: every client gets the errors (if any) and is completed. */
  private finish(group: Group, errors: readonly GraphQLFormattedError[] | undefined): void {
    if (group.ended) return;
    this.close(group);
    group.tail = group.tail.then(() => {
      const final = errors ? delivery({ errors }) : undefined;
      for (const listener of group.listeners) {
        if (final) listener.next(final);
        listener.end();
      }
    });
  }

  private onEvent(group: Group, event: FormattedExecutionResult): void {
    const subgraph = group.subscription.plan.primary.serviceName;
    this.options.metrics.events.inc({ subgraph });
    // A result without data is the subgraph refusing the subscription (FORBIDDEN …): passed on as it is.
    const result = event.data == null ? Promise.resolve<FormattedExecutionResult>(event) : this.resolveRest(group, event);
    const previous = group.tail;
    group.tail = Promise.all([previous, result]).then(([, value]) => {
      // Serialised once per event, not once per client (10,000 clients are 10,000 writes of the same payload).
      const once = delivery(value);
      for (const listener of group.listeners) listener.next(once);
    });
  }

  private async resolveRest(group: Group, event: FormattedExecutionResult): Promise<FormattedExecutionResult> {
    const { subscription } = group;
    const started = performance.now();
    try {
      const context: EventContext = {
        ...subscription.context,
        requestId: randomUUID(),
        identityToken: await subscription.identityToken(),
        subscriptionEvent: event,
      };
      const requestContext = {
        request: { query: undefined, variables: subscription.variables, operationName: subscription.operationName },
        context,
        logger: this.options.logger,
        metrics: {},
        document: subscription.document,
        schema: subscription.schema,
      } as unknown as GatewayGraphQLRequestContext;
      const serviceMap: ServiceMap = { ...this.options.dataSources(), [EVENT_SOURCE]: eventSource };
      const executed = await executeQueryPlan(
        group.executable,
        serviceMap,
        requestContext,
        group.operationContext,
        subscription.planner.supergraphSchema,
        subscription.planner.apiSchema,
      );
      const completed = completeResponse(executed.data as Record<string, unknown> | null | undefined, subscription.removed);
      const format = this.options.formatError;
      const errors = [...completed.errors, ...(executed.errors ?? [])].map((e) => format(e.toJSON(), e));
      return { data: completed.data, ...(errors.length > 0 ? { errors } : {}) };
    } catch (error) {
      this.options.logger.error({ err: error }, 'subscription event could not be resolved');
      return { data: null, errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    } finally {
      this.options.metrics.restDuration.observe(
        { subgraph: group.subscription.plan.primary.serviceName },
        (performance.now() - started) / 1000,
      );
    }
  }
}
