import { describe, expect, it } from 'vitest';
import { effectivePreferences, mergePreferences } from './preferences';

describe('effectivePreferences', () => {
  it('gives a user who never saved any the defaults, with the profile locale as language', () => {
    expect(effectivePreferences(null, 'de-DE')).toEqual({
      channels: [
        { category: 'ORDERS', channels: ['IN_APP', 'EMAIL'] },
        { category: 'MESSAGES', channels: ['IN_APP', 'PUSH'] },
        { category: 'PAYMENTS', channels: ['IN_APP', 'EMAIL'] },
        { category: 'MARKETING', channels: [] },
      ],
      privacy: { showPhoneToAgencies: false, showOnlineStatus: true, allowAnalytics: false },
      language: 'de-DE',
      theme: 'SYSTEM',
    });
    expect(effectivePreferences(null, null).language).toBe('en-GB');
  });
});

describe('mergePreferences', () => {
  it('replaces only the categories and flags it names', () => {
    const first = mergePreferences(null, { channels: [{ category: 'MARKETING', channels: ['EMAIL'] }], privacy: { allowAnalytics: true } });
    const second = mergePreferences(first, {
      channels: [{ category: 'ORDERS', channels: ['SMS', 'IN_APP', 'SMS'] }],
      privacy: { showOnlineStatus: false },
      theme: 'DARK',
    });
    const effective = effectivePreferences(second, 'en-GB');
    expect(effective.channels).toEqual([
      { category: 'ORDERS', channels: ['IN_APP', 'SMS'] },
      { category: 'MESSAGES', channels: ['IN_APP', 'PUSH'] },
      { category: 'PAYMENTS', channels: ['IN_APP', 'EMAIL'] },
      { category: 'MARKETING', channels: ['EMAIL'] },
    ]);
    expect(effective.privacy).toEqual({ showPhoneToAgencies: false, showOnlineStatus: false, allowAnalytics: true });
    expect(effective.theme).toBe('DARK');
  });
  it('can turn a category off entirely, and give the language back to the profile', () => {
    const saved = mergePreferences(mergePreferences(null, { language: 'fr-FR' }), { channels: [{ category: 'MESSAGES', channels: [] }] });
    expect(effectivePreferences(saved, 'de-DE')).toMatchObject({ language: 'fr-FR' });
    expect(effectivePreferences(saved, 'de-DE').channels[1]).toEqual({ category: 'MESSAGES', channels: [] });
    expect(effectivePreferences(mergePreferences(saved, { language: null }), 'de-DE').language).toBe('de-DE');
  });
});
