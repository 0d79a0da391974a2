import { DEFAULT_LOCALE } from './locale';

export const PREFERENCE_CATEGORIES = ['ORDERS', 'MESSAGES', 'PAYMENTS', 'MARKETING'] as const;
export type PreferenceCategory = (typeof PREFERENCE_CATEGORIES)[number];
export const NOTIFICATION_CHANNELS = ['IN_APP', 'EMAIL', 'SMS', 'PUSH'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const THEMES = ['LIGHT', 'DARK', 'SYSTEM'] as const;
export type Theme = (typeof THEMES)[number];

/** The categories a user chose channels for; the others follow the defaults. */
export type StoredChannels = Partial<Record<PreferenceCategory, NotificationChannel[]>>;

export interface PrivacyPreferences {
  showPhoneToAgencies: boolean;
  showOnlineStatus: boolean;
  allowAnalytics: boolean;
}

export interface EffectivePreferences {
  channels: { category: PreferenceCategory; channels: NotificationChannel[] }[];
  privacy: PrivacyPreferences;
  language: string;
  theme: Theme;
}

/** What a user who never saved preferences gets: transactional mail, no marketing, nothing shared. */
export const DEFAULT_CHANNELS: Readonly<Record<PreferenceCategory, readonly NotificationChannel[]>> = {
  ORDERS: ['IN_APP', 'EMAIL'],
  MESSAGES: ['IN_APP', 'PUSH'],
  PAYMENTS: ['IN_APP', 'EMAIL'],
  MARKETING: [],
};
export const DEFAULT_PRIVACY: Readonly<PrivacyPreferences> = {
  showPhoneToAgencies: false,
  showOnlineStatus: true,
  allowAnalytics: false,
};
export const DEFAULT_THEME: Theme = 'SYSTEM';

/** What is stored of a user's preferences (every part optional: unset parts follow the defaults). */
export interface SavedPreferences {
  channels: StoredChannels;
  showPhoneToAgencies: boolean | null;
  showOnlineStatus: boolean | null;
  allowAnalytics: boolean | null;
  language: string | null;
  theme: Theme | null;
}

/** Channels in one fixed order, each once, so saved lists compare and display one way. */
export function canonicalChannels(channels: readonly NotificationChannel[]): NotificationChannel[] {
  const chosen = new Set(channels);
  return NOTIFICATION_CHANNELS.filter((channel) => chosen.has(channel));
}

/**
 * The effective preferences: what the user saved over the defaults; the language follows
 * the profile's locale until the user picks one.
 */
export function effectivePreferences(saved: SavedPreferences | null, profileLocale: string | null): EffectivePreferences {
  return {
    channels: PREFERENCE_CATEGORIES.map((category) => ({
      category,
      channels: [...(saved?.channels[category] ?? DEFAULT_CHANNELS[category])],
    })),
    privacy: {
      showPhoneToAgencies: saved?.showPhoneToAgencies ?? DEFAULT_PRIVACY.showPhoneToAgencies,
      showOnlineStatus: saved?.showOnlineStatus ?? DEFAULT_PRIVACY.showOnlineStatus,
      allowAnalytics: saved?.allowAnalytics ?? DEFAULT_PRIVACY.allowAnalytics,
    },
    language: saved?.language ?? profileLocale ?? DEFAULT_LOCALE,
    theme: saved?.theme ?? DEFAULT_THEME,
  };
}

export interface PreferencesChange {
  channels?: { category: PreferenceCategory; channels: NotificationChannel[] }[] | null;
  privacy?: { showPhoneToAgencies?: boolean | null; showOnlineStatus?: boolean | null; allowAnalytics?: boolean | null } | null;
  /** Canonical BCP-47; null goes back to following the profile's locale. */
  language?: string | null;
  theme?: Theme | null;
}

/**
 * Applies a (validated) change: `channels` replaces only the categories it names, privacy only the
 * flags it names; fields left out (or null, for the non-clearable ones) stay as they are.
 */
export function mergePreferences(saved: SavedPreferences | null, change: PreferencesChange): SavedPreferences {
  const base: SavedPreferences = saved ?? {
    channels: {},
    showPhoneToAgencies: null,
    showOnlineStatus: null,
    allowAnalytics: null,
    language: null,
    theme: null,
  };
  const channels: StoredChannels = { ...base.channels };
  for (const entry of change.channels ?? []) channels[entry.category] = canonicalChannels(entry.channels);
  const privacy = change.privacy ?? {};
  return {
    channels,
    showPhoneToAgencies: privacy.showPhoneToAgencies ?? base.showPhoneToAgencies,
    showOnlineStatus: privacy.showOnlineStatus ?? base.showOnlineStatus,
    allowAnalytics: privacy.allowAnalytics ?? base.allowAnalytics,
    language: change.language === undefined ? base.language : change.language,
    theme: change.theme ?? base.theme,
  };
}
