import type { DomainEvent, EventHandlers } from '@market/events';
import { replicaWriter } from './store/repository';
import type { OrderSchema } from './store/schema';

interface AgencySnapshot {
  agencyId: string;
  name: string;
  status: 'PENDING_REVIEW' | 'VERIFIED' | 'SUSPENDED';
  commissionPercent: number;
}
interface Membership {
  agencyId: string;
  userId: string;
  role: 'OWNER' | 'STAFF';
}

const upsertAgency = async ({ data }: DomainEvent<AgencySnapshot>, tx: Parameters<typeof replicaWriter>[0]) =>
  replicaWriter(tx).upsertAgency({
    id: data.agencyId,
    name: data.name,
    status: data.status,
    commissionPercent: data.commissionPercent ?? 0,
  });

/**
 * What the order subgraph keeps of other services: the agency replica (placement needs a
 * VERIFIED agency, permissions need its members). Idempotent: upserts and deletes by key.
 */
export const eventHandlers: EventHandlers<OrderSchema> = {
  'agency.created': upsertAgency,
  'agency.updated': upsertAgency,
  'agency.member.added': async ({ data }: DomainEvent<Membership>, tx) => replicaWriter(tx).addMember(data),
  'agency.member.removed': async ({ data }: DomainEvent<Membership>, tx) => replicaWriter(tx).removeMember(data),
};
