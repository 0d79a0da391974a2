import { and, asc, count, eq, gt, inArray, or } from 'drizzle-orm';
import { validUuids } from '@market/kit';
import type { PgDb } from '@market/stores';
import {
  agencies,
  agencyBusinessTypes,
  agencyMembers,
  businessTypes,
  type AgencyRow,
  type AgencySchema,
  type BusinessTypeRow,
} from './schema';

export interface AgencyPage {
  rows: AgencyRow[];
  totalCount: number;
}

/** Every SQL statement of the agency subgraph lives here. */
export function createAgencyRepository(db: PgDb<AgencySchema>) {
  return {
    /** Agencies by (name, id), keyset-paginated; fetches `limit` rows. */
    listByName: async (limit: number, after: { name: string; id: string } | null): Promise<AgencyPage> => {
      const where = after ? or(gt(agencies.name, after.name), and(eq(agencies.name, after.name), gt(agencies.id, after.id))) : undefined;
      const [rows, [total]] = await Promise.all([
        db.select().from(agencies).where(where).orderBy(asc(agencies.name), asc(agencies.id)).limit(limit),
        db.select({ value: count() }).from(agencies),
      ]);
      return { rows, totalCount: total?.value ?? 0 };
    },
    byIds: async (ids: readonly string[]): Promise<AgencyRow[]> => {
      const valid = validUuids(ids);
      return valid.length ? db.select().from(agencies).where(inArray(agencies.id, valid)) : [];
    },
    bySlugs: (slugs: readonly string[]) =>
      db
        .select()
        .from(agencies)
        .where(inArray(agencies.slug, [...slugs])),
    /** Business types of many agencies in one query. */
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
        .where(inArray(agencyBusinessTypes.agencyId, valid))
        .orderBy(asc(businessTypes.label));
    },
    allBusinessTypes: (): Promise<BusinessTypeRow[]> => db.select().from(businessTypes).orderBy(asc(businessTypes.label)),
    isEmpty: async (): Promise<boolean> => {
      const rows = await db.select({ id: agencies.id }).from(agencies).limit(1);
      return rows.length === 0;
    },
    /** Inserts a batch of agencies with their types and members in one transaction. */
    insertAll: async (input: {
      businessTypes: (typeof businessTypes.$inferInsert)[];
      agencies: (typeof agencies.$inferInsert)[];
      agencyBusinessTypes: (typeof agencyBusinessTypes.$inferInsert)[];
      members: (typeof agencyMembers.$inferInsert)[];
    }): Promise<void> => {
      await db.transaction(async (tx) => {
        if (input.businessTypes.length) await tx.insert(businessTypes).values(input.businessTypes).onConflictDoNothing();
        if (input.agencies.length) await tx.insert(agencies).values(input.agencies);
        if (input.agencyBusinessTypes.length) await tx.insert(agencyBusinessTypes).values(input.agencyBusinessTypes);
        if (input.members.length) await tx.insert(agencyMembers).values(input.members);
      });
    },
  };
}
export type AgencyRepository = ReturnType<typeof createAgencyRepository>;
