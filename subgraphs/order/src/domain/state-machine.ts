import type { OrderStatus } from './order-status';

/** What an actor can do to an order (the schema's OrderAction). */
export const ORDER_ACTIONS = ['ACCEPT', 'START', 'DELIVER', 'COMPLETE', 'CANCEL', 'DISPUTE', 'RESOLVE', 'REFUND'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** The side a viewer acts for on one order. */
export const ACTOR_ROLES = ['CUSTOMER', 'AGENCY', 'ADMIN'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export interface Transition {
  action: OrderAction;
  from: readonly OrderStatus[];
  to: OrderStatus;
  roles: readonly ActorRole[];
  /** Extra condition on top of the status (REFUND of a CANCELLED order needs it paid). */
  requiresPaidFrom?: readonly OrderStatus[];
}

/**
 * The order state machine as data: the README's table, the acceptance test and the
 * apps' docs all read this one list. Anything not listed is refused.
 */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'ACCEPT', from: ['PENDING'], to: 'ACCEPTED', roles: ['AGENCY'] },
  { action: 'START', from: ['ACCEPTED'], to: 'IN_PROGRESS', roles: ['AGENCY'] },
  { action: 'DELIVER', from: ['IN_PROGRESS'], to: 'DELIVERED', roles: ['AGENCY'] },
  { action: 'COMPLETE', from: ['DELIVERED'], to: 'COMPLETED', roles: ['CUSTOMER'] },
  { action: 'CANCEL', from: ['PENDING', 'ACCEPTED'], to: 'CANCELLED', roles: ['CUSTOMER', 'AGENCY', 'ADMIN'] },
  { action: 'DISPUTE', from: ['IN_PROGRESS', 'DELIVERED'], to: 'DISPUTED', roles: ['CUSTOMER', 'AGENCY'] },
  { action: 'RESOLVE', from: ['DISPUTED'], to: 'RESOLVED', roles: ['ADMIN'] },
  { action: 'REFUND', from: ['DISPUTED', 'CANCELLED'], to: 'REFUNDED', roles: ['ADMIN'], requiresPaidFrom: ['CANCELLED'] },
];

export const transitionOf = (action: OrderAction): Transition => {
  const transition = TRANSITIONS.find((t) => t.action === action);
  if (!transition) throw new Error(`no transition for ${action}`);
  return transition;
};

/** The order as the state machine sees it. */
export interface MachineOrder {
  status: OrderStatus;
  paid: boolean;
}

export type Decision =
  | { ok: true; to: OrderStatus; actorRole: ActorRole }
  | { ok: false; reason: 'role'; message: string; allowedRoles: readonly ActorRole[] }
  | { ok: false; reason: 'state'; message: string };

const who = (roles: readonly ActorRole[]) => {
  const names = roles.map((r) => (r === 'CUSTOMER' ? 'the customer' : r === 'AGENCY' ? 'the agency' : 'an admin'));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? 'nobody');
};

/**
 * Decides one action of a participant holding `roles` on `order` (pure: no I/O).
 * The role is checked first (FORBIDDEN says who may), then the state (BAD_USER_INPUT);
 * the role recorded is the first of the viewer's roles the transition allows.
 */
export function decide(order: MachineOrder, action: OrderAction, roles: readonly ActorRole[]): Decision {
  const transition = transitionOf(action);
  const actorRole = ACTOR_ROLES.find((r) => roles.includes(r) && transition.roles.includes(r));
  if (!actorRole) {
    return { ok: false, reason: 'role', message: `only ${who(transition.roles)} may ${action} an order`, allowedRoles: transition.roles };
  }
  if (!transition.from.includes(order.status)) {
    return { ok: false, reason: 'state', message: `cannot ${action} an order that is ${order.status}` };
  }
  if (transition.requiresPaidFrom?.includes(order.status) && !order.paid) {
    return { ok: false, reason: 'state', message: `cannot ${action} an order that is ${order.status} and was never paid` };
  }
  return { ok: true, to: transition.to, actorRole };
}

/** The actions `roles` may take on `order` now, in the schema's order. */
export function availableActions(order: MachineOrder, roles: readonly ActorRole[]): OrderAction[] {
  return ORDER_ACTIONS.filter((action) => decide(order, action, roles).ok);
}
