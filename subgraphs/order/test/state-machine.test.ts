import type { Viewer } from '@market/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_STATUSES, type OrderStatus } from '../src/domain/order-status';
import { ORDER_ACTIONS, type OrderAction } from '../src/domain/state-machine';
import { ORDER_FIELDS, PLACE, STORE_TARGETS, TRANSITION, people, startHarness, type Harness } from './helpers';

// The acceptance table of issue 6, written out here independently of src/domain/state-machine.ts:
// who may take which action from which status. Everything else must be refused and change nothing.
type Role = 'CUSTOMER' | 'AGENCY' | 'ADMIN' | 'STRANGER';
const ALLOWED: Record<OrderAction, { from: OrderStatus[]; to: OrderStatus; roles: Role[] }> = {
  ACCEPT: { from: ['PENDING'], to: 'ACCEPTED', roles: ['AGENCY'] },
  START: { from: ['ACCEPTED'], to: 'IN_PROGRESS', roles: ['AGENCY'] },
  DELIVER: { from: ['IN_PROGRESS'], to: 'DELIVERED', roles: ['AGENCY'] },
  COMPLETE: { from: ['DELIVERED'], to: 'COMPLETED', roles: ['CUSTOMER'] },
  CANCEL: { from: ['PENDING', 'ACCEPTED'], to: 'CANCELLED', roles: ['CUSTOMER', 'AGENCY', 'ADMIN'] },
  DISPUTE: { from: ['IN_PROGRESS', 'DELIVERED'], to: 'DISPUTED', roles: ['CUSTOMER', 'AGENCY'] },
  RESOLVE: { from: ['DISPUTED'], to: 'RESOLVED', roles: ['ADMIN'] },
  // CANCELLED → REFUNDED only when paid: the probes below are unpaid, the paid case is its own test.
  REFUND: { from: ['DISPUTED'], to: 'REFUNDED', roles: ['ADMIN'] },
};
const ROLES: Role[] = ['CUSTOMER', 'AGENCY', 'ADMIN', 'STRANGER'];
const actorOf: Record<Role, Viewer> = {
  CUSTOMER: people.customer,
  AGENCY: people.staff,
  ADMIN: people.admin,
  STRANGER: people.stranger,
};
/** A legal way to each status: (action, by whom). */
const PATHS: Record<OrderStatus, [OrderAction, Role][]> = {
  PENDING: [],
  ACCEPTED: [['ACCEPT', 'AGENCY']],
  IN_PROGRESS: [
    ['ACCEPT', 'AGENCY'],
    ['START', 'AGENCY'],
  ],
  DELIVERED: [
    ['ACCEPT', 'AGENCY'],
    ['START', 'AGENCY'],
    ['DELIVER', 'AGENCY'],
  ],
  COMPLETED: [
    ['ACCEPT', 'AGENCY'],
    ['START', 'AGENCY'],
    ['DELIVER', 'AGENCY'],
    ['COMPLETE', 'CUSTOMER'],
  ],
  CANCELLED: [['CANCEL', 'CUSTOMER']],
  DISPUTED: [
    ['ACCEPT', 'AGENCY'],
    ['START', 'AGENCY'],
    ['DISPUTE', 'CUSTOMER'],
  ],
  RESOLVED: [
    ['ACCEPT', 'AGENCY'],
    ['START', 'AGENCY'],
    ['DISPUTE', 'AGENCY'],
    ['RESOLVE', 'ADMIN'],
  ],
  REFUNDED: [
    ['ACCEPT', 'AGENCY'],
    ['START', 'AGENCY'],
    ['DISPUTE', 'CUSTOMER'],
    ['REFUND', 'ADMIN'],
  ],
};

interface Snapshot {
  status: OrderStatus;
  paidAt: string | null;
  updatedAt: string;
  statusHistory: {
    from: string | null;
    to: string;
    action: string | null;
    actor: { id: string } | null;
    actorRole: string;
    note: string | null;
    at: string;
  }[];
}

