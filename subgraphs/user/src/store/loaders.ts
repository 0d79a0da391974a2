import { byKeyLoader } from '@market/kit';
import type { ProfileRepository } from './repository';

/** Per-request batching: one query per table, whatever the number of users. */
export function createLoaders(repo: ProfileRepository) {
  return {
    profileByUser: byKeyLoader(repo.profilesOf, (row) => row.userId),
    preferencesByUser: byKeyLoader(repo.preferencesOf, (row) => row.userId),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
