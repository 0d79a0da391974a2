import { recordEvents } from '@market/events';
import { badInput, validUuids, type Keyset } from '@market/kit';
import type { PgDb } from '@market/stores';
import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DirectoryQuery } from '../domain/directory';
import type { ValidArea } from '../domain/agency-input';
import { listDirectory, boundingBox, type DirectoryPage } from './directory';
import { refreshPositions, refreshRankings } from './ranking-store';
import {
  agencies,
  agencyBusinessTypes,
  agencyDocuments,
  agencyInvitations,
  agencyMembers,
  agencyRankings,
  businessTypes,
  ledgerEntries,
  penalties,
  serviceAreas,
  type AgencyRow,
  type AgencySchema,
  type AgencyStatus,
  type BusinessTypeRow,
  type DocumentRow,
  type DocumentStatus,
  type InvitationRow,
  type LedgerEntryKind,
  type LedgerRow,
  type MemberRole,
  type MemberRow,
  type PenaltyRow,
  type RankingRow,
} from './schema';

type Db = PgDb<AgencySchema>;
type NewAgency = typeof agencies.$inferInsert;

export interface AgencySnapshot {
  agencyId: string;
  slug: string;
  name: string;
  status: AgencyStatus;
  businessTypes: string[];
  region: string;
  commissionPercent: number;
  ownerId?: string;
}

export interface Balances {
  currency: string;
  balance: number;
  depositBalance: number;
  penaltiesTotal: number;
  commissionTotal: number;
}

export interface AgencyPatch {
  name?: string;
  description?: string;
  city?: string;
  region?: string;
  lat?: number | null;
  lng?: number | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  contactWebsite?: string | null;
  contactAddress?: string | null;
}

/** The rows of one service area, with the bounding box the directory's index prefilter uses. */
export function serviceAreaRows(agencyId: string, areas: readonly ValidArea[]): (typeof serviceAreas.$inferInsert)[] {
  return areas.map((area, position) => {
    const box = area.center && area.radiusKm != null ? boundingBox(area.center.lat, area.center.lng, area.radiusKm) : null;
    return {
      agencyId,
      label: area.label,
      centerLat: area.center?.lat ?? null,
      centerLng: area.center?.lng ?? null,
      radiusKm: area.radiusKm,
      minLat: box?.minLat ?? null,
      maxLat: box?.maxLat ?? null,
      minLng: box?.minLng ?? null,
      maxLng: box?.maxLng ?? null,
      regionCodes: area.regionCodes,
      position,
    };
  });
}

/** What full-text search looks at: name, description and the labels (and codes) of the business types. */
export async function refreshSearchText(db: Db, agencyIds: readonly string[]): Promise<void> {
  const ids = validUuids(agencyIds);
  if (!ids.length) return;
  await db.execute(sql`
    update agencies a set search_text = a.name || ' ' || a.description || ' ' || coalesce((
      select string_agg(bt.label || ' ' || replace(bt.code, '_', ' '), ' ' order by bt.code)
        from agency_business_types abt join business_types bt on bt.code = abt.code
       where abt.agency_id = a.id), '')
     where a.id in (${sql.join(
       ids.map((id) => sql`${id}::uuid`),
       sql`, `,
     )})`);
}

async function snapshotOf(db: Db, agencyId: string): Promise<AgencySnapshot> {
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, agencyId));
  if (!agency) throw new Error(`agency ${agencyId} vanished inside its own transaction`);
  const types = await db
    .select({ code: agencyBusinessTypes.code })
    .from(agencyBusinessTypes)
    .where(eq(agencyBusinessTypes.agencyId, agencyId));
  const owners = await db
    .select({ userId: agencyMembers.userId })
    .from(agencyMembers)
    .where(and(eq(agencyMembers.agencyId, agencyId), eq(agencyMembers.role, 'OWNER')))
    .orderBy(asc(agencyMembers.createdAt), asc(agencyMembers.userId))
    .limit(1);
  return {
    agencyId,
    slug: agency.slug,
    name: agency.name,
    status: agency.status,
    businessTypes: [
      agency.primaryBusinessType,
      ...types
        .map((t) => t.code)
        .filter((c) => c !== agency.primaryBusinessType)
        .sort(),
    ].filter((c): c is string => c !== null),
    region: agency.region,
    commissionPercent: agency.commissionPercent,
    ...(owners[0] ? { ownerId: owners[0].userId } : {}),
  };
}

