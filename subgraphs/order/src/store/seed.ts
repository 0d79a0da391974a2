import { demoData, type DemoAgency, type DemoOrder, type DemoUser } from '@market/demo-data';
import type { Logger } from '@market/kit';
import { parseOrderNumber } from '../domain/order-status';
import { decide, type ActorRole, type OrderAction } from '../domain/state-machine';
import type { OrderRepository } from './repository';
import type { NewOrder, NewReview, NewStatusChange, StoredLineItem } from './schema';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small seeded generator, so every boot derives the same extras from the same demo data. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T,
  };
}
type Random = ReturnType<typeof seeded>;

/** Line items whose amounts add up to the order's amount exactly (a tenth stay bare quotes). */
function lineItemsFor(order: DemoOrder, rnd: Random): StoredLineItem[] {
  if (rnd.next() < 0.1) return [];
  const hours = rnd.int(1, 12);
  const labourUnit = Math.floor((order.amount * (0.4 + rnd.next() * 0.4)) / hours);
  const lines: StoredLineItem[] = [{ description: `Labour: ${order.title.toLowerCase()}`, quantity: hours, unitAmount: labourUnit }];
  const rest = order.amount - hours * labourUnit;
  if (rnd.next() < 0.5) {
    const callOut = Math.min(rest, rnd.pick([2500, 4900, 7500]));
    lines.push({ description: 'Call-out fee', quantity: 1, unitAmount: callOut });
    lines.push({ description: 'Materials and parts', quantity: 1, unitAmount: rest - callOut });
  } else {
    lines.push({ description: 'Materials and parts', quantity: 1, unitAmount: rest });
  }
  return lines;
}

/** A plausible way each status is reached, as (action, who) steps the state machine allows. */
function pathTo(order: DemoOrder, rnd: Random): [OrderAction, ActorRole][] {
  const work: [OrderAction, ActorRole][] = [
    ['ACCEPT', 'AGENCY'],
    ['START', 'AGENCY'],
  ];
  switch (order.status) {
    case 'PENDING':
      return [];
    case 'ACCEPTED':
      return [['ACCEPT', 'AGENCY']];
    case 'IN_PROGRESS':
      return work;
    case 'DELIVERED':
      return [...work, ['DELIVER', 'AGENCY']];
    case 'COMPLETED':
      return [...work, ['DELIVER', 'AGENCY'], ['COMPLETE', 'CUSTOMER']];
    case 'CANCELLED':
      return rnd.next() < 0.5
        ? [['CANCEL', 'CUSTOMER']]
        : [
            ['ACCEPT', 'AGENCY'],
            ['CANCEL', rnd.pick(['CUSTOMER', 'AGENCY'] as const)],
          ];
    case 'DISPUTED':
      return rnd.next() < 0.5
        ? [...work, ['DISPUTE', 'CUSTOMER']]
        : [...work, ['DELIVER', 'AGENCY'], ['DISPUTE', rnd.pick(['CUSTOMER', 'AGENCY'] as const)]];
    case 'RESOLVED':
      return [...work, ['DELIVER', 'AGENCY'], ['DISPUTE', 'CUSTOMER'], ['RESOLVE', 'ADMIN']];
    case 'REFUNDED':
      return [...work, ['DISPUTE', 'CUSTOMER'], ['REFUND', 'ADMIN']];
  }
}

const NOTES: Partial<Record<OrderAction, string[]>> = {
  ACCEPT: ['We can do this. See you on the agreed date.', 'Accepted, a technician is booked.'],
  DELIVER: ['Work finished, photos are in the chat.', 'Done. Please check and confirm.'],
  CANCEL: ['Plans changed, sorry.', 'We cannot fit this in this month.'],
  DISPUTE: ['The work is not what was agreed.', 'Parts of the job are missing.'],
  RESOLVE: ['Settled with a partial redo agreed by both sides.'],
  REFUND: ['Refunded in full after review of the dispute.'],
};
const COMMENTS: Record<number, string[]> = {
  1: ['Did not turn up twice.'],
  2: ['Slow and hard to reach.'],
  3: ['Job done, but later than promised.', 'Okay result, communication could be better.'],
  4: ['Good work and a fair price.', 'Friendly team, small delay but everything works.'],
  5: ['Excellent, on time and tidy.', 'Would book again without hesitation.', 'Quick, professional and clear about costs.'],
};
const REPLIES = [
  'Thank you for the kind words!',
  'Thanks, we are glad it worked out.',
  'Thank you for the feedback; we are working on our response times.',
];

