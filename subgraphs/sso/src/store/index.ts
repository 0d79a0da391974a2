import type { Logger } from '@market/kit';
import { MysqlUserStore } from './mysql-user-store';
import { PgUserStore } from './pg-user-store';
import type { UserStore } from './user-store';

export { MysqlUserStore } from './mysql-user-store';
export { PgUserStore } from './pg-user-store';
export {
  EmailTakenError,
  LinkTakenError,
  type AccountTokenPurpose,
  type AccountTokenRow,
  type LinkedIdentityRow,
  type NewAccountToken,
  type NewLinkedIdentity,
  type UserFilter,
  type UserSessionRow,
  type AuditCursor,
  type AuditEventRow,
  type AuditFilter,
  type AuditPage,
  type MfaRow,
  type NewAuditEvent,
  type NewUser,
  type OidcPayloadRow,
  type OidcPayloadStore,
  type PasswordHashRow,
  type ProviderKeyRow,
  type Role,
  type UserCursor,
  type UserPage,
  type UserRoleRow,
  type UserRow,
  type UserStatus,
  type UserStore,
} from './user-store';

export interface UserStoreConfig {
  MYSQL_URL?: string | undefined;
  DATABASE_URL?: string | undefined;
  DATA_DIR: string;
}

/**
 * Picks the adapter from the environment: MYSQL_URL (production) wins, then
 * DATABASE_URL, else embedded PGlite under DATA_DIR. Migrations run on open.
 */
export async function openUserStore(config: UserStoreConfig, logger: Logger): Promise<UserStore> {
  if (config.MYSQL_URL) return MysqlUserStore.open({ url: config.MYSQL_URL, logger });
  return PgUserStore.open({ url: config.DATABASE_URL, dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR, logger });
}
