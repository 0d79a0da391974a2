import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { DEFAULT_LOCALE } from '../domain/locale';

/**
 * The public profile of a user. SSO owns the user (id, email, roles); this table
 * only adds to it, keyed by SSO's user id, so it has no foreign key to follow.
 */
export const profiles = pgTable('profiles', {
  userId: uuid('user_id').primaryKey(),
  displayName: text('display_name').notNull(),
  avatarUrl: text('avatar_url'),
  bio: text('bio'),
  /** BCP-47 language tag. */
  locale: text('locale').notNull().default(DEFAULT_LOCALE),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const schema = { profiles };
export type UserSchema = typeof schema;
export type ProfileRow = typeof profiles.$inferSelect;
export type NewProfile = typeof profiles.$inferInsert;

/** What this subgraph knows of a user: the id SSO gave it. */
export interface UserRef {
  id: string;
}
