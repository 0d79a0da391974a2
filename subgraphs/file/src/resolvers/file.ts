import { fileUrl } from '../domain/files';
import type { FileResolvers } from '../generated/resolvers-types';

export const File: FileResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.fileById.load(reference.id),
  url: (file, _args, { publicUrl }) => fileUrl(publicUrl, file.id),
  // A stub: the user subgraph resolves the rest of the owner.
  owner: (file) => ({ __typename: 'User', id: file.ownerId }),
};