const agencyUpdated = async (tx: Db, agencyId: string) =>
  recordEvents(tx, [{ type: 'agency.updated', data: await snapshotOf(tx, agencyId) }]);

async function requireAgency(tx: Db, agencyId: string): Promise<AgencyRow> {
  const [row] = await tx.select().from(agencies).where(eq(agencies.id, agencyId)).for('update');
  if (!row) throw badInput(`agency ${agencyId} does not exist`, 'agencyId');
  return row;
}

async function unknownBusinessTypes(db: Db, codes: readonly string[]): Promise<string[]> {
  const known = await db
    .select({ code: businessTypes.code })
    .from(businessTypes)
    .where(inArray(businessTypes.code, [...codes]));
  const set = new Set(known.map((k) => k.code));
  return codes.filter((c) => !set.has(c));
}

/** Every SQL statement of the agency subgraph lives here (and in directory.ts / ranking-store.ts). */
/**
 * The roles a user holds across all agencies (after the change in this transaction): membership events carry them so
 * SSO can keep the user's AGENCY_OWNER / AGENCY_STAFF roles equal to them whatever order events arrive in.
 */
async function userRolesOf(tx: PgDb<AgencySchema>, userId: string): Promise<MemberRole[]> {
  const rows = await tx.selectDistinct({ role: agencyMembers.role }).from(agencyMembers).where(eq(agencyMembers.userId, userId));
  return rows.map((row) => row.role).sort();
}

