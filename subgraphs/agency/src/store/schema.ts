import { doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export type AgencyStatus = 'PENDING_REVIEW' | 'VERIFIED' | 'SUSPENDED';
export type MemberRole = 'OWNER' | 'STAFF';

export const businessTypes = pgTable('business_types', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    city: text('city').notNull(),
    region: text('region').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    radiusKm: integer('radius_km'),
    status: text('status').$type<AgencyStatus>().notNull().default('PENDING_REVIEW'),
    // Review aggregates kept next to the agency so listing never joins reviews.
    ratingSum: integer('rating_sum').notNull().default(0),
    reviewCount: integer('review_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agencies_name_id_idx').on(t.name, t.id)],
);

export const agencyBusinessTypes = pgTable(
  'agency_business_types',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    code: text('code')
      .notNull()
      .references(() => businessTypes.code),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.code] })],
);

export const agencyMembers = pgTable(
  'agency_members',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    role: text('role').$type<MemberRole>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.userId] }), index('agency_members_user_idx').on(t.userId)],
);

export const schema = { businessTypes, agencies, agencyBusinessTypes, agencyMembers };
export type AgencySchema = typeof schema;
export type AgencyRow = typeof agencies.$inferSelect;
export type BusinessTypeRow = typeof businessTypes.$inferSelect;
