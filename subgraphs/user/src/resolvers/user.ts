import type { UserResolvers } from '../generated/resolvers-types';

export const User: UserResolvers = {
  // SSO owns users: any id it hands out is a user here, profile or not, so no lookup is needed.
  __resolveReference: (reference) => ({ id: reference.id }),
  // Null for a user who has no profile (yet); batched into one query per request.
  profile: (user, _args, { loaders }) => loaders.profileByUser.load(user.id),
};
