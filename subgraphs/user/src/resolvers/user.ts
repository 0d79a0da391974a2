import { canSeePreferences } from '../domain/visibility';
import { effectivePreferences } from '../domain/preferences';
import type { UserResolvers } from '../generated/resolvers-types';
import { savedPreferences } from '../profile-service';

export const User: UserResolvers = {
  // SSO owns users: any id it hands out is a user here, profile or not, so no lookup is needed.
  __resolveReference: (reference) => ({ id: reference.id }),
  // Null for a user who has no profile (yet); batched into one query per request.
  profile: (user, _args, { loaders }) => loaders.profileByUser.load(user.id),
  // The user themself only; defaults for a user who never saved any (language: the profile's locale).
  preferences: async (user, _args, { loaders, viewer }) => {
    if (!canSeePreferences(viewer, user.id)) return null;
    const [saved, profile] = await Promise.all([loaders.preferencesByUser.load(user.id), loaders.profileByUser.load(user.id)]);
    return effectivePreferences(savedPreferences(saved), profile?.locale ?? null);
  },
};
