/** The currencies an order can be placed in. */
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'PLN'] as const;

/** How many minor digits the currency has (EUR 2, JPY 0), from Intl. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** A price typed in major units ("12.50") as integer minor units (1250); null when it is not a number ≥ 0. */
export function toMinorUnits(major: number | string, currency: string): number | null {
  const value = typeof major === 'number' ? major : Number(major.replace(',', '.'));
  if (!Number.isFinite(value) || value < 0) return null;
  return Math.round(value * 10 ** minorDigits(currency));
}
