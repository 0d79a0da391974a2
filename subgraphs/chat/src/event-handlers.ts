import type { DomainEvent, EventHandlers } from './events';
import type { ChatEventWrites, ChatStore } from './store/chat-store';
import { pgEventWrites } from './store/pg-chat-store';
import type { ChatSchema } from './store/pg-schema';

/** The payloads this service consumes (see the event catalogue). */
export interface OrderPlaced {
  orderId: string;
  number: string;
  customerId: string;
  agencyId: string;
  title: string;
  at: string;
}
export interface OrderTransitioned {
  orderId: string;
  to: string;
}
export interface AgencyMemberChanged {
  agencyId: string;
  userId: string;
  role: 'OWNER' | 'STAFF';
}

/** order.placed → the ORDER conversation: the customer and the agency's members (one per order, replays included). */
export async function onOrderPlaced(writes: ChatEventWrites, data: OrderPlaced) {
  const members = await writes.agencyMembers([data.agencyId]);
  return writes.ensureOrderConversation({
    kind: 'ORDER',
    orderId: data.orderId,
    agencyId: data.agencyId,
    title: `${data.number}: ${data.title}`,
    participants: [
      { userId: data.customerId, side: 'CUSTOMER' },
      ...members.filter((m) => m.userId !== data.customerId.toLowerCase()).map((m) => ({ userId: m.userId, side: 'AGENCY' as const })),
    ],
    createdAt: new Date(data.at),
  });
}

/** order.transitioned → the disputed flag: admins may read the conversation while the order is DISPUTED. */
export async function onOrderTransitioned(writes: ChatEventWrites, data: OrderTransitioned) {
  await writes.setOrderDisputed(data.orderId, data.to === 'DISPUTED');
}

/** agency.member.added → the replica, and the member joins the agency's ORDER/AGENCY conversations. */
export async function onAgencyMemberAdded(writes: ChatEventWrites, data: AgencyMemberChanged, at: Date) {
  await writes.upsertAgencyMember(data);
  await writes.joinAgencyConversations(data.agencyId, data.userId, at);
}

/** agency.member.removed → out of the replica, and out of the agency's conversations (history kept). */
export async function onAgencyMemberRemoved(writes: ChatEventWrites, data: AgencyMemberChanged, at: Date) {
  await writes.removeAgencyMember(data.agencyId, data.userId);
  await writes.leaveAgencyConversations(data.agencyId, data.userId, at);
}

/** Applies one event through any adapter's writes (the PostgreSQL handlers below and MongoDB share it). */
export async function applyChatEvent(writes: ChatEventWrites, event: DomainEvent<unknown>): Promise<void> {
  const at = new Date(event.occurredAt);
  switch (event.type) {
    case 'order.placed':
      await onOrderPlaced(writes, event.data as OrderPlaced);
      return;
    case 'order.transitioned':
      await onOrderTransitioned(writes, event.data as OrderTransitioned);
      return;
    case 'agency.member.added':
      await onAgencyMemberAdded(writes, event.data as AgencyMemberChanged, at);
      return;
    case 'agency.member.removed':
      await onAgencyMemberRemoved(writes, event.data as AgencyMemberChanged, at);
      return;
    default:
  }
}

/** Runs an event in a transaction of the store (MongoDB, and tests). */
export const handleChatEvent = (store: ChatStore, event: DomainEvent<unknown>) =>
  store.inTransaction((writes) => applyChatEvent(writes, event));

const pg = (event: DomainEvent<unknown>, tx: Parameters<typeof pgEventWrites>[0]) => applyChatEvent(pgEventWrites(tx), event);

/** For @market/events' consumer: each runs in the consumer's transaction (with the inbox entry). */
export const eventHandlers: EventHandlers<ChatSchema> = {
  'order.placed': pg,
  'order.transitioned': pg,
  'agency.member.added': pg,
  'agency.member.removed': pg,
};
