import { eventInbox, eventOutbox } from '@market/events';
import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { DEFAULT_LOCALE } from '../domain/locale';
import type { StoredChannels, Theme } from '../domain/preferences';
import { DEFAULT_TIMEZONE } from '../domain/timezone';

/**
 * The public profile of a user. SSO owns the user (id, email, roles); this table
 * only adds to it, keyed by SSO's user id, so it has no foreign key to follow.
 */
export const profiles = pgTable('profiles', {
  userId: uuid('user_id').primaryKey(),
  displayName: text('display_name').notNull(),
  /** A file of the file subgraph (no foreign key: another service's database). */
  avatarFileId: uuid('avatar_file_id'),
  bio: text('bio'),
  /** E.164, set only by a confirmed phone verification (or the demo seed). */
  phone: text('phone'),
  phoneVerified: boolean('phone_verified').notNull().default(false),
  /** BCP-47 language tag. */
  locale: text('locale').notNull().default(DEFAULT_LOCALE),
  /** IANA time zone. */
  timezone: text('timezone').notNull().default(DEFAULT_TIMEZONE),
  // The postal address: all of line1/postal code/city/country, or none of them.
  addressLine1: text('address_line1'),
  addressLine2: text('address_line2'),
  addressPostalCode: text('address_postal_code'),
  addressCity: text('address_city'),
  /** ISO 3166-2, e.g. DE-BE. */
  addressRegion: text('address_region'),
  /** ISO 3166-1 alpha-2, e.g. DE. */
  addressCountry: text('address_country'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What a user saved of their preferences; a user without a row (or without a category in
 * `channels`, or with a null language) gets the defaults of domain/preferences.ts.
 */
export const preferences = pgTable('preferences', {
  userId: uuid('user_id').primaryKey(),
  /** Only the categories the user chose: { ORDERS: ['IN_APP'], … }. */
  channels: jsonb('channels').$type<StoredChannels>().notNull().default({}),
  showPhoneToAgencies: boolean('show_phone_to_agencies'),
  showOnlineStatus: boolean('show_online_status'),
  allowAnalytics: boolean('allow_analytics'),
  /** BCP-47; null follows the profile's locale. */
  language: text('language'),
  theme: text('theme').$type<Theme>(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The one pending phone verification of a user (a new request replaces it). */
export const phoneVerifications = pgTable('phone_verifications', {
  userId: uuid('user_id').primaryKey(),
  /** E.164: becomes the profile's phone once the code is confirmed. */
  phone: text('phone').notNull(),
  /** HMAC-SHA-256 of the code under `salt` (hex); the code itself is never stored. */
  codeHash: text('code_hash').notNull(),
  salt: text('salt').notNull(),
  attemptsLeft: integer('attempts_left').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  /** When the current code was sent: resends are throttled from here. */
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
});

// The event tables of @market/events, in this service's migrations (drizzle-kit sees exported tables only).
// The user subgraph records no events yet; the tables are there for when it does (and for consuming).
export { eventInbox, eventOutbox };

export const schema = { profiles, preferences, phoneVerifications, eventOutbox, eventInbox };
export type UserSchema = typeof schema;
export type ProfileRow = typeof profiles.$inferSelect;
export type NewProfile = typeof profiles.$inferInsert;
export type PreferencesRow = typeof preferences.$inferSelect;
export type NewPreferences = typeof preferences.$inferInsert;
export type PhoneVerificationRow = typeof phoneVerifications.$inferSelect;

/** What this subgraph knows of a user: the id SSO gave it. */
export interface UserRef {
  id: string;
}
