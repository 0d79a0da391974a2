import { byKeyLoader, groupLoader } from '@market/kit';
import type { FileRepository } from './repository';

/** Per-request batching: one query per entity type, whatever the list length. */
export function createLoaders(repo: FileRepository) {
  return {
    fileById: byKeyLoader(repo.byIds, (row) => row.id),
    filesOfOrder: groupLoader(
      (ids) => repo.ofSubjects('ORDER', ids),
      (row) => row.subjectId,
    ),
    documentsOfAgency: groupLoader(
      (ids) => repo.ofSubjects('AGENCY', ids),
      (row) => row.subjectId,
    ),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
