import { and, gt, inArray, sql } from 'drizzle-orm';
import type { PgDb } from '@market/stores';
import { rankAgency, type RankingInputs } from '../domain/ranking';
import { agencies, agencyMetrics, agencyOrders, agencyRankings, penalties, responseSamples, type AgencySchema } from './schema';

type Db = PgDb<AgencySchema>;
const YEAR_MS = 365 * 86_400_000;
const CHUNK = 1_000;

const idList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * Recomputes the metrics and ranking of these agencies from what the store knows (their orders,
 * chat response samples and penalties), then the positions of every agency in their groups.
 * Idempotent: the result depends only on the stored facts and `now`.
 */
export async function refreshRankings(db: Db, agencyIds: readonly string[], now: Date = new Date()): Promise<void> {
  const unique = [...new Set(agencyIds)];
  for (let start = 0; start < unique.length; start += CHUNK) {
    await refreshChunk(db, unique.slice(start, start + CHUNK), now);
  }
  await refreshPositions(db, unique);
}

async function refreshChunk(db: Db, ids: string[], now: Date): Promise<void> {
  if (!ids.length) return;
  const since = new Date(now.getTime() - YEAR_MS);
  // One client inside a transaction: the statements run one after another.
  const base = await db.select({ id: agencies.id, createdAt: agencies.createdAt }).from(agencies).where(inArray(agencies.id, ids));
  const orderStats = await db
    .select({
      agencyId: agencyOrders.agencyId,
      ordersTotal: sql<number>`count(*) filter (where ${agencyOrders.status} <> 'PENDING')`.mapWith(Number),
      completed: sql<number>`count(*) filter (where ${agencyOrders.status} = 'COMPLETED')`.mapWith(Number),
      cancelledByAgency: sql<number>`count(*) filter (where ${agencyOrders.cancelledByAgency})`.mapWith(Number),
      disputed: sql<number>`count(*) filter (where ${agencyOrders.disputed})`.mapWith(Number),
      deliveredWithDue:
        sql<number>`count(*) filter (where ${agencyOrders.deliveredAt} is not null and ${agencyOrders.dueDate} is not null)`.mapWith(
          Number,
        ),
      deliveredOnTime: sql<number>`count(*) filter (where ${agencyOrders.deliveredAt} <= ${agencyOrders.dueDate})`.mapWith(Number),
      ratingSum: sql<number>`coalesce(sum(${agencyOrders.rating}), 0)`.mapWith(Number),
      reviewCount: sql<number>`count(${agencyOrders.rating})`.mapWith(Number),
      lastActivityAt: sql<string | null>`max(${agencyOrders.lastEventAt})`,
    })
    .from(agencyOrders)
    .where(inArray(agencyOrders.agencyId, ids))
    .groupBy(agencyOrders.agencyId);
  const samples = await db
    .select({
      agencyId: responseSamples.agencyId,
      median: sql<number>`percentile_cont(0.5) within group (order by ${responseSamples.seconds})`.mapWith(Number),
    })
    .from(responseSamples)
    .where(inArray(responseSamples.agencyId, ids))
    .groupBy(responseSamples.agencyId);
  const penaltyStats = await db
    .select({
      agencyId: penalties.agencyId,
      count: sql<number>`count(*)`.mapWith(Number),
      amount: sql<number>`coalesce(sum(${penalties.amount}), 0)`.mapWith(Number),
    })
    .from(penalties)
    .where(and(inArray(penalties.agencyId, ids), gt(penalties.issuedAt, since)))
    .groupBy(penalties.agencyId);
  const statsOf = new Map(orderStats.map((row) => [row.agencyId, row]));
  const medianOf = new Map(samples.map((row) => [row.agencyId, row.median]));
  const penaltiesOf = new Map(penaltyStats.map((row) => [row.agencyId, row]));

  const metrics: (typeof agencyMetrics.$inferInsert)[] = [];
  const rankings: (typeof agencyRankings.$inferInsert)[] = [];
  for (const agency of base) {
    const stats = statsOf.get(agency.id);
    const penalty = penaltiesOf.get(agency.id);
    const inputs: RankingInputs = {
      ordersTotal: stats?.ordersTotal ?? 0,
      completed: stats?.completed ?? 0,
      cancelledByAgency: stats?.cancelledByAgency ?? 0,
      disputed: stats?.disputed ?? 0,
      deliveredWithDue: stats?.deliveredWithDue ?? 0,
      deliveredOnTime: stats?.deliveredOnTime ?? 0,
      ratingSum: stats?.ratingSum ?? 0,
      reviewCount: stats?.reviewCount ?? 0,
      medianResponseSeconds: medianOf.get(agency.id) ?? null,
      penaltyCount365: penalty?.count ?? 0,
      penaltyAmount365: penalty?.amount ?? 0,
      lastActivityAt: stats?.lastActivityAt ? new Date(stats.lastActivityAt) : null,
    };
    metrics.push({ agencyId: agency.id, ...inputs, updatedAt: now });
    const ranking = rankAgency(inputs, now);
    rankings.push({ agencyId: agency.id, score: ranking.score, tier: ranking.tier, breakdown: ranking.breakdown, computedAt: now });
  }
  if (!metrics.length) return;
  await db
    .insert(agencyMetrics)
    .values(metrics)
    .onConflictDoUpdate({
      target: agencyMetrics.agencyId,
      set: Object.fromEntries(
        [
          'orders_total',
          'completed',
          'cancelled_by_agency',
          'disputed',
          'delivered_with_due',
          'delivered_on_time',
          'rating_sum',
          'review_count',
          'median_response_seconds',
          'penalty_count_365',
          'penalty_amount_365',
          'last_activity_at',
          'updated_at',
        ].map((column) => [camel(column), sql.raw(`excluded.${column}`)]),
      ),
    });
  await db
    .insert(agencyRankings)
    .values(rankings)
    .onConflictDoUpdate({
      target: agencyRankings.agencyId,
      set: {
        score: sql.raw('excluded.score'),
        tier: sql.raw('excluded.tier'),
        breakdown: sql.raw('excluded.breakdown'),
        computedAt: sql.raw('excluded.computed_at'),
      },
    });
  // The review aggregates shown on the agency follow the same facts; the score is copied for the directory's order.
  await db.execute(sql`
    update agencies a set rating_sum = m.rating_sum, review_count = m.review_count, ranking_score = r.score
      from agency_metrics m, agency_rankings r
     where m.agency_id = a.id and r.agency_id = a.id and a.id in (${idList(ids)})
       and (a.rating_sum, a.review_count, a.ranking_score) is distinct from (m.rating_sum, m.review_count, r.score)`);
}

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * Positions by score (ties: older agency first, then id) within primary business type and region,
 * for every group that one of these agencies is in: one window-function UPDATE per call.
 * SUSPENDED agencies take no position.
 */
