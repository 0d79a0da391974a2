import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO_PASSWORD } from '@market/demo-data';
import { signInForTokens, testLogger } from '@market/testkit';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { parseRotationArgs, rotateSigningKeys, RotationError } from '../src/oidc/key-rotation';
import { loadProviderKeys, newSigningKey } from '../src/oidc/keys';
import { startService } from '../src/service';
import { PgUserStore } from '../src/store';
import { startTestSso, type TestSso } from './hosted-pages';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const API_AUDIENCE = 'http://localhost:3000/graphql';
const DAY = 24 * 60 * 60 * 1000;

describe('rotation arguments', () => {
  it('parses the options and refuses unknown or incomplete ones', () => {
    expect(parseRotationArgs([])).toEqual({ addKey: true, retireOlderThanDays: null, retire: [] });
    expect(parseRotationArgs(['--retire-older-than=30', '--retire', 'k1', '--retire=k2'])).toEqual({
      addKey: true,
      retireOlderThanDays: 30,
      retire: ['k1', 'k2'],
    });
    expect(parseRotationArgs(['--no-new-key', '--retire=k1'])).toMatchObject({ addKey: false });
    expect(() => parseRotationArgs(['--retire-older-than=soon'])).toThrow(RotationError);
    expect(() => parseRotationArgs(['--retire'])).toThrow(/needs a value/);
    expect(() => parseRotationArgs(['--force'])).toThrow(/Unknown argument/);
    expect(() => parseRotationArgs(['--no-new-key'])).toThrow(/Nothing to do/);
  });
});

describe('rotateSigningKeys', () => {
  it('adds a key that signs, retires old ones, and never retires the newest or an unknown one', async () => {
    const store = await PgUserStore.open({ logger: testLogger('sso') });
    try {
      const now = new Date();
      const old = newSigningKey(new Date(now.getTime() - 40 * DAY));
      const recent = newSigningKey(new Date(now.getTime() - 5 * DAY));
      await store.addProviderKey(old);
      await store.addProviderKey(recent);
      expect((await loadProviderKeys(store, now)).jwks.keys.map((k) => k.kid)).toEqual([recent.id, old.id]);

      await expect(rotateSigningKeys(store, { addKey: true, retireOlderThanDays: null, retire: ['missing'] }, now)).rejects.toThrow(
        /No signing key with id missing/,
      );
      await expect(rotateSigningKeys(store, { addKey: false, retireOlderThanDays: null, retire: [recent.id] }, now)).rejects.toThrow(
        /newest signing key/,
      );
      expect((await store.providerKeys()).filter((k) => k.use === 'sig')).toHaveLength(2); // nothing changed

      const result = await rotateSigningKeys(store, { addKey: true, retireOlderThanDays: 30, retire: [] }, now);
      expect(result.retired).toEqual([old.id]);
      expect(result.published.map((k) => k.kid)).toEqual([result.added!.id, recent.id]);
      const keys = await loadProviderKeys(store, now);
      expect(keys.jwks.keys.map((k) => k.kid)).toEqual([result.added!.id, recent.id]);
    } finally {
      await store.close();
    }
  });
});

describe('keys:rotate against a running service', () => {
  let sso: TestSso;
  beforeAll(async () => {
    sso = await startTestSso('sso_keys');
  }, 60_000);
  afterAll(async () => {
    await sso?.stop();
  });

  const rotate = (...args: string[]) =>
    run(tsx, ['src/scripts/rotate-keys.ts', ...args], { cwd: packageDir, env: { ...process.env, ...sso.env } });
  const restartAfter = async (change: () => Promise<unknown>) => {
    await sso.service.stop();
    await change();
    sso.service = await startService(loadEnv(sso.env), { logger: testLogger('sso') });
  };
  const token = async () =>
    (await signInForTokens({ issuer: sso.issuer, email: 'customer@example.com', password: DEMO_PASSWORD, scope: 'openid orders:read' }))
      .accessToken;
  const verify = (jwt: string) =>
    jwtVerify(jwt, createRemoteJWKSet(new URL(`${sso.issuer}/jwks`)), { issuer: sso.issuer, audience: API_AUDIENCE });

  it('signs with the new key after a restart, keeps verifying the old one until it is retired', async () => {
    const before = await token();
    const oldKid = decodeProtectedHeader(before).kid!;

    await restartAfter(() => rotate());
    const after = await token();
    const newKid = decodeProtectedHeader(after).kid!;
    expect(newKid).not.toBe(oldKid);
    const jwks = (await (await fetch(`${sso.issuer}/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true); // public halves only
    await verify(before);
    await verify(after);

    // A bad argument changes nothing and fails the command.
    await expect(rotate('--retire=unknown-kid')).rejects.toMatchObject({ code: 2 });

    await restartAfter(() => rotate('--no-new-key', `--retire=${oldKid}`));
    const published = (await (await fetch(`${sso.issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(published.keys.map((k) => k.kid)).toEqual([newKid]);
    await expect(verify(before)).rejects.toThrow();
    await verify(after);
    expect(decodeProtectedHeader(await token()).kid).toBe(newKid);
  }, 120_000);
});
