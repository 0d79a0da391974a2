import { byKeyLoader, groupLoader } from '@market/kit';
import type { UserStore } from './user-store';

/** Per-request batching: one users query and one roles query, whatever the list length. */
export function createLoaders(store: UserStore) {
  return {
    userById: byKeyLoader(
      (ids) => store.byIds(ids),
      (row) => row.id,
    ),
    rolesByUser: groupLoader(
      (ids) => store.rolesOf(ids),
      (row) => row.userId,
    ),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
