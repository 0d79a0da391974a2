import { demoData } from '@market/demo-data';
import type { Logger } from '@market/kit';
import type { AgencyRepository } from './repository';

/** Seeds the demo agencies on first boot (empty database only). */
export async function seedDemoData(repo: AgencyRepository, logger: Logger): Promise<boolean> {
  if (!(await repo.isEmpty())) return false;
  const data = demoData();
  // Rating aggregates start from the demo orders' reviews, as the order service would have sent them.
  const ratings = new Map<string, { sum: number; count: number }>();
  for (const order of data.orders) {
    if (order.rating === null) continue;
    const current = ratings.get(order.agencyId) ?? { sum: 0, count: 0 };
    ratings.set(order.agencyId, { sum: current.sum + order.rating, count: current.count + 1 });
  }
  await repo.insertAll({
    businessTypes: data.businessTypes.map((t) => ({ code: t.code, label: t.label })),
    agencies: data.agencies.map((a) => ({
      id: a.id,
      slug: a.slug,
      name: a.name,
      description: a.description,
      city: a.city,
      region: a.region,
      lat: a.lat,
      lng: a.lng,
      radiusKm: a.radiusKm,
      status: a.status,
      ratingSum: ratings.get(a.id)?.sum ?? 0,
      reviewCount: ratings.get(a.id)?.count ?? 0,
      createdAt: a.createdAt,
      updatedAt: a.createdAt,
    })),
    agencyBusinessTypes: data.agencies.flatMap((a) => a.businessTypes.map((code) => ({ agencyId: a.id, code }))),
    members: data.agencies.flatMap((a) => [
      ...(a.ownerId ? [{ agencyId: a.id, userId: a.ownerId, role: 'OWNER' as const }] : []),
      ...a.staffIds.map((userId) => ({ agencyId: a.id, userId, role: 'STAFF' as const })),
    ]),
  });
  logger.info({ agencies: data.agencies.length }, 'seeded demo agencies');
  return true;
}
