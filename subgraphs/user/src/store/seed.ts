import { demoData } from '@market/demo-data';
import type { Logger } from '@market/kit';
import { canonicalLocale } from '../domain/locale';
import type { ProfileRepository } from './repository';

/** Seeds the demo users' profiles on first boot (empty database only), under SSO's demo user ids. */
export async function seedDemoData(repo: ProfileRepository, logger: Logger): Promise<boolean> {
  if (!(await repo.isEmpty())) return false;
  const { users } = demoData();
  await repo.insertMany(
    users.map((user) => ({
      userId: user.id,
      displayName: user.displayName,
      avatarUrl: null,
      bio: user.bio,
      locale: canonicalLocale(user.locale),
      createdAt: user.createdAt,
      updatedAt: user.createdAt,
    })),
  );
  logger.info({ profiles: users.length }, 'seeded demo profiles');
  return true;
}
