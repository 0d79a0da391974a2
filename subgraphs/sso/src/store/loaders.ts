import { byKeyLoader, groupLoader } from '@market/kit';
import DataLoader from 'dataloader';
import type { UserStore } from './user-store';

/** Per-request batching: one query per kind of data, whatever the list length. */
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
    linkedIdentitiesByUser: groupLoader(
      (ids) => store.linkedIdentitiesOf(ids),
      (row) => row.userId,
    ),
    /** Whether each user has a confirmed TOTP factor. */
    mfaEnabled: new DataLoader<string, boolean>(async (ids) => {
      const enabled = await store.mfaEnabledOf(ids);
      return ids.map((id) => enabled.has(id.toLowerCase()));
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
