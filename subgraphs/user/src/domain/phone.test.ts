import { describe, expect, it } from 'vitest';
import { codeMatches, e164, generateCode, hashCode, isCodeShaped, maskPhone, newSalt, resendWaitSeconds } from './phone';

describe('e164', () => {
  it.each([
    ['+49301234567', '+49301234567'],
    ['+49 30 1234567', '+49301234567'],
    ['+49 (151) 1234-5678', '+4915112345678'],
    ['+1 202 555 0143', '+12025550143'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('accepts %s as %s', (input, expected) => expect(e164(input)).toBe(expected));
  it.each([['030 1234567'], ['4930123456'], ['+49 30'], ['+999 123456789'], ['+49 30 1234567 ext. 5'], ['phone'], ['']])(
    'refuses %j',
    (input) => expect(e164(input)).toBeNull(),
  );
});

describe('codes', () => {
  it('are six digits, leading zeros kept', () => {
    for (let i = 0; i < 200; i++) expect(generateCode()).toMatch(/^\d{6}$/);
    expect(isCodeShaped('012345')).toBe(true);
    expect(isCodeShaped('12345')).toBe(false);
    expect(isCodeShaped('12345a')).toBe(false);
  });
  it('match only their own hash, under their own salt', () => {
    const salt = newSalt();
    const hash = hashCode('123456', salt);
    expect(hash).not.toContain('123456');
    expect(codeMatches('123456', salt, hash)).toBe(true);
    expect(codeMatches('123457', salt, hash)).toBe(false);
    expect(codeMatches('123456', newSalt(), hash)).toBe(false);
  });
});

describe('maskPhone', () => {
  it('keeps the country code and the last two digits', () => {
    expect(maskPhone('+4915112345678')).toBe('+49*********78');
    expect(maskPhone('+12025550143')).toBe('+1********43');
  });
});

describe('resendWaitSeconds', () => {
  const sent = new Date('2026-06-01T12:00:00Z');
  it('counts down the minute after a code was sent', () => {
    expect(resendWaitSeconds(null, sent)).toBe(0);
    expect(resendWaitSeconds(sent, new Date(sent.getTime() + 1_000))).toBe(59);
    expect(resendWaitSeconds(sent, new Date(sent.getTime() + 59_500))).toBe(1);
    expect(resendWaitSeconds(sent, new Date(sent.getTime() + 60_000))).toBe(0);
  });
});
