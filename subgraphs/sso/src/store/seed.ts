import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import type { Logger } from '@market/kit';
import { normalizeEmail } from '../domain/user';
import { hashPassword } from '../oidc/passwords';
import type { UserStore } from './user-store';

/** Seeds the demo users on first boot (empty database only), with the ids every other service uses. */
export async function seedDemoData(store: UserStore, logger: Logger): Promise<boolean> {
  if (!(await store.isEmpty())) return false;
  const { users } = demoData();
  // Every demo user signs in with the public demo password (never seeded in production). Hashed
  // before anything is written, so a failure here leaves the database empty and seeding retries.
  const hashes = await Promise.all(users.map(async (user) => ({ userId: user.id, passwordHash: await hashPassword(DEMO_PASSWORD) })));
  await store.insertMany(
    users.map((user) => ({
      id: user.id,
      email: normalizeEmail(user.email),
      status: user.status,
      // Demo accounts in use have a verified address; the others still wait for their link.
      emailVerifiedAt: user.status === 'ACTIVE' ? user.createdAt : null,
      roles: user.roles,
      createdAt: user.createdAt,
      updatedAt: user.createdAt,
    })),
  );
  await store.setPasswordHashes(hashes);
  logger.info({ users: users.length }, 'seeded demo users (password: the demo password)');
  return true;
}
