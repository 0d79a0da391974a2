/**
 * The lifecycle states of an order, in the order an order usually moves
 * through them. Transitions between them are a later issue; this module only
 * names the states and formats order numbers.
 */
export const ORDER_STATUSES = [
  'PENDING',
  'ACCEPTED',
  'IN_PROGRESS',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
  'DISPUTED',
  'RESOLVED',
  'REFUNDED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

const ORDER_NUMBER = /^ORD-(\d{4})-(\d{6,})$/;

/**
 * The human-readable order number customers quote on the phone:
 * `ORD-<year>-<sequence>`, the sequence zero-padded to six digits (wider once a
 * year passes 999 999 orders, so numbers stay unique and sortable per width).
 */
export function formatOrderNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`order number year must have four digits, got ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1)
    throw new RangeError(`order number sequence must be a positive integer, got ${sequence}`);
  return `ORD-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The year and sequence of an order number, or null when it is not one. */
export function parseOrderNumber(number: string): { year: number; sequence: number } | null {
  const match = ORDER_NUMBER.exec(number);
  if (!match) return null;
  const sequence = Number(match[2]);
  if (!Number.isSafeInteger(sequence) || sequence < 1) return null;
  return { year: Number(match[1]), sequence };
}
