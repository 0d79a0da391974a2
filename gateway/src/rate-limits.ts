import type { IncomingMessage } from 'node:http';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, type Logger } from '@market/kit';
import { GraphQLError, OperationTypeNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import { Redis } from 'ioredis';
import type { Counter } from 'prom-client';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Identity } from './auth';
import type { GatewayContext } from './subgraph-fetch';

/** Budgets per principal per window. */
export interface RateBudgets {
  windowS: number;
  /** Requests of any kind. */
  requests: number;
  /** Summed operation cost (the cost limit's estimate): an expensive operation uses more of it. */
  cost: number;
  /** Mutations, stricter than reads. */
  mutations: number;
}

export type Budget = 'requests' | 'cost' | 'mutations';

export interface RateLimitRefusal {
  budget: Budget;
  retryAfterS: number;
}

/**
 * Whom a verified caller counts against: `user:<subject>` (every app and device of one
 * user share a budget), or `client:<client_id>` for a service token without a user.
 */
export function identityPrincipal(identity: Identity): string {
  if (identity.sub) return `user:${identity.sub}`;
  return `client:${identity.clientId ?? 'unknown'}`;
}

/**
 * Whom an anonymous request counts against: the client IP (`ip:<address>`). Verified
 * callers count as `identityPrincipal` instead; budgets per role would plug in there.
 */
export function principalOf(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    // The proxy appends the peer it saw; anything to the left of that is the client's own claim.
    const forwarded = req.headers['x-forwarded-for'];
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim();
    if (last) return `ip:${last}`;
  }
  return `ip:${req.socket.remoteAddress ?? 'unknown'}`;
}

/** The 429 error a refused client sees (GraphQL `RATE_LIMITED`, `Retry-After` in seconds). */
export function rateLimitedError(refusal: RateLimitRefusal): GraphQLError {
  return new GraphQLError(`Rate limit exceeded (${refusal.budget} budget); retry in ${refusal.retryAfterS} s`, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      budget: refusal.budget,
      retryAfter: refusal.retryAfterS,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(refusal.retryAfterS)]]) },
    },
  });
}

export interface RateLimits {
  /** Counts one request against the principal's request budget; a refusal when it is spent. */
  checkRequest(principal: string): Promise<RateLimitRefusal | undefined>;
  /** Apollo plugin: charges each resolved operation's cost (and mutations) before any subgraph is called. */
  plugin: ApolloServerPlugin<GatewayContext>;
  close(): Promise<void>;
}

export interface RateLimitsOptions {
  budgets: RateBudgets;
  /** Shared by every replica when set; in-process otherwise. */
  redisUrl?: string | undefined;
  keyPrefix: string;
  logger: Logger;
  /** Counts refusals by budget. */
  refusals: Counter<'budget'>;
  /** The operation's cost by the cost limit's estimate. */
  costOf: (schema: GraphQLSchema, document: DocumentNode) => number;
}

/**
 * Rate limits with rate-limiter-flexible: fixed windows per principal, in Redis
 * when REDIS_URL is set (so replicas share one budget), in-process otherwise.
 * When Redis fails, each replica falls back to an in-process limiter with the
 * same budget rather than letting everything through or refusing everything.
 */
export async function createRateLimits(options: RateLimitsOptions): Promise<RateLimits> {
  const { budgets, logger, refusals } = options;
  let redis: Redis | undefined;
  if (options.redisUrl) {
    // No offline queue: while Redis is away, calls fail at once and the insurance limiter answers.
    redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    redis.on('error', (error) => logger.warn({ err: error }, 'rate-limit redis connection error'));
    await redis.connect();
  }
  const client = redis;
  const limiter = (budget: Budget, points: number): RateLimiterAbstract => {
    const common = { points, duration: budgets.windowS, keyPrefix: `${options.keyPrefix}rl:${budget}` };
    if (!client) return new RateLimiterMemory(common);
    return new RateLimiterRedis({ ...common, storeClient: client, insuranceLimiter: new RateLimiterMemory(common) });
  };
  const limiters: Record<Budget, RateLimiterAbstract> = {
    requests: limiter('requests', budgets.requests),
    cost: limiter('cost', budgets.cost),
    mutations: limiter('mutations', budgets.mutations),
  };

  const consume = async (budget: Budget, principal: string, points: number): Promise<RateLimitRefusal | undefined> => {
    try {
      await limiters[budget].consume(principal, points);
      return undefined;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      // A refused request does no work, so it spends nothing: an expensive refusal must not also lock out
      // the cheap operations that still fit. (The window is fixed, so hammering does not prolong it either.)
      await limiters[budget].reward(principal, points).catch((error: unknown) => logger.warn({ err: error }, 'rate-limit refund failed'));
      refusals.inc({ budget });
      return { budget, retryAfterS: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  };

  return {
    checkRequest: (principal) => consume('requests', principal, 1),
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ contextValue, document, operation, schema }) {
            const principal = contextValue.principal;
            if (!principal) return;
            const cost = Math.min(options.costOf(schema, document), budgets.cost);
            const refusal =
              (await consume('cost', principal, cost)) ??
              (operation?.operation === OperationTypeNode.MUTATION ? await consume('mutations', principal, 1) : undefined);
            if (!refusal) return;
            // Refused for its mutation budget: the cost it was charged is not spent either.
            if (refusal.budget === 'mutations') await limiters.cost.reward(principal, cost).catch(() => undefined);
            throw rateLimitedError(refusal);
          },
        };
      },
    },
    close: async () => {
      if (client) await client.quit().catch(() => client.disconnect());
    },
  };
}