describe.each(STORE_TARGETS)('order state machine on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(target);
  });
  afterAll(async () => h?.stop());

  async function place(): Promise<string> {
    const placed = await h.as<{ placeOrder: { id: string } }>(people.customer, PLACE, {
      input: { agencyId: people.agency.id, title: 'Replace the boiler', description: 'Old one leaks.', amount: 120_000 },
    });
    expect(placed.errors).toBeUndefined();
    return placed.data!.placeOrder.id;
  }
  async function orderIn(status: OrderStatus): Promise<string> {
    const id = await place();
    for (const [action, role] of PATHS[status]) {
      const moved = await h.as(actorOf[role], TRANSITION, { id, action });
      expect(moved.errors, `${action} by ${role} on the way to ${status}`).toBeUndefined();
    }
    return id;
  }
  async function snapshot(id: string): Promise<Snapshot> {
    const read = await h.as<{ order: Snapshot }>(people.admin, `query ($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id });
    expect(read.errors).toBeUndefined();
    const { status, paidAt, updatedAt, statusHistory } = read.data!.order;
    return { status, paidAt, updatedAt, statusHistory };
  }

  it('allows exactly the table; every other state × action × role is refused with its code and changes nothing', async () => {
    let allowedCount = 0;
    for (const status of ORDER_STATUSES) {
      const probe = await orderIn(status);
      const before = await snapshot(probe);
      expect(before.status).toBe(status);
      for (const action of ORDER_ACTIONS) {
        const rule = ALLOWED[action];
        for (const role of ROLES) {
          const label = `${action} by ${role} on ${status}`;
          if (role !== 'STRANGER' && rule.roles.includes(role) && rule.from.includes(status)) {
            allowedCount++;
            const id = await orderIn(status);
            const prior = await snapshot(id);
            const note = `note for ${label}`;
            const moved = await h.as<{ transitionOrder: Snapshot }>(actorOf[role], TRANSITION, { id, action, note });
            expect(moved.errors, label).toBeUndefined();
            const after = moved.data!.transitionOrder;
            expect(after.status, label).toBe(rule.to);
            expect(after.statusHistory, label).toHaveLength(prior.statusHistory.length + 1);
            expect(after.statusHistory.at(-1), label).toMatchObject({
              from: status,
              to: rule.to,
              action,
              actorRole: role,
              actor: { id: actorOf[role].id },
              note,
            });
            continue;
          }
          const refused = await h.as(actorOf[role], TRANSITION, { id: probe, action, note: 'should not stick' });
          expect(refused.data, label).toBeNull();
          const error = refused.errors?.[0];
          if (role === 'STRANGER') {
            expect(error?.extensions?.code, label).toBe('NOT_FOUND');
            expect(error?.message, label).not.toContain(status);
          } else if (!rule.roles.includes(role)) {
            expect(error?.extensions?.code, label).toBe('FORBIDDEN');
            expect(error?.message, label).toMatch(/^only .* may /);
          } else {
            expect(error?.extensions, label).toMatchObject({ code: 'BAD_USER_INPUT', field: 'action', status });
            expect(error?.message, label).toContain(`cannot ${action} an order that is ${status}`);
          }
          expect(await snapshot(probe), label).toEqual(before);
        }
      }
    }
    // 1 + 1 + 1 + 1 + 2×3 + 2×2 + 1 + 1 allowed combinations.
    expect(allowedCount).toBe(16);
  });

  it('refunds a CANCELLED order only once it was paid, and only by an admin', async () => {
    const unpaid = await orderIn('CANCELLED');
    const refused = await h.as(people.admin, TRANSITION, { id: unpaid, action: 'REFUND' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'action', status: 'CANCELLED' });

    const id = await orderIn('ACCEPTED');
    const paid = await h.as(people.customer, `mutation ($id: ID!) { markOrderPaidSandbox(id: $id) { paidAt } }`, { id });
    expect(paid.errors).toBeUndefined();
    expect((await h.as(people.customer, TRANSITION, { id, action: 'CANCEL' })).errors).toBeUndefined();
    const byCustomer = await h.as(people.customer, TRANSITION, { id, action: 'REFUND' });
    expect(byCustomer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byCustomer.errors?.[0]?.message).toBe('only an admin may REFUND an order');
    const refunded = await h.as<{ transitionOrder: Snapshot }>(people.admin, TRANSITION, { id, action: 'REFUND' });
    expect(refunded.errors).toBeUndefined();
    expect(refunded.data!.transitionOrder.status).toBe('REFUNDED');
    expect(refunded.data!.transitionOrder.statusHistory.map((c) => c.to)).toEqual(['PENDING', 'ACCEPTED', 'CANCELLED', 'REFUNDED']);
  });

  it('offers each viewer the actions they may take now, and nothing to others', async () => {
    const id = await orderIn('ACCEPTED');
    const actions = async (viewer: Viewer) =>
      (
        await h.as<{ order: { availableActions: string[] } | null }>(viewer, `query ($id: ID!) { order(id: $id) { availableActions } }`, {
          id,
        })
      ).data?.order?.availableActions ?? null;
    expect(await actions(people.owner)).toEqual(['START', 'CANCEL']);
    expect(await actions(people.customer)).toEqual(['CANCEL']);
    expect(await actions(people.admin)).toEqual(['CANCEL']);
    expect(await actions(people.stranger)).toBeNull();
    expect(await actions(people.adminWithoutScope)).toBeNull();
  });

  // Accept vs cancel through GraphQL is not a race the server can settle: PENDING → ACCEPTED → CANCELLED is a
  // legal sequence when the cancel is read after the accept committed. The repository test races the two
  // compare-and-sets from the state both read (test/order-store.test.ts); here START vs CANCEL of an ACCEPTED
  // order and two ACCEPTs of one PENDING order, where every interleaving must leave exactly one winner.
  it('lets exactly one of two concurrent transitions win, every time', async () => {
    for (let round = 0; round < 12; round++) {
      const pair =
        round % 2 === 0
          ? {
              status: 'ACCEPTED' as const,
              a: [people.owner, 'START', 'IN_PROGRESS'] as const,
              b: [people.customer, 'CANCEL', 'CANCELLED'] as const,
            }
          : {
              status: 'PENDING' as const,
              a: [people.owner, 'ACCEPT', 'ACCEPTED'] as const,
              b: [people.staff, 'ACCEPT', 'ACCEPTED'] as const,
            };
      const id = await orderIn(pair.status);
      const before = await snapshot(id);
      const results = await Promise.all(
        [pair.a, pair.b].map(([viewer, action]) => h.as<{ transitionOrder: Snapshot }>(viewer, TRANSITION, { id, action })),
      );
      const winners = results.flatMap((r, i) => (r.errors ? [] : [[pair.a, pair.b][i]!]));
      const losers = results.filter((r) => r.errors);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(losers[0]?.errors?.[0]?.extensions?.code, `round ${round}`).toBe('BAD_USER_INPUT');
      const after = await snapshot(id);
      expect(after.status).toBe(winners[0]![2]);
      // Exactly one entry more than before: the winner's.
      expect(after.statusHistory).toHaveLength(before.statusHistory.length + 1);
      expect(after.statusHistory.at(-1)).toMatchObject({
        from: pair.status,
        to: winners[0]![2],
        action: winners[0]![1],
        actor: { id: winners[0]![0].id },
      });
    }
  });
});
