import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from './order-status';
import { ORDER_ACTIONS, TRANSITIONS, availableActions, decide } from './state-machine';

describe('order state machine (data)', () => {
  it('has one transition per action, each from known statuses', () => {
    expect(TRANSITIONS.map((t) => t.action)).toEqual([...ORDER_ACTIONS]);
    for (const t of TRANSITIONS) for (const s of [...t.from, t.to]) expect(ORDER_STATUSES).toContain(s);
  });

  it('checks the role before the state, and says who may', () => {
    expect(decide({ status: 'CANCELLED', paid: false }, 'ACCEPT', ['CUSTOMER'])).toMatchObject({
      ok: false,
      reason: 'role',
      message: 'only the agency may ACCEPT an order',
    });
    expect(decide({ status: 'CANCELLED', paid: false }, 'ACCEPT', ['AGENCY'])).toMatchObject({
      ok: false,
      reason: 'state',
      message: 'cannot ACCEPT an order that is CANCELLED',
    });
    expect(decide({ status: 'DELIVERED', paid: false }, 'CANCEL', ['AGENCY']).ok).toBe(false);
    expect(decide({ status: 'PENDING', paid: false }, 'CANCEL', [])).toMatchObject({
      message: 'only the customer, the agency or an admin may CANCEL an order',
    });
  });

  it('records the first of the viewer roles the transition allows', () => {
    expect(decide({ status: 'PENDING', paid: false }, 'CANCEL', ['AGENCY', 'ADMIN'])).toEqual({
      ok: true,
      to: 'CANCELLED',
      actorRole: 'AGENCY',
    });
    expect(decide({ status: 'DISPUTED', paid: false }, 'RESOLVE', ['CUSTOMER', 'ADMIN'])).toEqual({
      ok: true,
      to: 'RESOLVED',
      actorRole: 'ADMIN',
    });
  });

  it('refunds a cancelled order only when it was paid', () => {
    expect(decide({ status: 'CANCELLED', paid: false }, 'REFUND', ['ADMIN']).ok).toBe(false);
    expect(decide({ status: 'CANCELLED', paid: true }, 'REFUND', ['ADMIN'])).toEqual({ ok: true, to: 'REFUNDED', actorRole: 'ADMIN' });
    expect(decide({ status: 'DISPUTED', paid: false }, 'REFUND', ['ADMIN']).ok).toBe(true);
  });

  it('lists the available actions per side', () => {
    expect(availableActions({ status: 'PENDING', paid: false }, ['AGENCY'])).toEqual(['ACCEPT', 'CANCEL']);
    expect(availableActions({ status: 'DELIVERED', paid: true }, ['CUSTOMER'])).toEqual(['COMPLETE', 'DISPUTE']);
    expect(availableActions({ status: 'COMPLETED', paid: true }, ['CUSTOMER', 'AGENCY', 'ADMIN'])).toEqual([]);
    expect(availableActions({ status: 'PENDING', paid: false }, [])).toEqual([]);
  });
});
