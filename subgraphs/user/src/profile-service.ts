import { ErrorCode, notFound, unauthenticated, userError, type Logger, type Viewer } from '@market/kit';
import {
  CODE_ATTEMPTS,
  CODE_LENGTH,
  CODE_TTL_MS,
  RESEND_INTERVAL_MS,
  codeMatches,
  e164,
  generateCode,
  hashCode,
  isCodeShaped,
  newSalt,
  resendWaitSeconds,
  type PendingVerification,
} from './domain/phone';
import { effectivePreferences, mergePreferences, type EffectivePreferences, type SavedPreferences } from './domain/preferences';
import {
  validatePreferencesInput,
  validateProfileInput,
  type FieldProblem,
  type PreferencesInput,
  type ProfileInput,
} from './domain/validation';
import type { PhoneCodeSender } from './phone-code-sender';
import type { ProfileRepository } from './store/repository';
import type { PreferencesRow, ProfileRow } from './store/schema';

/**
 * One BAD_USER_INPUT for every invalid field: `extensions.field` is the first of them (in input
 * order), `extensions.fields` lists them all with the reason.
 */
export function invalidInput(problems: readonly FieldProblem[]) {
  const [first, ...rest] = problems;
  if (!first) throw new Error('invalidInput needs at least one problem');
  const more = rest.length ? ` (and ${rest.length} more invalid field${rest.length > 1 ? 's' : ''})` : '';
  return userError(ErrorCode.BAD_USER_INPUT, `${first.field} ${first.message}${more}`, {
    field: first.field,
    fields: problems.map(({ field, message }) => ({ field, message })),
  });
}

/** The saved part of a preferences row as the domain sees it. */
export function savedPreferences(row: PreferencesRow | null): SavedPreferences | null {
  if (!row) return null;
  return {
    channels: row.channels,
    showPhoneToAgencies: row.showPhoneToAgencies,
    showOnlineStatus: row.showOnlineStatus,
    allowAnalytics: row.allowAnalytics,
    language: row.language,
    theme: row.theme,
  };
}

export interface ProfileServiceDeps {
  repo: ProfileRepository;
  sender: PhoneCodeSender;
  logger: Logger;
  /** The clock (tests move it). */
  now?: () => Date;
}

