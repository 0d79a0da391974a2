import { demoData } from '@market/demo-data';
import type { Logger } from '@market/kit';
import type { NotificationRepository } from './repository';

/** Seeds the demo notifications on first boot (empty database only). */
export async function seedDemoData(repo: NotificationRepository, logger: Logger): Promise<boolean> {
  if (!(await repo.isEmpty())) return false;
  const { notifications } = demoData();
  await repo.insertAll(
    notifications.map((n) => ({
      id: n.id,
      recipientId: n.recipientId,
      channel: n.channel,
      category: n.category,
      title: n.title,
      body: n.body,
      readAt: n.readAt,
      createdAt: n.createdAt,
    })),
  );
  logger.info({ notifications: notifications.length }, 'seeded demo notifications');
  return true;
}
