import type { Logger } from '@market/kit';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';

export interface AccountLimitSettings {
  /** Registrations from one IP address per hour. */
  registrationsPerIp: number;
  /** Password-reset requests from one IP address per hour. */
  resetRequestsPerIp: number;
  /** Password-reset mails to one address per hour (no mail bombing through the form). */
  resetMailsPerAddress: number;
}

export const DEFAULT_ACCOUNT_LIMITS: AccountLimitSettings = { registrationsPerIp: 10, resetRequestsPerIp: 20, resetMailsPerAddress: 3 };

const HOUR = 60 * 60;

/** Seconds to wait when over the limit, or 0 when this attempt is allowed (and now counted). */
export type Attempt = (key: string) => Promise<number>;

/**
 * Rate limits of the account pages (registration, password reset), counted in Redis when REDIS_URL is set
 * (shared by every replica) and in process otherwise, like the sign-in's brute-force guard.
 */
export class AccountLimits {
  private constructor(
    readonly registration: Attempt,
    readonly resetRequest: Attempt,
    readonly resetMail: Attempt,
    private readonly redis: Redis | null,
  ) {}

  static open(options: {
    redisUrl?: string | undefined;
    prefix: string;
    limits?: Partial<AccountLimitSettings>;
    logger: Logger;
  }): AccountLimits {
    const limits = { ...DEFAULT_ACCOUNT_LIMITS, ...options.limits };
    let redis: Redis | null = null;
    const limiter = (name: string, points: number): RateLimiterAbstract => {
      if (!options.redisUrl) return new RateLimiterMemory({ keyPrefix: name, points, duration: HOUR });
      if (!redis) {
        redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2, connectionName: 'sso-account-limits' });
        redis.on('error', (error: unknown) => options.logger.warn({ err: error }, 'account limits redis error'));
      }
      return new RateLimiterRedis({ storeClient: redis, keyPrefix: `${options.prefix}${name}`, points, duration: HOUR });
    };
    return new AccountLimits(
      attempt(limiter('register-ip', limits.registrationsPerIp)),
      attempt(limiter('reset-ip', limits.resetRequestsPerIp)),
      attempt(limiter('reset-mail', limits.resetMailsPerAddress)),
      redis,
    );
  }

  async close(): Promise<void> {
    const redis = this.redis;
    if (redis) await redis.quit().catch(() => redis.disconnect());
  }
}

function attempt(limiter: RateLimiterAbstract): Attempt {
  return async (key) => {
    try {
      await limiter.consume(key.trim().toLowerCase());
      return 0;
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      return Math.max(1, Math.ceil((rejection as RateLimiterRes).msBeforeNext / 1000));
    }
  };
}
