import type { JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifiedTokenCache } from '../src/index';

// The cache in front of JWT verification: a token is verified once and then served from memory until it
// expires (and never longer than maxAgeMs); a refused token is never remembered.

function clock(start = 1_000_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function counted(payload: JWTPayload) {
  const calls = { count: 0 };
  const verify = () => {
    calls.count++;
    return Promise.resolve({ ...payload });
  };
  return { calls, verify };
}

describe('verifiedTokenCache', () => {
  it('verifies a token once while it is valid, and again once it has expired', async () => {
    const time = clock();
    const cache = verifiedTokenCache({ now: time.now, maxAgeMs: 3_600_000 });
    const exp = Math.floor(time.now() / 1000) + 60;
    const { calls, verify } = counted({ sub: 'u1', exp });
    expect(await cache.payload('token-1', verify)).toMatchObject({ sub: 'u1' });
    expect(await cache.payload('token-1', verify)).toMatchObject({ sub: 'u1' });
    expect(calls.count).toBe(1);
    time.advance(61_000);
    await cache.payload('token-1', verify);
    expect(calls.count).toBe(2);
  });

  it('keeps a long-lived token no longer than maxAgeMs (a withdrawn key stops being accepted)', async () => {
    const time = clock();
    const cache = verifiedTokenCache({ now: time.now, maxAgeMs: 1_000 });
    const { calls, verify } = counted({ exp: Math.floor(time.now() / 1000) + 3_600 });
    await cache.payload('token-2', verify);
    time.advance(999);
    await cache.payload('token-2', verify);
    expect(calls.count).toBe(1);
    time.advance(2);
    await cache.payload('token-2', verify);
    expect(calls.count).toBe(2);
  });

  it('never remembers a refusal, a token without exp, or another token', async () => {
    const cache = verifiedTokenCache();
    let attempts = 0;
    const refuse = () => {
      attempts++;
      return Promise.reject(new Error('bad signature'));
    };
    await expect(cache.payload('forged', refuse)).rejects.toThrow('bad signature');
    await expect(cache.payload('forged', refuse)).rejects.toThrow('bad signature');
    expect(attempts).toBe(2);

    const noExp = counted({ sub: 'u2' });
    await cache.payload('no-exp', noExp.verify);
    await cache.payload('no-exp', noExp.verify);
    expect(noExp.calls.count).toBe(2);

    const exp = Math.floor(Date.now() / 1000) + 60;
    const a = counted({ sub: 'a', exp });
    const b = counted({ sub: 'b', exp });
    expect(await cache.payload('token-a', a.verify)).toMatchObject({ sub: 'a' });
    expect(await cache.payload('token-b', b.verify)).toMatchObject({ sub: 'b' });
    expect(cache.size).toBe(2);
  });

  it('hands out a frozen payload, so no caller can change what the next one gets', async () => {
    const cache = verifiedTokenCache();
    const payload = await cache.payload('token-3', () => Promise.resolve({ sub: 'u3', exp: Math.floor(Date.now() / 1000) + 60 }));
    expect(Object.isFrozen(payload)).toBe(true);
  });

  it('is bounded: the least recently used tokens make room', async () => {
    const cache = verifiedTokenCache({ max: 2 });
    const exp = Math.floor(Date.now() / 1000) + 60;
    const first = counted({ exp });
    await cache.payload('t1', first.verify);
    await cache.payload('t2', counted({ exp }).verify);
    await cache.payload('t3', counted({ exp }).verify);
    expect(cache.size).toBe(2);
    await cache.payload('t1', first.verify);
    expect(first.calls.count).toBe(2);
  });
});