/** Seeds the demo orders, their histories and reviews, and the agency replica on first boot (empty database only). */
export async function seedDemoData(repo: OrderRepository, logger: Logger): Promise<boolean> {
  if (!(await repo.isEmpty())) return false;
  const demo = demoData();
  const rnd = seeded(20_260_601);
  const admin = demo.users.find((u: DemoUser) => u.roles.includes('ADMIN'));
  const agencyById = new Map(demo.agencies.map((a: DemoAgency) => [a.id, a]));
  const membersOf = (a: DemoAgency) => [a.ownerId, ...a.staffIds].filter((id): id is string => id !== null);

  const orders: NewOrder[] = [];
  const history: NewStatusChange[] = [];
  const reviews: NewReview[] = [];
  const counters = new Map<number, number>();

  for (const o of demo.orders) {
    const agency = agencyById.get(o.agencyId);
    const members = agency ? membersOf(agency) : [];
    const path = pathTo(o, rnd);
    const span = Math.max(o.updatedAt.getTime() - o.createdAt.getTime(), HOUR);
    history.push({ orderId: o.id, from: null, to: 'PENDING', action: null, actorId: o.customerId, actorRole: 'CUSTOMER', at: o.createdAt });
    let status: DemoOrder['status'] = 'PENDING';
    let paidAt: Date | null = null;
    path.forEach(([action, role], i) => {
      const decision = decide({ status, paid: paidAt !== null }, action, [role]);
      if (!decision.ok) throw new Error(`demo order ${o.number}: ${decision.message}`);
      const at = new Date(o.createdAt.getTime() + Math.round((span * (i + 1)) / path.length));
      const actorId = role === 'CUSTOMER' ? o.customerId : role === 'AGENCY' ? (rnd.pick(members) ?? null) : (admin?.id ?? null);
      const note = rnd.next() < 0.5 ? (rnd.pick(NOTES[action] ?? [null]) ?? null) : null;
      history.push({ orderId: o.id, from: status, to: decision.to, action, actorId, actorRole: role, note, at });
      // Most accepted orders were paid soon after acceptance (refunds need a payment to refund).
      if (action === 'ACCEPT' && (rnd.next() < 0.85 || path.some(([a]) => a === 'REFUND'))) paidAt = new Date(at.getTime() + HOUR / 2);
      status = decision.to;
    });
    if (paidAt !== null && (paidAt as Date) > o.updatedAt) paidAt = o.updatedAt;
    orders.push({
      id: o.id,
      number: o.number,
      customerId: o.customerId,
      agencyId: o.agencyId,
      title: o.title,
      description: o.description,
      status: o.status,
      amount: o.amount,
      currency: o.currency,
      lineItems: lineItemsFor(o, rnd),
      dueDate: new Date(o.createdAt.getTime() + rnd.int(7, 45) * DAY),
      paidAt,
      version: path.length,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    });
    if (o.rating !== null) {
      const createdAt = new Date(o.updatedAt.getTime() + rnd.int(2, 72) * HOUR);
      const reply = rnd.next() < 0.4 && members.length;
      reviews.push({
        orderId: o.id,
        agencyId: o.agencyId,
        authorId: o.customerId,
        rating: o.rating,
        comment: rnd.pick(COMMENTS[o.rating] ?? ['']) || null,
        replyBody: reply ? rnd.pick(REPLIES) : null,
        replyAuthorId: reply ? rnd.pick(members) : null,
        replyAt: reply ? new Date(createdAt.getTime() + rnd.int(1, 48) * HOUR) : null,
        createdAt,
      });
    }
    const number = parseOrderNumber(o.number);
    if (number) counters.set(number.year, Math.max(counters.get(number.year) ?? 0, number.sequence));
  }

  await repo.insertSeed({
    agencies: demo.agencies.map((a, i) => ({ id: a.id, name: a.name, status: a.status, commissionPercent: [10, 12.5, 15][i % 3] ?? 10 })),
    members: demo.agencies.flatMap((a) => [
      ...(a.ownerId ? [{ agencyId: a.id, userId: a.ownerId, role: 'OWNER' as const }] : []),
      ...a.staffIds.map((userId) => ({ agencyId: a.id, userId, role: 'STAFF' as const })),
    ]),
    orders,
    history,
    reviews,
    counters: [...counters].map(([year, last]) => ({ year, last })),
  });
  logger.info(
    { orders: orders.length, history: history.length, reviews: reviews.length, agencies: demo.agencies.length },
    'seeded demo orders',
  );
  return true;
}
