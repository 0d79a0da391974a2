import { averageRating } from '../domain/rating';
import type { AgencyResolvers } from '../generated/resolvers-types';

export const Agency: AgencyResolvers = {
  // Other subgraphs reference agencies by id; the directory links by slug.
  __resolveReference(reference, { loaders }) {
    if ('id' in reference && reference.id) return loaders.agencyById.load(reference.id);
    if ('slug' in reference && reference.slug) return loaders.agencyBySlug.load(reference.slug);
    return null;
  },
  businessTypes: (agency, _args, { loaders }) => loaders.businessTypesByAgency.load(agency.id),
  rating: (agency) => averageRating(agency.ratingSum, agency.reviewCount),
};
