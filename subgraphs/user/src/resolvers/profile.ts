import { fileUrl } from '../domain/files';
import { canSeePrivateProfile } from '../domain/visibility';
import type { ProfileResolvers } from '../generated/resolvers-types';
import { addressOf } from '../store/repository';

export const Profile: ProfileResolvers = {
  avatar: (row) => (row.avatarFileId ? { id: row.avatarFileId } : null),
  avatarUrl: (row, _args, { fileBaseUrl }) => (row.avatarFileId ? fileUrl(fileBaseUrl, row.avatarFileId) : null),
  // Private: the user themself and user admins; null for everyone else.
  phone: (row, _args, { viewer }) => (canSeePrivateProfile(viewer, row.userId) ? row.phone : null),
  address: (row, _args, { viewer }) => (canSeePrivateProfile(viewer, row.userId) ? addressOf(row) : null),
};
