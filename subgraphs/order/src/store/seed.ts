import { demoData } from '@market/demo-data';
import type { Logger } from '@market/kit';
import type { OrderRepository } from './repository';

/** Seeds the demo orders on first boot (empty database only). */
export async function seedDemoData(repo: OrderRepository, logger: Logger): Promise<boolean> {
  if (!(await repo.isEmpty())) return false;
  const { orders } = demoData();
  await repo.insertAll(
    orders.map((o) => ({
      id: o.id,
      number: o.number,
      customerId: o.customerId,
      agencyId: o.agencyId,
      title: o.title,
      description: o.description,
      status: o.status,
      amount: o.amount,
      currency: o.currency,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    })),
  );
  logger.info({ orders: orders.length }, 'seeded demo orders');
  return true;
}
