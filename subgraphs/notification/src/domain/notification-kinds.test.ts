import { demoData } from '@market/demo-data';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_CHANNELS, isNotificationCategory, isNotificationChannel } from './notification-kinds';

describe('notification kinds', () => {
  it('match the channels of the schema', () => {
    expect(NOTIFICATION_CHANNELS).toEqual(['IN_APP', 'EMAIL', 'SMS', 'PUSH']);
  });
  it('recognise known channels and categories only', () => {
    expect(isNotificationChannel('SMS')).toBe(true);
    expect(isNotificationChannel('FAX')).toBe(false);
    expect(isNotificationCategory('ORDERS')).toBe(true);
    expect(isNotificationCategory('orders')).toBe(false);
  });
  it('cover every demo notification', () => {
    for (const n of demoData().notifications) {
      expect(isNotificationChannel(n.channel)).toBe(true);
      expect(isNotificationCategory(n.category)).toBe(true);
    }
  });
});
