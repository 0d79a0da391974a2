import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@market/kit';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';

export interface BruteForceLimits {
  /** Failed sign-ins (password or MFA code) of one account within the window before it is locked. */
  accountMax: number;
  /** Failed sign-ins from one IP address within the window before it is locked. */
  ipMax: number;
  /** Counting window and lock duration, in seconds. */
  windowSeconds: number;
  /** Failures of an account answered without delay; each further one waits twice as long as the previous. */
  delayAfter: number;
  /** The first delay, in milliseconds (0 turns delays off). */
  delayMs: number;
  /** The longest delay, in milliseconds. */
  maxDelayMs: number;
}

export const DEFAULT_LIMITS: BruteForceLimits = {
  accountMax: 10,
  ipMax: 50,
  windowSeconds: 15 * 60,
  delayAfter: 3,
  delayMs: 250,
  maxDelayMs: 5_000,
};

export type LockState = { locked: false } | { locked: true; scope: 'account' | 'ip'; retryAfterSeconds: number };

export interface FailureOutcome {
  /** True when this failure locked the account or the IP (audit it once). */
  lockedNow: LockState;
  /** How long the answer to this failure was held back. */
  delayedMs: number;
}

/**
 * Brute-force protection of the hosted sign-in: failures are counted per account (normalized email,
 * known or not, so the lock says nothing about whether the account exists) and per IP, in Redis when
 * REDIS_URL is set (shared by every replica) or in process otherwise. After `delayAfter` failures of an
 * account the answers slow down progressively; at `accountMax` / `ipMax` the account / IP is locked for
 * `windowSeconds`. A successful sign-in resets the account's counter.
 */
export class BruteForceGuard {
  private constructor(
    readonly limits: BruteForceLimits,
    private readonly account: RateLimiterAbstract,
    private readonly ip: RateLimiterAbstract,
    private readonly redis: Redis | null,
  ) {}

  static open(options: {
    redisUrl?: string | undefined;
    prefix: string;
    limits?: Partial<BruteForceLimits>;
    logger: Logger;
  }): BruteForceGuard {
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    const common = { duration: limits.windowSeconds, blockDuration: limits.windowSeconds };
    if (options.redisUrl) {
      const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2, connectionName: 'sso-brute-force' });
      redis.on('error', (error: unknown) => options.logger.warn({ err: error }, 'brute-force redis error'));
      return new BruteForceGuard(
        limits,
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `${options.prefix}signin-fail-account`,
          points: limits.accountMax,
          ...common,
        }),
        new RateLimiterRedis({ storeClient: redis, keyPrefix: `${options.prefix}signin-fail-ip`, points: limits.ipMax, ...common }),
        redis,
      );
    }
    return new BruteForceGuard(
      limits,
      new RateLimiterMemory({ keyPrefix: 'signin-fail-account', points: limits.accountMax, ...common }),
      new RateLimiterMemory({ keyPrefix: 'signin-fail-ip', points: limits.ipMax, ...common }),
      null,
    );
  }

  /** Whether sign-in is refused right now for this account or IP (checked before the password). */
  async check(accountKey: string, ip: string): Promise<LockState> {
    const [account, fromIp] = await Promise.all([this.account.get(normalize(accountKey)), this.ip.get(ip)]);
    if (account && account.consumedPoints >= this.limits.accountMax) return locked('account', account);
    if (fromIp && fromIp.consumedPoints >= this.limits.ipMax) return locked('ip', fromIp);
    return { locked: false };
  }

  /** Counts a failure against the account and the IP, waits the progressive delay, and says whether it locked either. */
  async fail(accountKey: string, ip: string): Promise<FailureOutcome> {
    const key = normalize(accountKey);
    const [account, fromIp] = await Promise.all([consume(this.account, key), consume(this.ip, ip)]);
    let lockedNow: LockState = { locked: false };
    if (account.consumedPoints === this.limits.accountMax) {
      await this.account.block(key, this.limits.windowSeconds);
      lockedNow = { locked: true, scope: 'account', retryAfterSeconds: this.limits.windowSeconds };
    } else if (fromIp.consumedPoints === this.limits.ipMax) {
      await this.ip.block(ip, this.limits.windowSeconds);
      lockedNow = { locked: true, scope: 'ip', retryAfterSeconds: this.limits.windowSeconds };
    }
    const over = account.consumedPoints - this.limits.delayAfter;
    const delayedMs = over > 0 && this.limits.delayMs > 0 ? Math.min(this.limits.delayMs * 2 ** (over - 1), this.limits.maxDelayMs) : 0;
    if (delayedMs && !lockedNow.locked) await sleep(delayedMs);
    return { lockedNow, delayedMs };
  }

  /** A successful sign-in clears the account's failures (not the IP's). */
  async succeed(accountKey: string): Promise<void> {
    await this.account.delete(normalize(accountKey));
  }

  async close(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

const normalize = (accountKey: string) => accountKey.trim().toLowerCase();

function locked(scope: 'account' | 'ip', res: RateLimiterRes): LockState {
  return { locked: true, scope, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

/** Consumes one point; an exhausted limiter rejects with its state, which is just as good here. */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes> {
  try {
    return await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    return rejection as RateLimiterRes;
  }
}
