import type { AgencyResolvers } from '../generated/resolvers-types';

export const Agency: AgencyResolvers = {
  // Batched: the files of 50 agencies are one query.
  files: (agency, _args, { loaders }) => loaders.documentsOfAgency.load(agency.id),
};
