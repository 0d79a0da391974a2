import { demoData } from '@market/demo-data';
import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, formatOrderNumber, isOrderStatus, parseOrderNumber } from './order-status';

describe('order statuses', () => {
  it('lists every status of the schema once', () => {
    expect(new Set(ORDER_STATUSES).size).toBe(ORDER_STATUSES.length);
    expect(ORDER_STATUSES).toEqual([
      'PENDING',
      'ACCEPTED',
      'IN_PROGRESS',
      'DELIVERED',
      'COMPLETED',
      'CANCELLED',
      'DISPUTED',
      'RESOLVED',
      'REFUNDED',
    ]);
  });
  it('recognises statuses and nothing else', () => {
    expect(isOrderStatus('DELIVERED')).toBe(true);
    expect(isOrderStatus('delivered')).toBe(false);
    expect(isOrderStatus('SHIPPED')).toBe(false);
  });
  it('knows every status the demo orders use', () => {
    for (const order of demoData().orders) expect(isOrderStatus(order.status)).toBe(true);
  });
});

describe('formatOrderNumber', () => {
  it('pads the sequence to six digits', () => {
    expect(formatOrderNumber(2026, 123)).toBe('ORD-2026-000123');
    expect(formatOrderNumber(2026, 1)).toBe('ORD-2026-000001');
    expect(formatOrderNumber(2026, 999_999)).toBe('ORD-2026-999999');
  });
  it('grows past six digits instead of truncating', () => {
    expect(formatOrderNumber(2027, 1_234_567)).toBe('ORD-2027-1234567');
  });
  it('refuses sequences and years that cannot make a valid number', () => {
    expect(() => formatOrderNumber(2026, 0)).toThrow(RangeError);
    expect(() => formatOrderNumber(2026, -5)).toThrow(RangeError);
    expect(() => formatOrderNumber(2026, 1.5)).toThrow(RangeError);
    expect(() => formatOrderNumber(26, 1)).toThrow(RangeError);
    expect(() => formatOrderNumber(Number.NaN, 1)).toThrow(RangeError);
  });
  it('round-trips through parseOrderNumber', () => {
    expect(parseOrderNumber(formatOrderNumber(2026, 42))).toEqual({ year: 2026, sequence: 42 });
    expect(parseOrderNumber('ORD-2026-12')).toBeNull();
    expect(parseOrderNumber('ord-2026-000012')).toBeNull();
    expect(parseOrderNumber('ORD-2026-000000')).toBeNull();
  });
  it('matches the numbers of the demo orders', () => {
    demoData().orders.forEach((order, i) => expect(order.number).toBe(formatOrderNumber(2026, i + 1)));
  });
});
