import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { UserStore } from '../store/user-store';

/** The store operations MFA needs (a thin slice of UserStore, so tests can fake it). */
export type MfaStore = Pick<
  UserStore,
  | 'mfaOf'
  | 'saveMfaSecret'
  | 'confirmMfa'
  | 'useTotpStep'
  | 'deleteMfa'
  | 'replaceRecoveryCodes'
  | 'useRecoveryCode'
  | 'unusedRecoveryCodes'
>;

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
/** Codes of the previous and next step are accepted too (clock drift). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER_LABEL = 'Marketplace';

/** Derives nothing from a well-known constant in production: the key must be given there. */
const DEV_KEY_SEED = 'market-sso-development-mfa-key (not for production)';

/**
 * The AES-256 key that encrypts TOTP secrets at rest, from MFA_ENCRYPTION_KEY (32 bytes, base64 or hex).
 * Outside production an unset key falls back to a fixed development key, so embedded data survives restarts.
 */
export function mfaKeyFrom(value: string | undefined, nodeEnv: string): Buffer {
  if (!value) {
    if (nodeEnv === 'production') throw new Error('MFA_ENCRYPTION_KEY is required in production (32 random bytes, base64)');
    return createHash('sha256').update(DEV_KEY_SEED).digest();
  }
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('MFA_ENCRYPTION_KEY must be 32 bytes, base64 or hex encoded');
  return key;
}

/** AES-256-GCM with the user id as associated data (a ciphertext moved to another user does not decrypt). */
export function encryptSecret(key: Buffer, userId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(userId.toLowerCase()));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptSecret(key: Buffer, userId: string, stored: string): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown TOTP secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(userId.toLowerCase()));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

export function totpFor(secretBase32: string, account: string): TOTP {
  return new TOTP({
    issuer: ISSUER_LABEL,
    label: account,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The time step a code matched (within the window), or null. */
export function matchingStep(totp: TOTP, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp.validate({ token, timestamp: now, window: TOTP_WINDOW });
  return delta === null ? null : Math.floor(now / 1000 / TOTP_PERIOD) + delta;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes like `k7m2q-9xw4t`, shown to the user once. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const one = () => Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return Array.from({ length: count }, () => {
    const code = one();
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter when typing a recovery code. */
export const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

/** HMAC-SHA-256 under a pepper derived from the MFA key: the database alone cannot test guesses. */
export function hashRecoveryCode(key: Buffer, code: string): string {
  const pepper = createHmac('sha256', key).update('recovery-code-pepper').digest();
  return createHmac('sha256', pepper).update(normalizeRecoveryCode(code)).digest('hex');
}

/** A TOTP code (six digits) rather than a recovery code. */
export const looksLikeTotp = (code: string) => /^\d{6}$/.test(code.replace(/\s+/g, ''));

export interface TotpEnrollment {
  /** Base32, for typing into an authenticator app. */
  secret: string;
  /** otpauth:// URI (what the QR code holds). */
  uri: string;
  /** The QR code of the URI as an SVG document. */
  qrSvg: string;
}

export type ConfirmResult =
  { ok: true; recoveryCodes: string[] } | { ok: false; reason: 'no_enrollment' | 'already_confirmed' | 'invalid_code' };

export type VerifyResult = { ok: true } | { ok: false; reason: 'not_enrolled' | 'invalid_code' | 'replayed_code' };

/**
 * TOTP second factor: enrollment, confirmation, verification with replay refusal, and one-time
 * recovery codes. The GraphQL mutations and the hosted MFA challenge are thin layers over this.
 */
export class MfaService {
  constructor(
    private readonly store: MfaStore,
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the user has a confirmed TOTP factor (the sign-in then asks for a code). */
  async enabled(userId: string): Promise<boolean> {
    return Boolean((await this.store.mfaOf(userId))?.confirmedAt);
  }

  /** A new secret, stored encrypted and unconfirmed; refused while a confirmed factor exists (disable it first). */
  async startEnrollment(user: { id: string; email: string }): Promise<TotpEnrollment> {
    if (await this.enabled(user.id)) throw new Error('TOTP is already enabled for this user');
    const secret = new Secret({ size: 20 }).base32;
    await this.store.saveMfaSecret(user.id, encryptSecret(this.key, user.id, secret));
    const uri = totpFor(secret, user.email).toString();
    const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, uri, qrSvg };
  }

  /** Confirms a pending enrollment with a first code; returns the ten recovery codes (shown once). */
  async confirmEnrollment(userId: string, code: string): Promise<ConfirmResult> {
    const row = await this.store.mfaOf(userId);
    if (!row) return { ok: false, reason: 'no_enrollment' };
    if (row.confirmedAt) return { ok: false, reason: 'already_confirmed' };
    const step = matchingStep(totpFor(decryptSecret(this.key, userId, row.totpSecret), userId), code, this.now());
    if (step === null) return { ok: false, reason: 'invalid_code' };
    if (!(await this.store.confirmMfa(userId, step))) return { ok: false, reason: 'no_enrollment' };
    return { ok: true, recoveryCodes: await this.regenerateRecoveryCodes(userId) };
  }

  /** Checks a TOTP code of a confirmed factor; a code of an already used time step (or an earlier one) is refused. */
  async verifyTotp(userId: string, code: string): Promise<VerifyResult> {
    const row = await this.store.mfaOf(userId);
    if (!row?.confirmedAt) return { ok: false, reason: 'not_enrolled' };
    const step = matchingStep(totpFor(decryptSecret(this.key, userId, row.totpSecret), userId), code, this.now());
    if (step === null) return { ok: false, reason: 'invalid_code' };
    return (await this.store.useTotpStep(userId, step)) ? { ok: true } : { ok: false, reason: 'replayed_code' };
  }

  /** Spends a recovery code; each works once. */
  async useRecoveryCode(userId: string, code: string): Promise<boolean> {
    if (!normalizeRecoveryCode(code)) return false;
    if (!(await this.enabled(userId))) return false;
    return this.store.useRecoveryCode(userId, hashRecoveryCode(this.key, code));
  }

  /** Ten new recovery codes replace the old ones (hashes stored; the codes are returned once). */
  async regenerateRecoveryCodes(userId: string): Promise<string[]> {
    const codes = generateRecoveryCodes();
    await this.store.replaceRecoveryCodes(
      userId,
      codes.map((code) => hashRecoveryCode(this.key, code)),
    );
    return codes;
  }

  unusedRecoveryCodes(userId: string): Promise<number> {
    return this.store.unusedRecoveryCodes(userId);
  }

  /** Removes the factor and its recovery codes (callers re-authenticate the user first). */
  disable(userId: string): Promise<void> {
    return this.store.deleteMfa(userId);
  }
}
