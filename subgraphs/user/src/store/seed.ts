import { demoData, seededRandom, type DemoUser } from '@market/demo-data';
import type { Logger } from '@market/kit';
import { canonicalLocale } from '../domain/locale';
import { e164 } from '../domain/phone';
import type { NotificationChannel, StoredChannels, Theme } from '../domain/preferences';
import type { ProfileRepository } from './repository';
import type { NewPreferences, NewProfile } from './schema';

const OTHER_TIMEZONES = ['Europe/London', 'Europe/Vienna', 'Europe/Zurich', 'America/New_York'];
const CITIES = [
  { city: 'Berlin', postalCode: '10115', region: 'DE-BE' },
  { city: 'Hamburg', postalCode: '20095', region: 'DE-HH' },
  { city: 'Munich', postalCode: '80331', region: 'DE-BY' },
  { city: 'Cologne', postalCode: '50667', region: 'DE-NW' },
  { city: 'Frankfurt am Main', postalCode: '60311', region: 'DE-HE' },
  { city: 'Leipzig', postalCode: '04109', region: 'DE-SN' },
  { city: 'Stuttgart', postalCode: '70173', region: 'DE-BW' },
  { city: 'Dresden', postalCode: '01067', region: 'DE-SN' },
];
const STREETS = ['Hauptstraße', 'Bahnhofstraße', 'Lindenallee', 'Schillerstraße', 'Goethestraße', 'Gartenweg', 'Am Markt'];
const THEMES: Theme[] = ['LIGHT', 'DARK', 'SYSTEM'];
const MARKETING: NotificationChannel[][] = [[], ['EMAIL'], ['IN_APP', 'EMAIL']];

/** The well-known demo customer: always a verified phone and an address, so the apps show both. */
const DEMO_CUSTOMER = 'customer@example.com';

/**
 * The demo users' profiles (as SSO's demo users describe them) plus what this service adds,
 * derived deterministically from demoData() and a seeded random: time zones (Europe/Berlin
 * mostly), verified German mobile numbers for about a third, addresses for the customers,
 * and saved preferences for some.
 */
export function demoProfiles(users: readonly DemoUser[] = demoData().users): { profiles: NewProfile[]; preferences: NewPreferences[] } {
  const rnd = seededRandom(20260601);
  const profiles: NewProfile[] = [];
  const preferences: NewPreferences[] = [];
  for (const user of users) {
    const customer = user.roles.includes('CUSTOMER');
    const showcase = user.email === DEMO_CUSTOMER;
    const timezone = showcase || rnd.next() < 0.75 ? 'Europe/Berlin' : rnd.pick(OTHER_TIMEZONES);
    const phone = showcase || rnd.next() < 0.35 ? e164(`+49151${String(rnd.int(10_000_000, 99_999_999))}`) : null;
    const where = rnd.pick(CITIES);
    const address = customer
      ? {
          addressLine1: `${rnd.pick(STREETS)} ${rnd.int(1, 120)}`,
          addressLine2: rnd.next() < 0.2 ? `Apartment ${rnd.int(1, 40)}` : null,
          addressPostalCode: where.postalCode,
          addressCity: where.city,
          addressRegion: where.region,
          addressCountry: 'DE',
        }
      : {};
    profiles.push({
      userId: user.id,
      displayName: user.displayName,
      avatarFileId: null,
      bio: user.bio,
      locale: canonicalLocale(user.locale),
      timezone,
      phone,
      phoneVerified: phone !== null,
      ...address,
      createdAt: user.createdAt,
      updatedAt: user.createdAt,
    });
    if (showcase || rnd.next() < 0.3) {
      const channels: StoredChannels = { MARKETING: rnd.pick(MARKETING) };
      if (phone && rnd.next() < 0.5) channels.ORDERS = ['IN_APP', 'EMAIL', 'SMS'];
      preferences.push({
        userId: user.id,
        channels,
        showPhoneToAgencies: phone ? rnd.next() < 0.5 : null,
        showOnlineStatus: null,
        allowAnalytics: rnd.next() < 0.4,
        language: null,
        theme: rnd.pick(THEMES),
        updatedAt: user.createdAt,
      });
    }
  }
  return { profiles, preferences };
}

/** Seeds the demo users' profiles on first boot (empty database only), under SSO's demo user ids. */
export async function seedDemoData(repo: ProfileRepository, logger: Logger): Promise<boolean> {
  if (!(await repo.isEmpty())) return false;
  const { profiles, preferences } = demoProfiles();
  await repo.insertMany(profiles, preferences);
  logger.info({ profiles: profiles.length, preferences: preferences.length }, 'seeded demo profiles');
  return true;
}
