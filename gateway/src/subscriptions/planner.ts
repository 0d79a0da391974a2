import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';

/** A subscription's plan: the primary fetch (one subscription on the owning subgraph) and the rest, run per event. */
export interface SubscriptionPlan {
  primary: FetchNode;
  rest: PlanNode | undefined;
}

/**
 * Plans subscriptions over one supergraph with `@apollo/query-planner`, as `@apollo/gateway` plans queries.
 * `ApolloGateway` keeps its own planner private, so this one is built from the same (servable) supergraph SDL
 * that `onSchemaLoadOrUpdate` reports; plans are cached by document key.
 */
export class SubscriptionPlanner {
  readonly apiSchema: Schema;
  /** The supergraph as graphql-js sees it (executeQueryPlan needs it for rewrites and type conditions). */
  readonly supergraphSchema: GraphQLSchema;
  readonly subgraphNames: readonly string[];
  private readonly planner: QueryPlanner;
  private readonly plans = new Map<string, SubscriptionPlan>();

  constructor(supergraphSdl: string) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = supergraph.apiSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
    this.subgraphNames = supergraph.subgraphsMetadata().map(({ name }) => name);
  }

  /** The plan of a validated subscription document; throws a GraphQLError when the planner refuses it. */
  plan(key: string, document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
    const known = this.plans.get(key);
    if (known) return known;
    const operation = operationFromDocument(this.apiSchema, document, { operationName });
    const { node } = this.planner.buildQueryPlan(operation);
    if (node?.kind !== 'Subscription') throw new Error('not a subscription plan');
    const plan: SubscriptionPlan = { primary: node.primary, rest: node.rest };
    // Bounded: distinct subscription documents are few (the apps' operations), but clients may send any.
    if (this.plans.size >= 1_000) this.plans.clear();
    this.plans.set(key, plan);
    return plan;
  }
}
