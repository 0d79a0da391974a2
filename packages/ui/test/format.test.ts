import { describe, expect, it } from 'vitest';
import { formatBytes, formatMoney, humanizeEnum } from '../src/format';

describe('formatMoney', () => {
  it('reads integer minor units with the currency’s own number of decimals', () => {
    expect(formatMoney(123456, 'EUR', 'en-GB')).toBe('€1,234.56');
    expect(formatMoney(5, 'USD', 'en-US')).toBe('$0.05');
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatMoney(1234, 'KWD', 'en-US')).toBe('KWD\u00a01.234');
  });

  it('follows the locale’s conventions', () => {
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
  });
});

describe('humanizeEnum', () => {
  it('turns enum values into sentence-case labels', () => {
    expect(humanizeEnum('PENDING_REVIEW')).toBe('Pending review');
    expect(humanizeEnum('ADMIN')).toBe('Admin');
  });
});

describe('formatBytes', () => {
  it('uses decimal units', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(12_345, 'en')).toBe('12.3 kB');
  });
});
