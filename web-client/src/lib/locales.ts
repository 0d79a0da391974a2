/** Languages the apps offer (BCP-47); profiles may hold any valid tag, these are suggestions. */
export const LANGUAGES = [
  { value: 'en-GB', label: 'English (UK)' },
  { value: 'en-US', label: 'English (US)' },
  { value: 'de-DE', label: 'Deutsch' },
  { value: 'fr-FR', label: 'Français' },
  { value: 'pl-PL', label: 'Polski' },
  { value: 'tr-TR', label: 'Türkçe' },
] as const;

/** IANA time zones the browser knows (all of them in current browsers), with a short fallback list. */
export function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/Berlin', 'Europe/London', 'Europe/Paris', 'Europe/Warsaw', 'Europe/Istanbul', 'America/New_York'];
  }
}