export function createAgencyRepository(db: Db) {
  return {
    db,
    directory: (query: DirectoryQuery): Promise<DirectoryPage> => listDirectory(db, query),

    byIds: async (ids: readonly string[]): Promise<AgencyRow[]> => {
      const valid = validUuids(ids);
      return valid.length ? db.select().from(agencies).where(inArray(agencies.id, valid)) : [];
    },
    bySlugs: (slugs: readonly string[]) =>
      db
        .select()
        .from(agencies)
        .where(inArray(agencies.slug, [...slugs])),
    slugTaken: async (slug: string): Promise<boolean> =>
      (await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.slug, slug)).limit(1)).length > 0,
    /** Business types of many agencies in one query (the primary one first). */
    businessTypesOf: async (agencyIds: readonly string[]) => {
      const valid = validUuids(agencyIds);
      if (!valid.length) return [];
      return db
        .select({
          agencyId: agencyBusinessTypes.agencyId,
          code: businessTypes.code,
          label: businessTypes.label,
          createdAt: businessTypes.createdAt,
        })
        .from(agencyBusinessTypes)
        .innerJoin(businessTypes, eq(businessTypes.code, agencyBusinessTypes.code))
        .innerJoin(agencies, eq(agencies.id, agencyBusinessTypes.agencyId))
        .where(inArray(agencyBusinessTypes.agencyId, valid))
        .orderBy(sql`${agencies.primaryBusinessType} = ${businessTypes.code} desc`, asc(businessTypes.label));
    },
    allBusinessTypes: (): Promise<BusinessTypeRow[]> => db.select().from(businessTypes).orderBy(asc(businessTypes.label)),
    unknownBusinessTypes: (codes: readonly string[]) => unknownBusinessTypes(db, codes),
    serviceAreasOf: async (agencyIds: readonly string[]) => {
      const valid = validUuids(agencyIds);
      return valid.length
        ? db
            .select()
            .from(serviceAreas)
            .where(inArray(serviceAreas.agencyId, valid))
            .orderBy(asc(serviceAreas.position), asc(serviceAreas.id))
        : [];
    },
    membersOf: async (agencyIds: readonly string[]): Promise<MemberRow[]> => {
      const valid = validUuids(agencyIds);
      return valid.length
        ? db
            .select()
            .from(agencyMembers)
            .where(inArray(agencyMembers.agencyId, valid))
            .orderBy(sql`${agencyMembers.role} = 'OWNER' desc`, asc(agencyMembers.createdAt), asc(agencyMembers.userId))
        : [];
    },
    /** The viewer's memberships among these agencies. */
    membershipsOf: async (userId: string, agencyIds: readonly string[]): Promise<MemberRow[]> => {
      const valid = validUuids(agencyIds);
      return valid.length && validUuids([userId]).length
        ? db
            .select()
            .from(agencyMembers)
            .where(and(eq(agencyMembers.userId, userId), inArray(agencyMembers.agencyId, valid)))
        : [];
    },
    /** The agencies of many users (User.agencies). */
    agenciesOfUsers: async (userIds: readonly string[]) => {
      const valid = validUuids(userIds);
      if (!valid.length) return [];
      return db
        .select({ userId: agencyMembers.userId, agency: agencies })
        .from(agencyMembers)
        .innerJoin(agencies, eq(agencies.id, agencyMembers.agencyId))
        .where(inArray(agencyMembers.userId, valid))
        .orderBy(asc(agencies.name), asc(agencies.id));
    },
    invitationsOf: async (agencyIds: readonly string[]): Promise<InvitationRow[]> => {
      const valid = validUuids(agencyIds);
      return valid.length
        ? db
            .select()
            .from(agencyInvitations)
            .where(inArray(agencyInvitations.agencyId, valid))
            .orderBy(desc(agencyInvitations.createdAt), desc(agencyInvitations.id))
        : [];
    },
    invitationById: async (id: string): Promise<InvitationRow | null> =>
      validUuids([id]).length ? ((await db.select().from(agencyInvitations).where(eq(agencyInvitations.id, id)))[0] ?? null) : null,
    invitationByTokenHash: async (tokenHash: string): Promise<InvitationRow | null> =>
      (await db.select().from(agencyInvitations).where(eq(agencyInvitations.tokenHash, tokenHash)))[0] ?? null,
    documentsOf: async (agencyIds: readonly string[]): Promise<DocumentRow[]> => {
      const valid = validUuids(agencyIds);
      return valid.length
        ? db
            .select()
            .from(agencyDocuments)
            .where(inArray(agencyDocuments.agencyId, valid))
            .orderBy(asc(agencyDocuments.createdAt), asc(agencyDocuments.id))
        : [];
    },
    documentById: async (id: string): Promise<DocumentRow | null> =>
      validUuids([id]).length ? ((await db.select().from(agencyDocuments).where(eq(agencyDocuments.id, id)))[0] ?? null) : null,
    rankingsOf: async (agencyIds: readonly string[]): Promise<RankingRow[]> => {
      const valid = validUuids(agencyIds);
      return valid.length ? db.select().from(agencyRankings).where(inArray(agencyRankings.agencyId, valid)) : [];
    },
    /** Balances as sums over the ledger: nothing is stored but the entries. */
    balances: async (agencyId: string): Promise<Balances> => {
      const [row] = await db
        .select({
          balance: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)`.mapWith(Number),
          depositBalance:
            sql<number>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.kind} in ('DEPOSIT', 'DEPOSIT_RETURN')), 0)`.mapWith(
              Number,
            ),
          penaltiesTotal: sql<number>`coalesce(-sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.kind} = 'PENALTY'), 0)`.mapWith(
            Number,
          ),
          commissionTotal:
            sql<number>`coalesce(-sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.kind} = 'COMMISSION'), 0)`.mapWith(Number),
        })
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.agencyId, agencyId), eq(ledgerEntries.currency, 'EUR')));
      return {
        currency: 'EUR',
        balance: row?.balance ?? 0,
        depositBalance: row?.depositBalance ?? 0,
        penaltiesTotal: row?.penaltiesTotal ?? 0,
        commissionTotal: row?.commissionTotal ?? 0,
      };
    },
    penaltiesOf: (agencyId: string): Promise<PenaltyRow[]> =>
      db.select().from(penalties).where(eq(penalties.agencyId, agencyId)).orderBy(desc(penalties.issuedAt), desc(penalties.id)),
    /** Ledger entries newest first, keyset-paginated. */
    ledgerPage: async (agencyId: string, limit: number, after: Keyset | null): Promise<{ rows: LedgerRow[]; totalCount: number }> => {
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(ledgerEntries)
          .where(
            and(
              eq(ledgerEntries.agencyId, agencyId),
              after
                ? sql`(${ledgerEntries.createdAt}, ${ledgerEntries.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
                : undefined,
            ),
          )
          .orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
          .limit(limit),
        db.select({ value: count() }).from(ledgerEntries).where(eq(ledgerEntries.agencyId, agencyId)),
      ]);
      return { rows, totalCount: total?.value ?? 0 };
    },
    isEmpty: async (): Promise<boolean> => (await db.select({ id: agencies.id }).from(agencies).limit(1)).length === 0,

    // ── changes: each in one transaction with the events that describe it ──

    createAgency: async (input: {
      agency: NewAgency & { id: string };
      codes: string[];
      areas: ValidArea[];
      ownerId: string;
    }): Promise<AgencyRow> =>
      db.transaction(async (tx) => {
        const unknown = await unknownBusinessTypes(tx, input.codes);
        if (unknown.length) throw badInput(`input.businessTypes: unknown business type ${unknown.join(', ')}`, 'input.businessTypes');
        const now = new Date();
        await tx.insert(agencies).values({ ...input.agency, primaryBusinessType: input.codes[0], createdAt: now, updatedAt: now });
        await tx.insert(agencyBusinessTypes).values(input.codes.map((code) => ({ agencyId: input.agency.id, code })));
        if (input.areas.length) await tx.insert(serviceAreas).values(serviceAreaRows(input.agency.id, input.areas));
        await tx.insert(agencyMembers).values({ agencyId: input.agency.id, userId: input.ownerId, role: 'OWNER', createdAt: now });
        await refreshSearchText(tx, [input.agency.id]);
        await refreshRankings(tx, [input.agency.id], now);
        await recordEvents(tx, [
          { type: 'agency.created', data: await snapshotOf(tx, input.agency.id) },
          {
            type: 'agency.member.added',
            data: { agencyId: input.agency.id, userId: input.ownerId, role: 'OWNER', userRoles: await userRolesOf(tx, input.ownerId) },
          },
        ]);
        const [row] = await tx.select().from(agencies).where(eq(agencies.id, input.agency.id));
        return row as AgencyRow;
      }),

    updateAgency: async (agencyId: string, patch: AgencyPatch, codes: string[] | null): Promise<AgencyRow> =>
      db.transaction(async (tx) => {
        const before = await requireAgency(tx, agencyId);
        if (codes) {
          const unknown = await unknownBusinessTypes(tx, codes);
          if (unknown.length) throw badInput(`input.businessTypes: unknown business type ${unknown.join(', ')}`, 'input.businessTypes');
          await tx.delete(agencyBusinessTypes).where(eq(agencyBusinessTypes.agencyId, agencyId));
          await tx.insert(agencyBusinessTypes).values(codes.map((code) => ({ agencyId, code })));
        }
        await tx
          .update(agencies)
          .set({ ...patch, ...(codes ? { primaryBusinessType: codes[0] } : {}), updatedAt: new Date() })
          .where(eq(agencies.id, agencyId));
        await refreshSearchText(tx, [agencyId]);
        const [after] = await tx.select().from(agencies).where(eq(agencies.id, agencyId));
        if (after && (after.region !== before.region || after.primaryBusinessType !== before.primaryBusinessType)) {
          // The agency left one ranking group and joined another: both are renumbered.
          const [peer] = await tx
            .select({ id: agencies.id })
            .from(agencies)
            .where(
              and(
                eq(agencies.region, before.region),
                sql`${agencies.primaryBusinessType} is not distinct from ${before.primaryBusinessType}`,
                ne(agencies.id, agencyId),
              ),
            )
            .limit(1);
          await refreshPositions(tx, peer ? [agencyId, peer.id] : [agencyId]);
        }
        await agencyUpdated(tx, agencyId);
        return after as AgencyRow;
      }),

    setServiceAreas: async (agencyId: string, areas: ValidArea[]): Promise<AgencyRow> =>
      db.transaction(async (tx) => {
        await requireAgency(tx, agencyId);
        await tx.delete(serviceAreas).where(eq(serviceAreas.agencyId, agencyId));
        if (areas.length) await tx.insert(serviceAreas).values(serviceAreaRows(agencyId, areas));
        const [row] = await tx.update(agencies).set({ updatedAt: new Date() }).where(eq(agencies.id, agencyId)).returning();
        await agencyUpdated(tx, agencyId);
        return row as AgencyRow;
      }),

    addDocument: async (input: { agencyId: string; fileId: string; kind: string; uploadedBy: string }): Promise<DocumentRow> => {
      const [row] = await db
        .insert(agencyDocuments)
        .values({ ...input, createdAt: new Date() })
        .returning();
      return row as DocumentRow;
    },
    removeDocument: async (id: string): Promise<boolean> =>
      (await db.delete(agencyDocuments).where(eq(agencyDocuments.id, id)).returning()).length > 0,
    reviewDocument: async (id: string, status: DocumentStatus, note: string | null, reviewedBy: string): Promise<DocumentRow> => {
      const [row] = await db
        .update(agencyDocuments)
        .set({ status, note, reviewedBy, reviewedAt: new Date() })
        .where(eq(agencyDocuments.id, id))
        .returning();
      return row as DocumentRow;
    },

    createInvitation: async (input: {
      agencyId: string;
      agencyName: string;
      email: string;
      role: MemberRole;
      tokenHash: string;
      invitedBy: string;
      expiresAt: Date;
      acceptUrl: string;
    }): Promise<InvitationRow> =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .insert(agencyInvitations)
          .values({
            agencyId: input.agencyId,
            email: input.email,
            role: input.role,
            tokenHash: input.tokenHash,
            invitedBy: input.invitedBy,
            createdAt: new Date(),
            expiresAt: input.expiresAt,
          })
          .returning();
        const invitation = row as InvitationRow;
        await recordEvents(tx, [
          {
            type: 'agency.invitation.created',
            data: {
              invitationId: invitation.id,
              agencyId: input.agencyId,
              agencyName: input.agencyName,
              email: input.email,
              role: input.role,
              acceptUrl: input.acceptUrl,
            },
          },
        ]);
        return invitation;
      }),
    revokeInvitation: async (id: string): Promise<InvitationRow | null> => {
      const [row] = await db
        .update(agencyInvitations)
        .set({ status: 'REVOKED' })
        .where(and(eq(agencyInvitations.id, id), eq(agencyInvitations.status, 'PENDING')))
        .returning();
      return row ?? null;
    },
    /** Marks the invitation used and adds the member, once: a second accept finds it ACCEPTED. */
    acceptInvitation: async (tokenHash: string, userId: string, now: Date): Promise<AgencyRow> =>
      db.transaction(async (tx) => {
        const [invitation] = await tx.select().from(agencyInvitations).where(eq(agencyInvitations.tokenHash, tokenHash)).for('update');
        if (!invitation) throw badInput('token: this invitation does not exist', 'token');
        if (invitation.status === 'ACCEPTED') throw badInput('token: this invitation has already been used', 'token');
        if (invitation.status === 'REVOKED') throw badInput('token: this invitation was revoked', 'token');
        if (invitation.expiresAt.getTime() <= now.getTime()) throw badInput('token: this invitation has expired', 'token');
        const [existing] = await tx
          .select()
          .from(agencyMembers)
          .where(and(eq(agencyMembers.agencyId, invitation.agencyId), eq(agencyMembers.userId, userId)));
        if (existing) throw badInput('token: you are already a member of this agency', 'token');
        await tx.insert(agencyMembers).values({ agencyId: invitation.agencyId, userId, role: invitation.role, createdAt: now });
        await tx.update(agencyInvitations).set({ status: 'ACCEPTED', acceptedBy: userId }).where(eq(agencyInvitations.id, invitation.id));
        await recordEvents(tx, [
          {
            type: 'agency.member.added',
            data: { agencyId: invitation.agencyId, userId, role: invitation.role, userRoles: await userRolesOf(tx, userId) },
          },
        ]);
        const [agency] = await tx.select().from(agencies).where(eq(agencies.id, invitation.agencyId));
        return agency as AgencyRow;
      }),
    removeMember: async (agencyId: string, userId: string): Promise<AgencyRow> =>
      db.transaction(async (tx) => {
        const agency = await requireAgency(tx, agencyId); // the row lock serialises concurrent removals
        const members = await tx.select().from(agencyMembers).where(eq(agencyMembers.agencyId, agencyId));
        const member = members.find((m) => m.userId === userId);
        if (!member) throw badInput(`userId: ${userId} is not a member of this agency`, 'userId');
        if (member.role === 'OWNER' && members.filter((m) => m.role === 'OWNER').length === 1)
          throw badInput('userId: the last owner of an agency cannot be removed', 'userId');
        await tx.delete(agencyMembers).where(and(eq(agencyMembers.agencyId, agencyId), eq(agencyMembers.userId, userId)));
        await recordEvents(tx, [
          { type: 'agency.member.removed', data: { agencyId, userId, role: member.role, userRoles: await userRolesOf(tx, userId) } },
        ]);
        return agency;
      }),

    setStatus: async (agencyId: string, status: AgencyStatus, reason: string | null): Promise<AgencyRow> =>
      db.transaction(async (tx) => {
        const before = await requireAgency(tx, agencyId);
        const now = new Date();
        await tx
          .update(agencies)
          .set({
            status,
            statusReason: reason,
            verifiedAt: status === 'VERIFIED' ? (before.status === 'VERIFIED' ? before.verifiedAt : now) : before.verifiedAt,
            updatedAt: now,
          })
          .where(eq(agencies.id, agencyId));
        await refreshRankings(tx, [agencyId], now);
        await agencyUpdated(tx, agencyId);
        const [row] = await tx.select().from(agencies).where(eq(agencies.id, agencyId));
        return row as AgencyRow;
      }),
    setCommission: async (agencyId: string, percent: number): Promise<AgencyRow> =>
      db.transaction(async (tx) => {
        await requireAgency(tx, agencyId);
        const [row] = await tx
          .update(agencies)
          .set({ commissionPercent: percent, updatedAt: new Date() })
          .where(eq(agencies.id, agencyId))
          .returning();
        await agencyUpdated(tx, agencyId);
        return row as AgencyRow;
      }),
    appendLedger: async (entry: {
      agencyId: string;
      kind: LedgerEntryKind;
      amount: number;
      currency: string;
      description: string;
      reference?: string | null;
      createdBy: string | null;
    }): Promise<LedgerRow> =>
      db.transaction(async (tx) => {
        await requireAgency(tx, entry.agencyId);
        const [row] = await tx
          .insert(ledgerEntries)
          .values({ ...entry, createdAt: new Date() })
          .returning();
        return row as LedgerRow;
      }),
    /** The penalty, its ledger debit, the event and the lowered ranking: one transaction. */
    issuePenalty: async (input: {
      agencyId: string;
      amount: number;
      currency: string;
      reason: string;
      issuedBy: string;
    }): Promise<PenaltyRow> =>
      db.transaction(async (tx) => {
        await requireAgency(tx, input.agencyId);
        const now = new Date();
        const [row] = await tx
          .insert(penalties)
          .values({ ...input, issuedAt: now })
          .returning();
        const penalty = row as PenaltyRow;
        await tx.insert(ledgerEntries).values({
          agencyId: input.agencyId,
          kind: 'PENALTY',
          amount: -input.amount,
          currency: input.currency,
          description: `Penalty: ${input.reason}`,
          reference: penalty.id,
          createdBy: input.issuedBy,
          createdAt: now,
        });
        await refreshRankings(tx, [input.agencyId], now);
        await recordEvents(tx, [
          {
            type: 'agency.penalized',
            data: {
              agencyId: input.agencyId,
              penaltyId: penalty.id,
              amount: input.amount,
              currency: input.currency,
              reason: input.reason,
              issuedBy: input.issuedBy,
            },
          },
        ]);
        return penalty;
      }),
    createBusinessType: async (code: string, label: string): Promise<BusinessTypeRow> => {
      const [row] = await db.insert(businessTypes).values({ code, label, createdAt: new Date() }).onConflictDoNothing().returning();
      if (!row) throw badInput(`code: business type ${code} already exists`, 'code');
      return row;
    },
  };
}
export type AgencyRepository = ReturnType<typeof createAgencyRepository>;
