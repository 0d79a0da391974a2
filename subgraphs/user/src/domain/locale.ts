/** The locale of a profile that never chose one. */
export const DEFAULT_LOCALE = 'en-GB';

/**
 * The canonical form of a BCP-47 language tag (`en-gb` → `en-GB`), so profiles
 * compare and display locales one way; throws RangeError for a malformed tag.
 */
export function canonicalLocale(tag: string): string {
  const [canonical] = Intl.getCanonicalLocales(tag.trim());
  if (!canonical) throw new RangeError(`Incorrect locale information provided: ${tag}`);
  return canonical;
}
