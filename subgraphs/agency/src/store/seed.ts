import { demoData, demoId, type DemoAgency, type DemoOrder } from '@market/demo-data';
import type { Logger } from '@market/kit';
import { commissionOf } from '../domain/agency-input';
import { refreshRankings } from './ranking-store';
import { refreshSearchText, serviceAreaRows, type AgencyRepository } from './repository';
import {
  agencies,
  agencyBusinessTypes,
  agencyDocuments,
  agencyMembers,
  agencyOrders,
  businessTypes,
  ledgerEntries,
  penalties,
  responseSamples,
  serviceAreas,
} from './schema';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The demo agencies' verification documents (the file subgraph seeds the same ids). */
const DOCUMENTS = [
  { file: 'Trade licence.pdf', kind: 'LICENSE' },
  { file: 'Liability insurance.pdf', kind: 'INSURANCE' },
];

/** Deterministic per-agency variation: the same agency gets the same values on every machine. */
const pick = (agency: DemoAgency, salt: string, modulo: number) => parseInt(demoId(salt, agency.id).slice(0, 8), 16) % modulo;

/** What this service knows of a demo order, as the order events would have told it. */
function orderFacts(order: DemoOrder, index: number): typeof agencyOrders.$inferInsert {
  const placedAt = order.createdAt;
  // Demo orders have no due dates: every other one gets a deadline some hours after placement, so on-time rates differ.
  const dueDate = index % 2 === 0 ? new Date(placedAt.getTime() + (6 + (index % 5) * 4) * HOUR) : null;
  const delivered = ['DELIVERED', 'COMPLETED', 'DISPUTED', 'RESOLVED', 'REFUNDED'].includes(order.status);
  return {
    orderId: order.id,
    agencyId: order.agencyId,
    status: order.status,
    amount: order.amount,
    currency: order.currency,
    placedAt,
    dueDate,
    deliveredAt: delivered ? order.updatedAt : null,
    cancelledByAgency: order.status === 'CANCELLED' && index % 2 === 1,
    disputed: ['DISPUTED', 'RESOLVED', 'REFUNDED'].includes(order.status),
    rating: order.rating,
    lastEventAt: order.updatedAt,
  };
}

