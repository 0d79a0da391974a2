import { eventInbox, eventOutbox } from '@market/events';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// drizzle-kit finds tables among the file's exports: the event tables are re-exported for it.
export { eventInbox, eventOutbox };

export type AgencyStatus = 'PENDING_REVIEW' | 'VERIFIED' | 'SUSPENDED';
export type MemberRole = 'OWNER' | 'STAFF';
export type DocumentStatus = 'PENDING' | 'APPROVED' | 'REJECTED';
export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'REVOKED' | 'EXPIRED';
export type LedgerEntryKind = 'DEPOSIT' | 'DEPOSIT_RETURN' | 'PENALTY' | 'COMMISSION' | 'ADJUSTMENT';
export type AgencyTier = 'BRONZE' | 'SILVER' | 'GOLD' | 'PLATINUM';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const businessTypes = pgTable('business_types', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
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
    statusReason: text('status_reason'),
    verifiedAt: at('verified_at'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    contactWebsite: text('contact_website'),
    contactAddress: text('contact_address'),
    /** Platform commission on completed orders, in percent (0–100). */
    commissionPercent: doublePrecision('commission_percent').notNull().default(12),
    /** The first business type: the ranking position is within it and the region. */
    primaryBusinessType: text('primary_business_type'),
    // Review aggregates kept next to the agency so listing never joins reviews (from order.reviewed).
    ratingSum: integer('rating_sum').notNull().default(0),
    reviewCount: integer('review_count').notNull().default(0),
    /** Name, description and business type labels; maintained by the repository on every change. */
    searchText: text('search_text').notNull().default(''),
    searchDocument: tsvector('search_document').generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, search_text)`),
    /** A copy of agency_rankings.score (written with it) so the directory sorts by rank without a join. */
    rankingScore: doublePrecision('ranking_score').notNull().default(0),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('agencies_name_id_idx').on(t.name, t.id),
    index('agencies_lat_lng_idx').on(t.lat, t.lng),
    index('agencies_created_id_idx').on(t.createdAt, t.id),
    index('agencies_search_idx').using('gin', t.searchDocument),
    index('agencies_group_idx').on(t.primaryBusinessType, t.region),
    // The directory's orders for everyone but admins (who also see SUSPENDED agencies): a page stops after `first`
    // rows. The rating index also carries its inputs, so totalCount with minRating is an index-only scan.
    index('agencies_rank_idx')
      .on(t.rankingScore.desc(), t.createdAt.asc(), t.id.asc())
      .where(sql`status <> 'SUSPENDED'`),
    index('agencies_rating_idx')
      .on(sql`((20::float8 + rating_sum) / (5::float8 + review_count)) desc`, t.id.asc(), t.ratingSum, t.reviewCount)
      .where(sql`status <> 'SUSPENDED'`),
  ],
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
  (t) => [primaryKey({ columns: [t.agencyId, t.code] }), index('agency_business_types_code_idx').on(t.code, t.agencyId)],
);

/** A circle (center + radius, with its bounding box for index prefiltering) and/or whole regions. */
export const serviceAreas = pgTable(
  'service_areas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    label: text('label'),
    centerLat: doublePrecision('center_lat'),
    centerLng: doublePrecision('center_lng'),
    radiusKm: doublePrecision('radius_km'),
    minLat: doublePrecision('min_lat'),
    maxLat: doublePrecision('max_lat'),
    minLng: doublePrecision('min_lng'),
    maxLng: doublePrecision('max_lng'),
    regionCodes: text('region_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('service_areas_agency_idx').on(t.agencyId),
    index('service_areas_bbox_idx').on(t.minLat, t.maxLat, t.minLng, t.maxLng),
    index('service_areas_regions_idx').using('gin', t.regionCodes),
  ],
);

export const agencyMembers = pgTable(
  'agency_members',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    role: text('role').$type<MemberRole>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.userId] }), index('agency_members_user_idx').on(t.userId)],
);

/** The token itself is only in the mail; the table keeps its SHA-256. */
export const agencyInvitations = pgTable(
  'agency_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role').$type<MemberRole>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    status: text('status').$type<Exclude<InvitationStatus, 'EXPIRED'>>().notNull().default('PENDING'),
    invitedBy: uuid('invited_by').notNull(),
    acceptedBy: uuid('accepted_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [index('agency_invitations_agency_idx').on(t.agencyId, t.createdAt)],
);

export const agencyDocuments = pgTable(
  'agency_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').$type<DocumentStatus>().notNull().default('PENDING'),
    note: text('note'),
    uploadedBy: uuid('uploaded_by').notNull(),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: at('reviewed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('agency_documents_agency_idx').on(t.agencyId, t.createdAt)],
);

/** Append-only: rows are never updated or deleted; balances are sums. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<LedgerEntryKind>().notNull(),
    /** Signed minor units: credits to the agency positive, debits negative. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    description: text('description').notNull(),
    reference: text('reference'),
    createdBy: uuid('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('ledger_entries_agency_idx').on(t.agencyId, t.createdAt, t.id),
    // One commission per order, however often order.transitioned arrives.
    uniqueIndex('ledger_entries_commission_ref_idx').on(t.kind, t.reference),
  ],
);

export const penalties = pgTable(
  'penalties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    reason: text('reason').notNull(),
    issuedBy: uuid('issued_by').notNull(),
    issuedAt: at('issued_at').notNull().defaultNow(),
  },
  (t) => [index('penalties_agency_idx').on(t.agencyId, t.issuedAt)],
);

/** What this service knows of each order of an agency (from order events); metrics are aggregates of it. */
export const agencyOrders = pgTable(
  'agency_orders',
  {
    orderId: uuid('order_id').primaryKey(),
    agencyId: uuid('agency_id').notNull(),
    status: text('status').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull().default('EUR'),
    placedAt: at('placed_at').notNull(),
    dueDate: at('due_date'),
    deliveredAt: at('delivered_at'),
    cancelledByAgency: boolean('cancelled_by_agency').notNull().default(false),
    disputed: boolean('disputed').notNull().default(false),
    rating: integer('rating'),
    lastEventAt: at('last_event_at').notNull(),
  },
  (t) => [index('agency_orders_agency_idx').on(t.agencyId)],
);

/** Per conversation: when the customer's unanswered message arrived (cleared by the agency's reply). */
export const conversationWaits = pgTable('conversation_waits', {
  conversationId: text('conversation_id').primaryKey(),
  agencyId: uuid('agency_id').notNull(),
  customerAt: at('customer_at').notNull(),
});

/** One agency first-response time, keyed by the answering message. */
export const responseSamples = pgTable(
  'response_samples',
  {
    messageId: text('message_id').primaryKey(),
    agencyId: uuid('agency_id').notNull(),
    seconds: integer('seconds').notNull(),
    at: at('at').notNull(),
  },
  (t) => [index('response_samples_agency_idx').on(t.agencyId, t.at)],
);

/** Inputs of the ranking, aggregated from agency_orders, response_samples and penalties. */
export const agencyMetrics = pgTable('agency_metrics', {
  agencyId: uuid('agency_id')
    .primaryKey()
    .references(() => agencies.id, { onDelete: 'cascade' }),
  ordersTotal: integer('orders_total').notNull().default(0),
  completed: integer('completed').notNull().default(0),
  cancelledByAgency: integer('cancelled_by_agency').notNull().default(0),
  disputed: integer('disputed').notNull().default(0),
  deliveredWithDue: integer('delivered_with_due').notNull().default(0),
  deliveredOnTime: integer('delivered_on_time').notNull().default(0),
  ratingSum: integer('rating_sum').notNull().default(0),
  reviewCount: integer('review_count').notNull().default(0),
  medianResponseSeconds: doublePrecision('median_response_seconds'),
  penaltyCount365: integer('penalty_count_365').notNull().default(0),
  penaltyAmount365: bigint('penalty_amount_365', { mode: 'number' }).notNull().default(0),
  lastActivityAt: at('last_activity_at'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const agencyRankings = pgTable(
  'agency_rankings',
  {
    agencyId: uuid('agency_id')
      .primaryKey()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    score: doublePrecision('score').notNull(),
    tier: text('tier').$type<AgencyTier>().notNull(),
    position: integer('position'),
    positionOf: integer('position_of'),
    positionScope: text('position_scope'),
    breakdown: jsonb('breakdown').$type<RankingFactorRow[]>().notNull(),
    computedAt: at('computed_at').notNull(),
  },
  (t) => [index('agency_rankings_score_idx').on(t.score, t.agencyId)],
);

export interface RankingFactorRow {
  key: string;
  label: string;
  value: number | null;
  normalized: number;
  weight: number;
  points: number;
  detail: string | null;
}

export const schema = {
  businessTypes,
  agencies,
  agencyBusinessTypes,
  serviceAreas,
  agencyMembers,
  agencyInvitations,
  agencyDocuments,
  ledgerEntries,
  penalties,
  agencyOrders,
  conversationWaits,
  responseSamples,
  agencyMetrics,
  agencyRankings,
  eventOutbox,
  eventInbox,
};
export type AgencySchema = typeof schema;
export type AgencyRow = typeof agencies.$inferSelect;
/** An agency as the directory lists it (with its distance from filter.near). */
export type ListedAgency = AgencyRow & { distanceKm?: number | null };
export type BusinessTypeRow = typeof businessTypes.$inferSelect;
export type ServiceAreaRow = typeof serviceAreas.$inferSelect;
export type MemberRow = typeof agencyMembers.$inferSelect;
export type InvitationRow = typeof agencyInvitations.$inferSelect;
export type DocumentRow = typeof agencyDocuments.$inferSelect;
export type LedgerRow = typeof ledgerEntries.$inferSelect;
export type PenaltyRow = typeof penalties.$inferSelect;
export type MetricsRow = typeof agencyMetrics.$inferSelect;
export type RankingRow = typeof agencyRankings.$inferSelect;
/** A reference to an entity another subgraph owns (User, File). */
export interface UserRef {
  id: string;
}
