import type { Logger } from '@market/kit';
import type { DomainEvent, IdempotentEventHandlers } from '@market/events';
import type { Role } from './domain/user';
import type { UserStore } from './store';

/**
 * What SSO does with other services' events. SSO's store may be MySQL, so there is no inbox: every handler is
 * idempotent (an event delivered twice changes nothing the second time).
 *
 * - agency.member.added / removed: the agency service owns memberships; SSO keeps the user's AGENCY_OWNER and
 *   AGENCY_STAFF roles equal to the roles the user holds in any agency (`userRoles`), so the next token carries the
 *   management scopes (agency:manage, agency:finance) or no longer does.
 * - audit.recorded: security-relevant actions of other services (e.g. an admin reading a support conversation) join
 *   SSO's audit log, with the event id as the audit event's id.
 */

interface MembershipChanged {
  agencyId: string;
  userId: string;
  role: 'OWNER' | 'STAFF';
  userRoles: ('OWNER' | 'STAFF')[];
}

interface AuditRecorded {
  actorId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  at?: string;
  details?: Record<string, unknown>;
}

const AGENCY_ROLES: [Role, 'OWNER' | 'STAFF'][] = [
  ['AGENCY_OWNER', 'OWNER'],
  ['AGENCY_STAFF', 'STAFF'],
];

/** True for a primary-key violation on PostgreSQL/PGlite (23505) or MySQL (1062), also when drizzle wraps it. */
function isDuplicate(error: unknown): boolean {
  for (
    let current = error as { code?: unknown; errno?: unknown; cause?: unknown } | undefined;
    current;
    current = current.cause as typeof current
  ) {
    if (current.code === '23505' || current.code === 'ER_DUP_ENTRY' || current.errno === 1062) return true;
  }
  return false;
}

export function ssoEventHandlers(store: UserStore, logger: Logger): IdempotentEventHandlers {
  const syncAgencyRoles = async (event: DomainEvent<MembershipChanged>) => {
    const { userId, agencyId, userRoles } = event.data;
    const [user] = await store.byIds([userId]);
    if (!user) {
      logger.warn({ userId, agencyId, event: event.type }, 'agency membership of an unknown user ignored');
      return;
    }
    const held = new Set((await store.rolesOf([userId])).map((row) => row.role));
    for (const [role, agencyRole] of AGENCY_ROLES) {
      const wanted = userRoles.includes(agencyRole);
      if (wanted === held.has(role)) continue;
      if (wanted) await store.addRole(userId, role);
      else await store.removeRole(userId, role);
      await store.recordAudit({
        type: wanted ? 'user.role_granted' : 'user.role_revoked',
        targetId: userId,
        details: { role, agencyId, because: event.type, eventId: event.id },
      });
    }
  };

  return {
    'agency.member.added': syncAgencyRoles,
    'agency.member.removed': syncAgencyRoles,
    'audit.recorded': async (event: DomainEvent<AuditRecorded>) => {
      const { data } = event;
      try {
        await store.recordAudit({
          id: event.id,
          type: data.action,
          actorId: data.actorId,
          targetId: data.subjectId ?? null,
          ip: data.ip ?? null,
          userAgent: data.userAgent ?? null,
          details: { ...data.details, subjectType: data.subjectType, source: event.source },
          createdAt: data.at ? new Date(data.at) : new Date(event.occurredAt),
        });
      } catch (error) {
        if (!isDuplicate(error)) throw error;
      }
    },
  };
}
