import type { MutationResolvers } from '../generated/resolvers-types';

// Thin: the profile service checks the caller, validates and writes.
export const Mutation: MutationResolvers = {
  updateProfile: (_parent, { input }, { profiles, viewer }) => profiles.updateProfile(viewer, input),
  updatePreferences: (_parent, { input }, { profiles, viewer }) => profiles.updatePreferences(viewer, input),
  startPhoneVerification: (_parent, { phone }, { profiles, viewer }) => profiles.startPhoneVerification(viewer, phone),
  confirmPhoneVerification: (_parent, { code }, { profiles, viewer }) => profiles.confirmPhoneVerification(viewer, code),
  removePhone: (_parent, _args, { profiles, viewer }) => profiles.removePhone(viewer),
};