/** Seeds the demo agencies on first boot (empty database only), ranked from the demo orders. */
export async function seedDemoData(repo: AgencyRepository, logger: Logger): Promise<boolean> {
  if (!(await repo.isEmpty())) return false;
  const data = demoData();
  const admin = data.users.find((u) => u.roles.includes('ADMIN'));
  if (!admin) throw new Error('demo data has no admin');
  const agencyById = new Map(data.agencies.map((a) => [a.id, a]));
  const orders = data.orders.filter((o) => agencyById.has(o.agencyId));
  const now = new Date();

  await repo.db.transaction(async (tx) => {
    await tx
      .insert(businessTypes)
      .values(data.businessTypes.map((t) => ({ code: t.code, label: t.label })))
      .onConflictDoNothing();
    await tx.insert(agencies).values(
      data.agencies.map((a) => ({
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
        statusReason: a.status === 'SUSPENDED' ? 'Repeated complaints about missed appointments' : null,
        verifiedAt: a.status === 'VERIFIED' ? new Date(a.createdAt.getTime() + 3 * DAY) : null,
        contactEmail: `hello@${a.slug.slice(0, 40)}.example.net`,
        contactPhone: `+49${30 + (pick(a, 'phone-area', 60) + 10)}${String(1_000_000 + pick(a, 'phone', 8_999_999))}`,
        contactWebsite: `https://${a.slug.slice(0, 40)}.example.net`,
        contactAddress: `${['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Lindenallee'][pick(a, 'street', 4)]} ${1 + pick(a, 'number', 120)}, ${a.city}`,
        commissionPercent: 10 + pick(a, 'commission', 6),
        primaryBusinessType: a.businessTypes[0] ?? null,
        createdAt: a.createdAt,
        updatedAt: a.createdAt,
      })),
    );
    await tx.insert(agencyBusinessTypes).values(data.agencies.flatMap((a) => a.businessTypes.map((code) => ({ agencyId: a.id, code }))));
    // A circle around the base; every third agency also serves its whole region.
    await tx.insert(serviceAreas).values(
      data.agencies.flatMap((a, i) =>
        serviceAreaRows(a.id, [
          {
            label: `${a.city} and surroundings`,
            center: { lat: a.lat, lng: a.lng },
            radiusKm: a.radiusKm,
            regionCodes: i % 3 === 0 ? [a.region] : [],
          },
        ]),
      ),
    );
    await tx.insert(agencyMembers).values(
      data.agencies.flatMap((a) => [
        ...(a.ownerId ? [{ agencyId: a.id, userId: a.ownerId, role: 'OWNER' as const, createdAt: a.createdAt }] : []),
        ...a.staffIds.map((userId) => ({
          agencyId: a.id,
          userId,
          role: 'STAFF' as const,
          createdAt: new Date(a.createdAt.getTime() + DAY),
        })),
      ]),
    );
    // Documents: pending for the agencies awaiting review (the admin's queue), approved for every fourth verified one.
    await tx.insert(agencyDocuments).values(
      data.agencies.flatMap((a, i) => {
        if (!a.ownerId || (a.status !== 'PENDING_REVIEW' && i % 4 !== 0)) return [];
        return DOCUMENTS.map((doc) => {
          const reviewed = a.status !== 'PENDING_REVIEW';
          return {
            id: demoId('agency-document', `${a.id}:${doc.kind}`),
            agencyId: a.id,
            fileId: demoId('file', `${a.id}:${doc.file}`),
            kind: doc.kind,
            status: reviewed ? ('APPROVED' as const) : ('PENDING' as const),
            uploadedBy: a.ownerId as string,
            reviewedBy: reviewed ? admin.id : null,
            reviewedAt: reviewed ? new Date(a.createdAt.getTime() + 3 * DAY) : null,
            createdAt: new Date(a.createdAt.getTime() + DAY),
          };
        });
      }),
    );
    // Deposits for every other verified agency; a few penalties.
    const penalized = data.agencies.filter((a, i) => i % 9 === 4);
    const penaltyRows = penalized.map((a, n) => ({
      id: demoId('penalty', a.id),
      agencyId: a.id,
      amount: [5_000, 15_000, 25_000][n % 3] as number,
      currency: 'EUR',
      reason: ['Missed the agreed appointment twice', 'Invoice did not match the quote', 'Unsafe work site reported'][n % 3] as string,
      issuedBy: admin.id,
      issuedAt: new Date(now.getTime() - (20 + n * 30) * DAY),
    }));
    if (penaltyRows.length) await tx.insert(penalties).values(penaltyRows);
    const commissionPercent = new Map(data.agencies.map((a) => [a.id, 10 + pick(a, 'commission', 6)]));
    await tx.insert(ledgerEntries).values([
      ...data.agencies
        .filter((a, i) => a.status === 'VERIFIED' && i % 2 === 0)
        .map((a) => ({
          agencyId: a.id,
          kind: 'DEPOSIT' as const,
          amount: 50_000,
          currency: 'EUR',
          description: 'Security deposit',
          createdBy: admin.id,
          createdAt: new Date(a.createdAt.getTime() + 4 * DAY),
        })),
      ...penaltyRows.map((p) => ({
        agencyId: p.agencyId,
        kind: 'PENALTY' as const,
        amount: -p.amount,
        currency: p.currency,
        description: `Penalty: ${p.reason}`,
        reference: p.id,
        createdBy: admin.id,
        createdAt: p.issuedAt,
      })),
      ...orders
        .filter((o) => o.status === 'COMPLETED')
        .map((o) => ({
          agencyId: o.agencyId,
          kind: 'COMMISSION' as const,
          amount: commissionOf(o.amount, commissionPercent.get(o.agencyId) ?? 0),
          currency: o.currency,
          description: `Commission ${commissionPercent.get(o.agencyId) ?? 0}% on order ${o.number}`,
          reference: o.id,
          createdBy: null,
          createdAt: o.updatedAt,
        })),
    ]);
    // The ranking inputs, as the order and chat events would have delivered them.
    if (orders.length) await tx.insert(agencyOrders).values(orders.map((o, i) => orderFacts(o, i)));
    const samples = responseSamplesOf(data);
    if (samples.length) await tx.insert(responseSamples).values(samples);
    await refreshSearchText(
      tx,
      data.agencies.map((a) => a.id),
    );
    await refreshRankings(
      tx,
      data.agencies.map((a) => a.id),
      now,
    );
  });
  logger.info({ agencies: data.agencies.length, orders: orders.length }, 'seeded demo agencies with rankings');
  return true;
}

/** First agency replies after a customer message in the demo order conversations. */
function responseSamplesOf(data: ReturnType<typeof demoData>): (typeof responseSamples.$inferInsert)[] {
  const conversations = new Map(data.conversations.filter((c) => c.agencyId).map((c) => [c.id, c]));
  const customers = new Map(data.orders.map((o) => [demoId('conversation', o.id), o.customerId]));
  const samples: (typeof responseSamples.$inferInsert)[] = [];
  const waiting = new Map<string, Date>();
  const messages = [...data.messages].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  for (const message of messages) {
    const conversation = conversations.get(message.conversationId);
    if (!conversation?.agencyId) continue;
    if (message.senderId === customers.get(conversation.id)) {
      if (!waiting.has(conversation.id)) waiting.set(conversation.id, message.createdAt);
    } else {
      const since = waiting.get(conversation.id);
      if (!since) continue;
      waiting.delete(conversation.id);
      samples.push({
        messageId: message.id,
        agencyId: conversation.agencyId,
        seconds: Math.round((message.createdAt.getTime() - since.getTime()) / 1000),
        at: message.createdAt,
      });
    }
  }
  return samples;
}
