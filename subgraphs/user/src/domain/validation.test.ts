import { describe, expect, it } from 'vitest';
import { validatePreferencesInput, validateProfileInput, type ProfileInput } from './validation';

const address = { line1: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', region: 'DE-BE', country: 'DE' };

/** The problems of an input (empty when valid). */
const problems = (input: ProfileInput, creating = false) => {
  const result = validateProfileInput(input, { creating });
  return result.ok ? [] : result.problems;
};
const fieldsOf = (input: ProfileInput, creating = false) => problems(input, creating).map((p) => p.field);

describe('validateProfileInput: one rule per row', () => {
  const cases: { name: string; input: ProfileInput; invalid: string[]; creating?: boolean }[] = [
    { name: 'display name of 2 characters', input: { displayName: 'Al' }, invalid: [] },
    { name: 'display name of 80 characters', input: { displayName: 'x'.repeat(80) }, invalid: [] },
    { name: 'display name of 1 character after trimming', input: { displayName: '  A  ' }, invalid: ['displayName'] },
    { name: 'display name of 81 characters', input: { displayName: 'x'.repeat(81) }, invalid: ['displayName'] },
    { name: 'display name counted in characters, not UTF-16 units', input: { displayName: '🙂'.repeat(80) }, invalid: [] },
    { name: 'display name with a line break', input: { displayName: 'Ann\nSmith' }, invalid: ['displayName'] },
    { name: 'display name cleared', input: { displayName: null }, invalid: ['displayName'] },
    { name: 'display name missing for a new profile', input: { bio: 'hi' }, creating: true, invalid: ['displayName'] },
    { name: 'display name missing for an existing profile', input: { bio: 'hi' }, invalid: [] },
    { name: 'bio of 500 characters', input: { bio: 'b'.repeat(500) }, invalid: [] },
    { name: 'bio of 501 characters', input: { bio: 'b'.repeat(501) }, invalid: ['bio'] },
    { name: 'bio with line breaks', input: { bio: 'one\ntwo' }, invalid: [] },
    { name: 'bio cleared', input: { bio: null }, invalid: [] },
    { name: 'locale en-GB', input: { locale: 'en-GB' }, invalid: [] },
    { name: 'locale not BCP-47', input: { locale: 'english please' }, invalid: ['locale'] },
    { name: 'locale cleared', input: { locale: null }, invalid: ['locale'] },
    { name: 'time zone Europe/Berlin', input: { timezone: 'Europe/Berlin' }, invalid: [] },
    { name: 'time zone UTC', input: { timezone: 'UTC' }, invalid: [] },
    { name: 'time zone unknown', input: { timezone: 'Mars/Olympus_Mons' }, invalid: ['timezone'] },
    { name: 'time zone as an offset', input: { timezone: '+01:00' }, invalid: ['timezone'] },
    { name: 'avatar a UUID', input: { avatarFileId: '3f1c2a4e-8b9d-4c1e-9f2a-1b2c3d4e5f60' }, invalid: [] },
    { name: 'avatar not a UUID', input: { avatarFileId: 'avatar.png' }, invalid: ['avatarFileId'] },
    { name: 'avatar removed', input: { avatarFileId: null }, invalid: [] },
    { name: 'address complete', input: { address }, invalid: [] },
    { name: 'address without region', input: { address: { ...address, region: null } }, invalid: [] },
    { name: 'address removed', input: { address: null }, invalid: [] },
    { name: 'address line1 blank', input: { address: { ...address, line1: '  ' } }, invalid: ['address.line1'] },
    { name: 'address line1 of 121 characters', input: { address: { ...address, line1: 'l'.repeat(121) } }, invalid: ['address.line1'] },
    { name: 'address line2 of 121 characters', input: { address: { ...address, line2: 'l'.repeat(121) } }, invalid: ['address.line2'] },
    { name: 'address postal code blank', input: { address: { ...address, postalCode: '' } }, invalid: ['address.postalCode'] },
    {
      name: 'address postal code of 21 characters',
      input: { address: { ...address, postalCode: '1'.repeat(21) } },
      invalid: ['address.postalCode'],
    },
    { name: 'address city blank', input: { address: { ...address, city: '' } }, invalid: ['address.city'] },
    { name: 'address city of 81 characters', input: { address: { ...address, city: 'c'.repeat(81) } }, invalid: ['address.city'] },
    {
      name: 'address country not assigned (XX)',
      input: { address: { ...address, country: 'XX', region: null } },
      invalid: ['address.country'],
    },
    {
      name: 'address country reserved, not a country (UK)',
      input: { address: { ...address, country: 'UK', region: null } },
      invalid: ['address.country'],
    },
    { name: 'address country alpha-3', input: { address: { ...address, country: 'DEU', region: null } }, invalid: ['address.country'] },
    { name: 'address country lower case is normalised', input: { address: { ...address, country: 'de', region: 'de-be' } }, invalid: [] },
    { name: 'address region not ISO 3166-2 shaped', input: { address: { ...address, region: 'Berlin' } }, invalid: ['address.region'] },
    { name: 'address region of another country', input: { address: { ...address, region: 'FR-75C' } }, invalid: ['address.region'] },
  ];
  it.each(cases)('$name', ({ input, invalid, creating }) => {
    expect(fieldsOf(input, creating)).toEqual(invalid);
  });
});

describe('validateProfileInput: reporting and normalising', () => {
  it('reports every invalid field, in input order, each with a reason', () => {
    const found = problems({
      displayName: 'A',
      avatarFileId: 'x',
      bio: 'b'.repeat(600),
      locale: '!!',
      timezone: 'Nowhere',
      address: { line1: '', postalCode: '', city: '', region: 'XX', country: 'ZZ' },
    });
    expect(found.map((p) => p.field)).toEqual([
      'displayName',
      'avatarFileId',
      'bio',
      'locale',
      'timezone',
      'address.line1',
      'address.postalCode',
      'address.city',
      'address.region',
      'address.country',
    ]);
    for (const problem of found) expect(problem.message.length).toBeGreaterThan(5);
    expect(found[0]?.message).toContain('2 to 80');
  });

  it('trims text, canonicalises locale and time zone, upper-cases codes, turns an empty bio into none', () => {
    const result = validateProfileInput(
      {
        displayName: '  Ann Smith ',
        bio: '   ',
        locale: 'en-gb',
        timezone: 'europe/berlin',
        avatarFileId: '3F1C2A4E-8B9D-4C1E-9F2A-1B2C3D4E5F60',
        address: { line1: ' Hauptstraße 1 ', line2: ' ', postalCode: ' 10115', city: 'Berlin ', region: 'de-be', country: 'de' },
      },
      { creating: true },
    );
    expect(result).toEqual({
      ok: true,
      value: {
        displayName: 'Ann Smith',
        bio: null,
        locale: 'en-GB',
        timezone: 'Europe/Berlin',
        avatarFileId: '3f1c2a4e-8b9d-4c1e-9f2a-1b2c3d4e5f60',
        address: { line1: 'Hauptstraße 1', line2: null, postalCode: '10115', city: 'Berlin', region: 'DE-BE', country: 'DE' },
      },
    });
  });

  it('changes only what the input names', () => {
    expect(validateProfileInput({ bio: 'Hello' }, { creating: false })).toEqual({ ok: true, value: { bio: 'Hello' } });
  });
});

describe('validatePreferencesInput', () => {
  it('refuses a category named twice, naming the second', () => {
    const result = validatePreferencesInput({
      channels: [
        { category: 'ORDERS', channels: ['EMAIL'] },
        { category: 'ORDERS', channels: ['SMS'] },
      ],
    });
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(['channels.1.category']);
  });
  it('refuses a language that is not BCP-47 and canonicalises one that is; null follows the profile again', () => {
    expect(validatePreferencesInput({ language: 'not a language' })).toMatchObject({ ok: false, problems: [{ field: 'language' }] });
    expect(validatePreferencesInput({ language: 'de-de' })).toMatchObject({ ok: true, value: { language: 'de-DE' } });
    expect(validatePreferencesInput({ language: null })).toMatchObject({ ok: true, value: { language: null } });
    expect(validatePreferencesInput({})).toEqual({ ok: true, value: { channels: null, privacy: null, theme: null } });
  });
});
