import { byKeyLoader, groupLoader, type Viewer } from '@market/kit';
import DataLoader from 'dataloader';
import type { AgencyRepository, Balances } from './repository';
import type { MemberRole } from './schema';

/** Per-request batching: one query per entity type, whatever the list length. */
export function createLoaders(repo: AgencyRepository, viewer: Viewer | null) {
  return {
    agencyById: byKeyLoader(repo.byIds, (row) => row.id),
    agencyBySlug: byKeyLoader(repo.bySlugs, (row) => row.slug),
    businessTypesByAgency: groupLoader(repo.businessTypesOf, (row) => row.agencyId),
    serviceAreasByAgency: groupLoader(repo.serviceAreasOf, (row) => row.agencyId),
    membersByAgency: groupLoader(repo.membersOf, (row) => row.agencyId),
    invitationsByAgency: groupLoader(repo.invitationsOf, (row) => row.agencyId),
    documentsByAgency: groupLoader(repo.documentsOf, (row) => row.agencyId),
    rankingByAgency: byKeyLoader(repo.rankingsOf, (row) => row.agencyId),
    agenciesByUser: groupLoader(repo.agenciesOfUsers, (row) => row.userId),
    balancesByAgency: new DataLoader<string, Balances>((ids) => Promise.all(ids.map((id) => repo.balances(id)))),
    /** The viewer's role in each agency (null when not a member or anonymous). */
    viewerRole: new DataLoader<string, MemberRole | null>(async (agencyIds) => {
      if (!viewer) return agencyIds.map(() => null);
      const rows = await repo.membershipsOf(viewer.id, agencyIds);
      const roles = new Map(rows.map((row) => [row.agencyId, row.role]));
      return agencyIds.map((id) => roles.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
