import { demoData } from '@market/demo-data';
import type { Logger } from '@market/kit';
import { normalizeEmail } from '../domain/user';
import type { UserStore } from './user-store';

/** Seeds the demo users on first boot (empty database only), with the ids every other service uses. */
export async function seedDemoData(store: UserStore, logger: Logger): Promise<boolean> {
  if (!(await store.isEmpty())) return false;
  const { users } = demoData();
  await store.insertMany(
    users.map((user) => ({
      id: user.id,
      email: normalizeEmail(user.email),
      status: user.status,
      roles: user.roles,
      createdAt: user.createdAt,
      updatedAt: user.createdAt,
    })),
  );
  logger.info({ users: users.length }, 'seeded demo users');
  return true;
}
