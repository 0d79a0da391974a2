import { sortRoles } from '../domain/user';
import type { UserResolvers } from '../generated/resolvers-types';

export const User: UserResolvers = {
  // Every subgraph references users by id; the loader turns N references into one query.
  __resolveReference: (reference, { loaders }) => loaders.userById.load(reference.id),
  roles: async (user, _args, { loaders }) => sortRoles((await loaders.rolesByUser.load(user.id)).map((row) => row.role)),
};
