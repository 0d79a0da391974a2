import { demoData } from '@market/demo-data';
import type { Logger } from '@market/kit';
import type { ChatStore } from './chat-store';

/** Seeds the demo conversations and their messages on first boot (empty store only). */
export async function seedDemoData(store: ChatStore, logger: Logger): Promise<boolean> {
  if (!(await store.isEmpty())) return false;
  const data = demoData();
  logger.info({ conversations: data.conversations.length, messages: data.messages.length }, 'seeding demo conversations');
  await store.insertMany({
    conversations: data.conversations.map((c) => ({
      id: c.id,
      kind: c.kind,
      orderId: c.orderId,
      agencyId: c.agencyId,
      title: c.title,
      participantIds: c.participantIds,
      createdAt: c.createdAt,
    })),
    messages: data.messages.map((m) => ({
      id: m.id,
      conversationId: m.conversationId,
      senderId: m.senderId,
      body: m.body,
      createdAt: m.createdAt,
    })),
  });
  logger.info({ conversations: data.conversations.length, messages: data.messages.length }, 'seeded demo conversations');
  return true;
}
