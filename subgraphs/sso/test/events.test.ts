import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@market/events';
import { freshMysql, freshPostgres, testEnv, testLogger } from '@market/testkit';
import { describe, expect, it } from 'vitest';
import { ssoEventHandlers } from '../src/events';
import { MysqlUserStore, PgUserStore, type UserStore } from '../src/store';

// SSO consumes other services' events without an inbox (its store may be MySQL): each handler must be idempotent.
const adapters: { name: string; open: () => Promise<{ store: UserStore; cleanup: () => Promise<void> }> }[] = [
  { name: 'PGlite', open: async () => ({ store: await PgUserStore.open({ logger: testLogger('sso') }), cleanup: async () => {} }) },
];
if (testEnv.DATABASE_URL)
  adapters.push({
    name: 'PostgreSQL',
    open: async () => {
      const db = await freshPostgres('sso_events');
      return { store: await PgUserStore.open({ url: db.url, logger: testLogger('sso') }), cleanup: db.cleanup };
    },
  });
if (testEnv.MYSQL_URL)
  adapters.push({
    name: 'MySQL',
    open: async () => {
      const db = await freshMysql('sso_events');
      return { store: await MysqlUserStore.open({ url: db.url!, logger: testLogger('sso') }), cleanup: db.cleanup };
    },
  });

const event = <T>(type: string, data: T): DomainEvent<T> => ({
  id: randomUUID(),
  type,
  source: 'agency',
  occurredAt: new Date().toISOString(),
  data,
});

describe.each(adapters)('SSO event handlers on $name', ({ open }) => {
  it('keeps AGENCY_OWNER / AGENCY_STAFF equal to the user’s agency memberships, idempotently', async () => {
    const { store, cleanup } = await open();
    try {
      const handlers = ssoEventHandlers(store, testLogger('sso'));
      const userId = randomUUID();
      await store.insertMany([{ id: userId, email: `member-${userId.slice(0, 8)}@example.com`, roles: ['CUSTOMER'] }]);
      const roles = async () => (await store.rolesOf([userId])).map((row) => row.role).sort();
      const agencyId = randomUUID();

      const joined = event('agency.member.added', { agencyId, userId, role: 'STAFF', userRoles: ['STAFF'] });
      await handlers['agency.member.added']?.(joined);
      await handlers['agency.member.added']?.(joined); // delivered twice
      expect(await roles()).toEqual(['AGENCY_STAFF', 'CUSTOMER']);

      await handlers['agency.member.added']?.(
        event('agency.member.added', { agencyId: randomUUID(), userId, role: 'OWNER', userRoles: ['OWNER', 'STAFF'] }),
      );
      expect(await roles()).toEqual(['AGENCY_OWNER', 'AGENCY_STAFF', 'CUSTOMER']);

      // Removed from the first agency: still OWNER elsewhere, no longer STAFF anywhere.
      await handlers['agency.member.removed']?.(event('agency.member.removed', { agencyId, userId, role: 'STAFF', userRoles: ['OWNER'] }));
      expect(await roles()).toEqual(['AGENCY_OWNER', 'CUSTOMER']);

      const audit = await store.listAudit({ targetId: userId }, { limit: 10, after: null });
      expect(audit.rows.map((row) => `${row.type}:${String(row.details.role)}`).sort()).toEqual([
        'user.role_granted:AGENCY_OWNER',
        'user.role_granted:AGENCY_STAFF',
        'user.role_revoked:AGENCY_STAFF',
      ]);

      // Unknown users are ignored, not failed on.
      await handlers['agency.member.added']?.(
        event('agency.member.added', { agencyId, userId: randomUUID(), role: 'STAFF', userRoles: ['STAFF'] }),
      );
    } finally {
      await store.close();
      await cleanup();
    }
  });

  it('records other services’ audit events once, under the event id', async () => {
    const { store, cleanup } = await open();
    try {
      const handlers = ssoEventHandlers(store, testLogger('sso'));
      const actorId = randomUUID();
      const subjectId = randomUUID();
      const recorded = event('audit.recorded', {
        actorId,
        action: 'chat.conversation.admin_read',
        subjectType: 'Conversation',
        subjectId,
        ip: '203.0.113.9',
        userAgent: 'test',
        at: '2026-11-21T10:00:00.000Z',
        details: { kind: 'SUPPORT' },
      });
      await handlers['audit.recorded']?.(recorded);
      await handlers['audit.recorded']?.(recorded);
      const audit = await store.listAudit({ actorId }, { limit: 10, after: null });
      expect(audit.rows).toHaveLength(1);
      expect(audit.rows[0]).toMatchObject({
        id: recorded.id,
        type: 'chat.conversation.admin_read',
        targetId: subjectId,
        ip: '203.0.113.9',
        details: { kind: 'SUPPORT', subjectType: 'Conversation', source: 'agency' },
      });
      expect(audit.rows[0]?.createdAt.toISOString()).toBe('2026-11-21T10:00:00.000Z');
    } finally {
      await store.close();
      await cleanup();
    }
  });
});
