import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MfaRow } from '../store/user-store';
import {
  decryptSecret,
  encryptSecret,
  generateRecoveryCodes,
  hashRecoveryCode,
  looksLikeTotp,
  MfaService,
  mfaKeyFrom,
  totpFor,
  type MfaStore,
} from './mfa';

/** An in-memory MfaStore with the same atomic rules as the adapters. */
function fakeStore(): MfaStore & { rows: Map<string, MfaRow>; codes: Map<string, { hash: string; usedAt: Date | null }[]> } {
  const rows = new Map<string, MfaRow>();
  const codes = new Map<string, { hash: string; usedAt: Date | null }[]>();
  return {
    rows,
    codes,
    mfaOf: async (userId) => rows.get(userId) ?? null,
    saveMfaSecret: async (userId, totpSecret, at = new Date()) => {
      rows.set(userId, { userId, totpSecret, confirmedAt: null, lastUsedStep: null, createdAt: at });
    },
    confirmMfa: async (userId, step, at = new Date()) => {
      const row = rows.get(userId);
      if (!row) return false;
      Object.assign(row, { confirmedAt: at, lastUsedStep: step });
      return true;
    },
    useTotpStep: async (userId, step) => {
      const row = rows.get(userId);
      if (!row || (row.lastUsedStep !== null && row.lastUsedStep >= step)) return false;
      row.lastUsedStep = step;
      return true;
    },
    deleteMfa: async (userId) => {
      rows.delete(userId);
      codes.delete(userId);
    },
    replaceRecoveryCodes: async (userId, hashes) => {
      codes.set(
        userId,
        hashes.map((hash) => ({ hash, usedAt: null })),
      );
    },
    useRecoveryCode: async (userId, hash, at = new Date()) => {
      const code = codes.get(userId)?.find((c) => c.hash === hash && !c.usedAt);
      if (!code) return false;
      code.usedAt = at;
      return true;
    },
    unusedRecoveryCodes: async (userId) => (codes.get(userId) ?? []).filter((c) => !c.usedAt).length,
  };
}

const key = randomBytes(32);

describe('MFA key', () => {
  it('is required in production and 32 bytes when given', () => {
    expect(() => mfaKeyFrom(undefined, 'production')).toThrow(/required/);
    expect(mfaKeyFrom(undefined, 'development')).toHaveLength(32);
    expect(mfaKeyFrom(key.toString('base64'), 'production').equals(key)).toBe(true);
    expect(mfaKeyFrom(key.toString('hex'), 'production').equals(key)).toBe(true);
    expect(() => mfaKeyFrom('c2hvcnQ=', 'production')).toThrow(/32 bytes/);
  });
});

describe('TOTP secret encryption', () => {
  it('round-trips, hides the secret and is bound to the user', () => {
    const userId = randomUUID();
    const stored = encryptSecret(key, userId, 'JBSWY3DPEHPK3PXP');
    expect(stored).not.toContain('JBSWY3DPEHPK3PXP');
    expect(decryptSecret(key, userId, stored)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => decryptSecret(key, randomUUID(), stored)).toThrow();
    expect(() => decryptSecret(randomBytes(32), userId, stored)).toThrow();
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes, hashed independently of case and dashes', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const first = codes[0]!;
    expect(first).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    expect(hashRecoveryCode(key, first)).toBe(hashRecoveryCode(key, first.toUpperCase().replace('-', ' ')));
    expect(hashRecoveryCode(key, first)).not.toBe(hashRecoveryCode(randomBytes(32), first));
    expect(looksLikeTotp(first)).toBe(false);
    expect(looksLikeTotp('123 456')).toBe(true);
  });
});

describe('MfaService', () => {
  const user = { id: randomUUID(), email: 'mfa@example.com' };
  let now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const store = fakeStore();
  const mfa = new MfaService(store, key, () => now);

  it('enrolls: secret, otpauth URI, SVG QR code; the stored secret is encrypted', async () => {
    const enrollment = await mfa.startEnrollment(user);
    expect(enrollment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrollment.uri).toMatch(/^otpauth:\/\/totp\/Marketplace:mfa%40example\.com\?/);
    expect(enrollment.uri).toContain(`secret=${enrollment.secret}`);
    expect(enrollment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(store.rows.get(user.id)?.totpSecret).not.toContain(enrollment.secret);
    expect(await mfa.enabled(user.id)).toBe(false);

    const totp = totpFor(enrollment.secret, user.email);
    expect(await mfa.confirmEnrollment(user.id, '000000' === totp.generate({ timestamp: now }) ? '111111' : '000000')).toEqual({
      ok: false,
      reason: 'invalid_code',
    });
    const confirmed = await mfa.confirmEnrollment(user.id, totp.generate({ timestamp: now }));
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(await mfa.enabled(user.id)).toBe(true);
    expect(await mfa.unusedRecoveryCodes(user.id)).toBe(10);
    await expect(mfa.startEnrollment(user)).rejects.toThrow(/already enabled/);

    // The confirming code cannot be used again to sign in; the next step's code can, once.
    expect(await mfa.verifyTotp(user.id, totp.generate({ timestamp: now }))).toEqual({ ok: false, reason: 'replayed_code' });
    now += 30_000;
    const next = totp.generate({ timestamp: now });
    expect(await mfa.verifyTotp(user.id, next)).toEqual({ ok: true });
    expect(await mfa.verifyTotp(user.id, next)).toEqual({ ok: false, reason: 'replayed_code' });
    expect(await mfa.verifyTotp(user.id, 'abcdef')).toEqual({ ok: false, reason: 'invalid_code' });

    // A recovery code works once.
    const code = confirmed.recoveryCodes[3]!;
    expect(await mfa.useRecoveryCode(user.id, code.toUpperCase())).toBe(true);
    expect(await mfa.useRecoveryCode(user.id, code)).toBe(false);
    expect(await mfa.useRecoveryCode(user.id, 'zzzzz-zzzzz')).toBe(false);
    expect(await mfa.unusedRecoveryCodes(user.id)).toBe(9);

    await mfa.disable(user.id);
    expect(await mfa.enabled(user.id)).toBe(false);
    expect(await mfa.verifyTotp(user.id, next)).toEqual({ ok: false, reason: 'not_enrolled' });
  });
});
