import { createHash } from 'node:crypto';
import { demoData, demoId } from '@market/demo-data';
import type { Logger } from '@market/kit';
import type { AgencyMemberRecord, ChatStore, NewConversation, NewMessage } from './chat-store';

/** A stable 0…n-1 for a key: the seed's own deterministic "random". */
const pick = (key: string, n: number) => createHash('sha1').update(key).digest().readUInt32BE(0) % n;

/**
 * Seeds on first boot (empty store only): the demo conversations and messages, the agency
 * member replica, an admin's answer in customer@example.com's SUPPORT conversation, and read
 * receipts that leave some messages unread.
 */
export async function seedDemoData(store: ChatStore, logger: Logger): Promise<boolean> {
  if (!(await store.isEmpty())) return false;
  const data = demoData();
  const agencyMembers: AgencyMemberRecord[] = data.agencies.flatMap((a) => [
    ...(a.ownerId ? [{ agencyId: a.id, userId: a.ownerId, role: 'OWNER' as const }] : []),
    ...a.staffIds.map((userId) => ({ agencyId: a.id, userId, role: 'STAFF' as const })),
  ]);
  const membersOf = new Set(agencyMembers.map((m) => `${m.agencyId}:${m.userId}`));
  const admin = data.users.find((u) => u.email === 'admin@example.com');
  const customer = data.users.find((u) => u.email === 'customer@example.com');
  const support = data.conversations.find((c) => c.kind === 'SUPPORT' && customer && c.participantIds.includes(customer.id));

  const conversations: NewConversation[] = data.conversations.map((c) => ({
    id: c.id,
    kind: c.kind,
    orderId: c.orderId,
    agencyId: c.agencyId,
    title: c.title,
    disputed: c.orderId ? data.orders.find((o) => o.id === c.orderId)?.status === 'DISPUTED' : false,
    participants: [
      ...c.participantIds.map((userId) => ({
        userId,
        side: c.agencyId && membersOf.has(`${c.agencyId}:${userId}`) ? ('AGENCY' as const) : ('CUSTOMER' as const),
      })),
      ...(c.id === support?.id && admin ? [{ userId: admin.id, side: 'ADMIN' as const }] : []),
    ],
    createdAt: c.createdAt,
  }));
  const messages: NewMessage[] = data.messages.map((m) => ({
    id: m.id,
    conversationId: m.conversationId,
    senderId: m.senderId,
    body: m.body,
    createdAt: m.createdAt,
  }));
  if (support && admin) {
    const question = data.messages.filter((m) => m.conversationId === support.id).at(-1);
    messages.push({
      id: demoId('message', 'support:2'),
      conversationId: support.id,
      senderId: admin.id,
      body: 'You find every invoice under **Orders → Invoices**. Tell me if one is missing.',
      createdAt: new Date((question?.createdAt ?? support.createdAt).getTime() + 20 * 60_000),
    });
  }

  // Read receipts: each participant has read all but the last 0–2 messages of each conversation.
  const reads: { conversationId: string; userId: string; messageId: string; at: Date }[] = [];
  const byConversation = new Map<string, NewMessage[]>();
  for (const m of messages) byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m]);
  for (const c of conversations) {
    const history = (byConversation.get(c.id as string) ?? []).sort(
      (a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime(),
    );
    for (const p of c.participants) {
      const read = history[history.length - 1 - pick(`${c.id}:${p.userId}`, 3)];
      if (read) reads.push({ conversationId: c.id as string, userId: p.userId, messageId: read.id as string, at: read.createdAt as Date });
    }
  }

  logger.info({ conversations: conversations.length, messages: messages.length }, 'seeding demo conversations');
  await store.insertMany({ conversations, messages, agencyMembers, reads });
  logger.info(
    { conversations: conversations.length, messages: messages.length, agencyMembers: agencyMembers.length },
    'seeded demo conversations',
  );
  return true;
}
