import { notFound } from '@market/kit';
import { seesMemberFields, seesOwnerFields } from '../domain/access';
import { rankAgency } from '../domain/ranking';
import { averageRating } from '../domain/rating';
import type { AgencyResolvers } from '../generated/resolvers-types';
import type { Context } from '../context';
import type { AgencyRow, MemberRole } from '../store/schema';

/** The viewer's role in the agency (null for non-members and anonymous callers). */
export const roleIn = (agencyId: string, { viewer, loaders }: Context): Promise<MemberRole | null> =>
  viewer ? loaders.viewerRole.load(agencyId) : Promise.resolve(null);

/** Loads an agency or throws NOT_FOUND naming it. */
export async function agencyOrNotFound(id: string, { loaders }: Context): Promise<AgencyRow> {
  const agency = await loaders.agencyById.load(id);
  if (!agency) throw notFound('Agency', id);
  return agency;
}

export const Agency: AgencyResolvers = {
  // Other subgraphs reference agencies by id; the directory links by slug.
  __resolveReference(reference, { loaders }) {
    if ('id' in reference && reference.id) return loaders.agencyById.load(reference.id);
    if ('slug' in reference && reference.slug) return loaders.agencyBySlug.load(reference.slug);
    return null;
  },
  businessTypes: (agency, _args, { loaders }) => loaders.businessTypesByAgency.load(agency.id),
  contact: (agency) => ({
    email: agency.contactEmail,
    phone: agency.contactPhone,
    website: agency.contactWebsite,
    address: agency.contactAddress,
  }),
  location: (agency) => (agency.lat != null && agency.lng != null ? { lat: agency.lat, lng: agency.lng } : null),
  serviceAreas: (agency, _args, { loaders }) => loaders.serviceAreasByAgency.load(agency.id),
  statusReason: async (agency, _args, context) =>
    seesMemberFields(context.viewer, await roleIn(agency.id, context)) ? agency.statusReason : null,
  rating: (agency) => averageRating(agency.ratingSum, agency.reviewCount),
  reviewCount: (agency) => agency.reviewCount,
  async ranking(agency, _args, { loaders }) {
    const ranking = await loaders.rankingByAgency.load(agency.id);
    if (ranking) return ranking;
    // Not computed yet (a moment after creation in another replica): the neutral ranking of an agency without history.
    const now = new Date();
    const neutral = rankAgency(
      {
        ratingSum: 0,
        reviewCount: 0,
        completed: 0,
        cancelledByAgency: 0,
        disputed: 0,
        ordersTotal: 0,
        deliveredWithDue: 0,
        deliveredOnTime: 0,
        medianResponseSeconds: null,
        penaltyCount365: 0,
        penaltyAmount365: 0,
        lastActivityAt: null,
      },
      now,
    );
    return { agencyId: agency.id, ...neutral, position: null, positionOf: null, positionScope: null, computedAt: now };
  },
  distanceKm: (agency) => (agency.distanceKm == null ? null : Math.round(agency.distanceKm * 1000) / 1000),
  documents: async (agency, _args, context) =>
    seesMemberFields(context.viewer, await roleIn(agency.id, context)) ? context.loaders.documentsByAgency.load(agency.id) : null,
  members: async (agency, _args, context) =>
    seesMemberFields(context.viewer, await roleIn(agency.id, context)) ? context.loaders.membersByAgency.load(agency.id) : null,
  invitations: async (agency, _args, context) =>
    seesOwnerFields(context.viewer, await roleIn(agency.id, context)) ? context.loaders.invitationsByAgency.load(agency.id) : null,
  finances: async (agency, _args, context) => (seesOwnerFields(context.viewer, await roleIn(agency.id, context)) ? agency : null),
  viewerRole: (agency, _args, context) => roleIn(agency.id, context),
  verifiedAt: (agency) => agency.verifiedAt,
  createdAt: (agency) => agency.createdAt,
};
