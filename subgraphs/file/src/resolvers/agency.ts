import type { AgencyResolvers } from '../generated/resolvers-types';

export const Agency: AgencyResolvers = {
  // Batched: the documents of 50 agencies are one query.
  documents: (agency, _args, { loaders }) => loaders.documentsOfAgency.load(agency.id),
};
