import { byKeyLoader } from '@market/kit';
import type { ProfileRepository } from './repository';

/** Per-request batching: one profiles query, whatever the number of users. */
export function createLoaders(repo: ProfileRepository) {
  return {
    profileByUser: byKeyLoader(repo.profilesOf, (row) => row.userId),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