/** What the signed-in user can change about themself; every method refuses anonymous callers. */
export function createProfileService({ repo, sender, logger, now = () => new Date() }: ProfileServiceDeps) {
  const log = logger.child({ component: 'profiles' });
  const signedIn = (viewer: Viewer | null): Viewer => {
    if (!viewer) throw unauthenticated();
    return viewer;
  };
  const profileRequired = (userId: string) =>
    userError(ErrorCode.NOT_FOUND, `User ${userId} has no profile yet: save a display name with updateProfile first`);

  return {
    /** Creates the profile on the first call (a display name is then required), else changes the fields named. */
    async updateProfile(viewer: Viewer | null, input: ProfileInput): Promise<ProfileRow> {
      const { id } = signedIn(viewer);
      const existing = await repo.profileOf(id);
      const validated = validateProfileInput(input, { creating: !existing });
      if (!validated.ok) throw invalidInput(validated.problems);
      const row = await repo.saveProfile(id, validated.value, now());
      if (!row) throw profileRequired(id);
      return row;
    },

    async updatePreferences(viewer: Viewer | null, input: PreferencesInput): Promise<EffectivePreferences> {
      const { id } = signedIn(viewer);
      const validated = validatePreferencesInput(input);
      if (!validated.ok) throw invalidInput(validated.problems);
      const row = await repo.updatePreferences(id, (saved) => mergePreferences(savedPreferences(saved), validated.value), now());
      const profile = await repo.profileOf(id);
      return effectivePreferences(savedPreferences(row), profile?.locale ?? null);
    },

    /** Stores a hashed code for the number (pending until confirmed) and sends it; one code per minute. */
    async startPhoneVerification(viewer: Viewer | null, phoneInput: string): Promise<PendingVerification> {
      const { id } = signedIn(viewer);
      const phone = e164(phoneInput);
      if (!phone)
        throw invalidInput([
          { field: 'phone', message: `must be a valid international number in E.164 form such as +49301234567 (got "${phoneInput}")` },
        ]);
      const profile = await repo.profileOf(id);
      if (!profile) throw profileRequired(id);
      if (profile.phone === phone && profile.phoneVerified)
        throw invalidInput([{ field: 'phone', message: 'is already your verified number' }]);

      const at = now();
      const code = generateCode();
      const salt = newSalt();
      const row = {
        userId: id,
        phone,
        codeHash: hashCode(code, salt),
        salt,
        attemptsLeft: CODE_ATTEMPTS,
        expiresAt: new Date(at.getTime() + CODE_TTL_MS),
        sentAt: at,
      };
      const started = await repo.startVerification(row, new Date(at.getTime() - RESEND_INTERVAL_MS));
      if (!started) {
        const last = await repo.verificationOf(id);
        const retryAfterSeconds = Math.max(1, resendWaitSeconds(last?.sentAt ?? null, at));
        throw userError(ErrorCode.RATE_LIMITED, `A code was sent less than a minute ago: ask again in ${retryAfterSeconds} s`, {
          retryAfterSeconds,
        });
      }
      try {
        await sender.send({ userId: id, phone, code, expiresAt: row.expiresAt });
      } catch (error) {
        // Not sent: no code to wait for, so no throttle either.
        await repo.discardVerification(id, row.codeHash);
        throw error;
      }
      log.info({ userId: id }, 'phone verification started');
      return { phone, expiresAt: row.expiresAt, attemptsLeft: row.attemptsLeft };
    },

    /** Checks the code (constant time); right → the number becomes the verified phone; wrong → one attempt fewer. */
    async confirmPhoneVerification(viewer: Viewer | null, code: string): Promise<ProfileRow> {
      const { id } = signedIn(viewer);
      if (!isCodeShaped(code)) throw invalidInput([{ field: 'code', message: `must be the ${CODE_LENGTH} digits sent to your phone` }]);
      const at = now();
      const outcome = await repo.withVerification(id, async (pending, locked) => {
        if (!pending) return { kind: 'none' as const };
        if (pending.expiresAt.getTime() <= at.getTime()) return { kind: 'expired' as const };
        if (pending.attemptsLeft <= 0) return { kind: 'exhausted' as const };
        if (codeMatches(code, pending.salt, pending.codeHash)) {
          const profile = await locked.complete(at);
          return profile ? { kind: 'confirmed' as const, profile } : { kind: 'no-profile' as const };
        }
        return { kind: 'wrong' as const, attemptsLeft: await locked.spendAttempt() };
      });
      const refuse = (message: string, extensions: Record<string, unknown> = {}) =>
        userError(ErrorCode.BAD_USER_INPUT, `code ${message}`, { field: 'code', fields: [{ field: 'code', message }], ...extensions });
      switch (outcome.kind) {
        case 'confirmed':
          log.info({ userId: id }, 'phone verified');
          return outcome.profile;
        case 'none':
          throw refuse('was never requested: call startPhoneVerification first');
        case 'expired':
          throw refuse('has expired: request a new one', { attemptsLeft: 0 });
        case 'exhausted':
          throw refuse('has no attempts left: request a new one', { attemptsLeft: 0 });
        case 'no-profile':
          throw profileRequired(id);
        case 'wrong':
          throw refuse(
            outcome.attemptsLeft > 0
              ? `is wrong: ${outcome.attemptsLeft} attempt${outcome.attemptsLeft > 1 ? 's' : ''} left`
              : 'is wrong: no attempts left, request a new code',
            { attemptsLeft: outcome.attemptsLeft },
          );
      }
    },

    async removePhone(viewer: Viewer | null): Promise<ProfileRow> {
      const { id } = signedIn(viewer);
      const row = await repo.removePhone(id, now());
      if (!row) throw notFound('Profile of user', id);
      return row;
    },
  };
}
export type ProfileService = ReturnType<typeof createProfileService>;