export async function refreshPositions(db: Db, agencyIds: readonly string[]): Promise<void> {
  if (!agencyIds.length) return;
  for (let start = 0; start < agencyIds.length; start += CHUNK) {
    const ids = idList(agencyIds.slice(start, start + CHUNK));
    await db.execute(sql`
      update agency_rankings r
         set position = g.position, position_of = g.position_of, position_scope = g.scope
        from (
          select a.id,
                 case when a.status = 'SUSPENDED' then null
                      else row_number() over (partition by a.primary_business_type, a.region, a.status = 'SUSPENDED'
                                              order by r2.score desc, a.created_at asc, a.id asc) end as position,
                 case when a.status = 'SUSPENDED' then null
                      else count(*) over (partition by a.primary_business_type, a.region, a.status = 'SUSPENDED') end as position_of,
                 coalesce(bt.label, a.primary_business_type, 'Agencies') || ' in ' || a.region as scope
            from agencies a
            join agency_rankings r2 on r2.agency_id = a.id
            left join business_types bt on bt.code = a.primary_business_type
           where (a.primary_business_type, a.region) in (
                   select primary_business_type, region from agencies where id in (${ids}))
        ) g
       where r.agency_id = g.id
         and (r.position is distinct from g.position or r.position_of is distinct from g.position_of
              or r.position_scope is distinct from g.scope)`);
  }
}
