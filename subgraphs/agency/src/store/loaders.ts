import { byKeyLoader, groupLoader } from '@market/kit';
import type { AgencyRepository } from './repository';

/** Per-request batching: one query per entity type, whatever the list length. */
export function createLoaders(repo: AgencyRepository) {
  return {
    agencyById: byKeyLoader(repo.byIds, (row) => row.id),
    agencyBySlug: byKeyLoader(repo.bySlugs, (row) => row.slug),
    businessTypesByAgency: groupLoader(repo.businessTypesOf, (row) => row.agencyId),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
