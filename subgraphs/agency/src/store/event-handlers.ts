import type { DomainEvent, EventHandlers } from '@market/events';
import { isUuid } from '@market/kit';
import type { PgDb } from '@market/stores';
import { and, eq, sql } from 'drizzle-orm';
import { commissionOf } from '../domain/agency-input';
import { refreshRankings } from './ranking-store';
import { agencies, agencyOrders, conversationWaits, ledgerEntries, responseSamples, type AgencySchema } from './schema';

/**
 * What the agency service takes from other services' events: the facts behind ranking, ratings and
 * commission. Every handler is idempotent on its own (upserts keyed by order, message and conversation,
 * one commission per order), so a re-run changes nothing even without the inbox.
 */

type Db = PgDb<AgencySchema>;

interface OrderPlaced {
  orderId: string;
  agencyId: string;
  amount: number;
  currency: string;
  dueDate: string | null;
  at: string;
}
interface OrderTransitioned {
  orderId: string;
  number?: string;
  agencyId: string;
  action: string;
  from: string;
  to: string;
  actorRole: string | null;
  at: string;
  placedAt: string;
  dueDate: string | null;
  amount: number;
  currency: string;
}
interface OrderReviewed {
  orderId: string;
  agencyId: string;
  rating: number;
  at: string;
}
interface MessageSent {
  messageId: string;
  conversationId: string;
  agencyId: string | null;
  senderSide: 'CUSTOMER' | 'AGENCY' | 'ADMIN';
  at: string;
}

const agencyExists = async (tx: Db, agencyId: string) =>
  isUuid(agencyId) && (await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId))).length > 0;

const dateOrNull = (value: string | null | undefined) => (value ? new Date(value) : null);
const isAgencyActor = (role: string | null) => !!role && /AGENCY/i.test(role);

export const eventHandlers: EventHandlers<AgencySchema> = {
  'order.placed': async (event: DomainEvent<OrderPlaced>, tx) => {
    const { data } = event;
    if (!(await agencyExists(tx, data.agencyId))) return;
    const at = new Date(data.at);
    await tx
      .insert(agencyOrders)
      .values({
        orderId: data.orderId,
        agencyId: data.agencyId,
        status: 'PENDING',
        amount: data.amount,
        currency: data.currency,
        placedAt: at,
        dueDate: dateOrNull(data.dueDate),
        lastEventAt: at,
      })
      .onConflictDoNothing();
    await refreshRankings(tx, [data.agencyId]);
  },

  'order.transitioned': async (event: DomainEvent<OrderTransitioned>, tx) => {
    const { data } = event;
    if (!(await agencyExists(tx, data.agencyId))) return;
    const at = new Date(data.at);
    const delivered = data.to === 'DELIVERED' ? at : null;
    const cancelledByAgency = data.to === 'CANCELLED' && isAgencyActor(data.actorRole);
    const disputed = data.to === 'DISPUTED';
    await tx
      .insert(agencyOrders)
      .values({
        orderId: data.orderId,
        agencyId: data.agencyId,
        status: data.to,
        amount: data.amount,
        currency: data.currency,
        placedAt: new Date(data.placedAt),
        dueDate: dateOrNull(data.dueDate),
        deliveredAt: delivered,
        cancelledByAgency,
        disputed,
        lastEventAt: at,
      })
      .onConflictDoUpdate({
        target: agencyOrders.orderId,
        set: {
          // A late (out-of-order) event does not roll the status back; sticky facts only ever turn on.
          status: sql`case when ${agencyOrders.lastEventAt} <= ${at.toISOString()}::timestamptz then ${data.to} else ${agencyOrders.status} end`,
          lastEventAt: sql`greatest(${agencyOrders.lastEventAt}, ${at.toISOString()}::timestamptz)`,
          deliveredAt: delivered
            ? sql`coalesce(${agencyOrders.deliveredAt}, ${delivered.toISOString()}::timestamptz)`
            : sql`${agencyOrders.deliveredAt}`,
          cancelledByAgency: sql`${agencyOrders.cancelledByAgency} or ${cancelledByAgency}`,
          disputed: sql`${agencyOrders.disputed} or ${disputed}`,
          dueDate: dateOrNull(data.dueDate),
          amount: data.amount,
          currency: data.currency,
        },
      });
    if (data.to === 'COMPLETED') {
      const [agency] = await tx.select({ percent: agencies.commissionPercent }).from(agencies).where(eq(agencies.id, data.agencyId));
      const commission = commissionOf(data.amount, agency?.percent ?? 0);
      // The unique (kind, reference) index makes this once per order, however often the event arrives.
      await tx
        .insert(ledgerEntries)
        .values({
          agencyId: data.agencyId,
          kind: 'COMMISSION',
          amount: commission,
          currency: data.currency,
          description: `Commission ${agency?.percent ?? 0}% on order ${data.number ?? data.orderId}`,
          reference: data.orderId,
          createdBy: null,
          createdAt: at,
        })
        .onConflictDoNothing();
    }
    await refreshRankings(tx, [data.agencyId]);
  },

  'order.reviewed': async (event: DomainEvent<OrderReviewed>, tx) => {
    const { data } = event;
    if (!(await agencyExists(tx, data.agencyId))) return;
    const at = new Date(data.at);
    await tx
      .insert(agencyOrders)
      .values({ orderId: data.orderId, agencyId: data.agencyId, status: 'COMPLETED', placedAt: at, rating: data.rating, lastEventAt: at })
      .onConflictDoUpdate({
        target: agencyOrders.orderId,
        set: { rating: data.rating, lastEventAt: sql`greatest(${agencyOrders.lastEventAt}, ${at.toISOString()}::timestamptz)` },
      });
    await refreshRankings(tx, [data.agencyId]);
  },

  'message.sent': async (event: DomainEvent<MessageSent>, tx) => {
    const { data } = event;
    if (!data.agencyId || !(await agencyExists(tx, data.agencyId))) return;
    const at = new Date(data.at);
    if (data.senderSide === 'CUSTOMER') {
      // The first unanswered customer message starts the clock; later ones before a reply do not restart it.
      await tx
        .insert(conversationWaits)
        .values({ conversationId: data.conversationId, agencyId: data.agencyId, customerAt: at })
        .onConflictDoNothing();
      return;
    }
    if (data.senderSide !== 'AGENCY') return;
    const [wait] = await tx.select().from(conversationWaits).where(eq(conversationWaits.conversationId, data.conversationId));
    if (!wait || wait.customerAt.getTime() > at.getTime()) return;
    await tx
      .insert(responseSamples)
      .values({
        messageId: data.messageId,
        agencyId: data.agencyId,
        seconds: Math.round((at.getTime() - wait.customerAt.getTime()) / 1000),
        at,
      })
      .onConflictDoNothing();
    await tx
      .delete(conversationWaits)
      .where(and(eq(conversationWaits.conversationId, data.conversationId), eq(conversationWaits.customerAt, wait.customerAt)));
    await refreshRankings(tx, [data.agencyId]);
  },
};
