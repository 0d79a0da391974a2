import type { IncomingMessage } from 'node:http';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, type Logger } from '@market/kit';
import { GraphQLError, Kind, OperationTypeNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import { Redis } from 'ioredis';
import type { Counter } from 'prom-client';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Identity } from './auth';
import type { AuthorizationRules } from './authorization';
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
  /** Multipliers of the three budgets above per caller tier (1 when absent). */
  tiers?: Partial<Record<Tier, number>>;
  /** Management mutations (a root field needing an `admin:*` or `agency:*` scope) per window, any tier. */
  management?: number;
  /** Sign-in-sensitive mutations per `sensitiveWindowS`. */
  sensitive?: number;
  sensitiveWindowS?: number;
  /** Root mutation fields that are sign-in-sensitive (password, MFA). */
  sensitiveMutations?: readonly string[];
  /** First block after a management/sensitive refusal, doubled per refusal within a day (0: no blocks). */
  penaltyS?: number;
}

export type Budget = 'requests' | 'cost' | 'mutations' | 'management' | 'sensitive';

/** Who is calling, for budgets: anonymous callers per IP, users by their strongest role, services by client. */
export type Tier = 'anonymous' | 'customer' | 'agency' | 'admin' | 'service';

export function tierOf(identity: Identity | undefined): Tier {
  if (!identity) return 'anonymous';
  if (!identity.sub) return 'service';
  if (identity.roles.includes('ADMIN')) return 'admin';
  if (identity.roles.includes('AGENCY_OWNER') || identity.roles.includes('AGENCY_STAFF')) return 'agency';
  return 'customer';
}

/** Scopes that make a mutation a management one. */
const MANAGEMENT_SCOPE = /^(admin|agency):/;

/** Does this root mutation field need a management scope (by the supergraph's @requiresScopes)? */
export function isManagementField(rules: AuthorizationRules, field: string): boolean {
  const requirement = rules.fields.get(`Mutation.${field}`);
  return Boolean(
    requirement?.scopes.some((application) => application.some((group) => group.some((scope) => MANAGEMENT_SCOPE.test(scope)))),
  );
}

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
 * callers count as `identityPrincipal` instead, with their tier's budgets.
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
  /** Counts one request against the principal's request budget (sized for its tier); a refusal when it is spent. */
  checkRequest(principal: string, tier?: Tier): Promise<RateLimitRefusal | undefined>;
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
  /** The supergraph's authorization rules (which mutations are management ones). */
  rules?: () => AuthorizationRules;
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
    redis = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
      enableAutoPipelining: true,
    });
    redis.on('error', (error) => logger.warn({ err: error }, 'rate-limit redis connection error'));
    await redis.connect();
  }
  const client = redis;
  const create = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
    const common = { points, duration, keyPrefix };
    if (!client) return new RateLimiterMemory(common);
    return new RateLimiterRedis({ ...common, storeClient: client, insuranceLimiter: new RateLimiterMemory(common) });
  };
  // One limiter per budget and tier (the points differ); created on first use.
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (budget: Budget, tier: Tier): RateLimiterAbstract => {
    const scaled = budget === 'requests' || budget === 'cost' || budget === 'mutations';
    const key = scaled ? `${budget}:${tier}` : budget;
    let limiter = limiters.get(key);
    if (!limiter) {
      const factor = scaled ? (budgets.tiers?.[tier] ?? 1) : 1;
      const base =
        budget === 'management'
          ? (budgets.management ?? budgets.mutations)
          : budget === 'sensitive'
            ? (budgets.sensitive ?? budgets.mutations)
            : budgets[budget];
      const duration = budget === 'sensitive' ? (budgets.sensitiveWindowS ?? budgets.windowS) : budgets.windowS;
      // Tier 1 keeps the key layout of the plain budgets, so replicas of different versions share counters.
      const prefix = `${options.keyPrefix}rl:${budget}${scaled && factor !== 1 ? `:${tier}` : ''}`;
      limiter = create(prefix, Math.max(1, Math.round(base * factor)), duration);
      limiters.set(key, limiter);
    }
    return limiter;
  };
  // Refusals of the management and sensitive budgets within a day: each one doubles the next block.
  const strikes = create(`${options.keyPrefix}rl:strikes`, 1_000_000, 86_400);
  const sensitiveNames = new Set(budgets.sensitiveMutations ?? []);

  const consume = async (budget: Budget, principal: string, points: number, tier: Tier): Promise<RateLimitRefusal | undefined> => {
    const limiter = limiterFor(budget, tier);
    try {
      await limiter.consume(principal, points);
      return undefined;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      // A refused request does no work, so it spends nothing: an expensive refusal must not also lock out
      // the cheap operations that still fit. (The window is fixed, so hammering does not prolong it either.)
      await limiter.reward(principal, points).catch((error: unknown) => logger.warn({ err: error }, 'rate-limit refund failed'));
      refusals.inc({ budget });
      let retryAfterS = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      if ((budget === 'management' || budget === 'sensitive') && budgets.penaltyS) {
        // Progressive: the first refusal blocks for penaltyS, each further one within a day twice as long.
        const strike = await strikes.penalty(principal, 1).catch(() => undefined);
        const count = strike?.consumedPoints ?? 1;
        const blockS = Math.min(86_400, budgets.penaltyS * 2 ** Math.min(count - 1, 16));
        if (blockS > retryAfterS) {
          await limiter.block(principal, blockS).catch((error: unknown) => logger.warn({ err: error }, 'rate-limit block failed'));
          retryAfterS = blockS;
        }
        logger.warn({ principal, budget, strike: count, blockS: retryAfterS }, 'rate limit: progressive block');
      }
      return { budget, retryAfterS };
    }
  };

  return {
    checkRequest: (principal, tier = 'anonymous') => consume('requests', principal, 1, tier),
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ contextValue, document, operation, schema }) {
            const principal = contextValue.principal;
            if (!principal) return;
            const tier = tierOf(contextValue.identity);
            const costLimiter = limiterFor('cost', tier);
            const cost = Math.min(options.costOf(schema, document), costLimiter.points);
            const mutation = operation?.operation === OperationTypeNode.MUTATION;
            const roots = mutation ? operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])) : [];
            const rules = options.rules?.();
            const charged: [Budget, number][] = [];
            const charge = async (budget: Budget, points: number) => {
              const refusal = await consume(budget, principal, points, tier);
              if (!refusal) charged.push([budget, points]);
              return refusal;
            };
            const refusal =
              (await charge('cost', cost)) ??
              (mutation ? await charge('mutations', 1) : undefined) ??
              (rules && roots.some((field) => isManagementField(rules, field)) ? await charge('management', 1) : undefined) ??
              (roots.some((field) => sensitiveNames.has(field)) ? await charge('sensitive', 1) : undefined);
            if (!refusal) return;
            // Refused by one budget: what the others were charged is not spent either.
            for (const [budget, points] of charged)
              await limiterFor(budget, tier)
                .reward(principal, points)
                .catch(() => undefined);
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
