import type {
  AgencyDocumentResolvers,
  AgencyInvitationResolvers,
  AgencyMemberResolvers,
  ServiceAreaResolvers,
  UserResolvers,
} from '../generated/resolvers-types';
import { isAdmin } from '../domain/access';
import { notFound } from '@market/kit';

export const AgencyMember: AgencyMemberResolvers = {
  user: (member) => ({ id: member.userId }),
  joinedAt: (member) => member.createdAt,
};

export const AgencyInvitation: AgencyInvitationResolvers = {
  // EXPIRED is not stored: a pending invitation past its time is expired.
  status: (invitation, _args, { settings }) =>
    invitation.status === 'PENDING' && invitation.expiresAt.getTime() <= settings.now().getTime() ? 'EXPIRED' : invitation.status,
  async agency(invitation, _args, { loaders }) {
    const agency = await loaders.agencyById.load(invitation.agencyId);
    if (!agency) throw notFound('Agency', invitation.agencyId);
    return agency;
  },
  invitedBy: (invitation) => ({ id: invitation.invitedBy }),
};

export const AgencyDocument: AgencyDocumentResolvers = {
  file: (document) => ({ id: document.fileId }),
  uploadedBy: (document) => ({ id: document.uploadedBy }),
  reviewedBy: (document) => (document.reviewedBy ? { id: document.reviewedBy } : null),
};

export const ServiceArea: ServiceAreaResolvers = {
  center: (area) => (area.centerLat != null && area.centerLng != null ? { lat: area.centerLat, lng: area.centerLng } : null),
  radiusKm: (area) => area.radiusKm,
  regionCodes: (area) => area.regionCodes,
};

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  // The user themself and admins only.
  async agencies(user, _args, { viewer, loaders }) {
    if (!viewer || (viewer.id !== user.id && !isAdmin(viewer))) return null;
    return (await loaders.agenciesByUser.load(user.id)).map((row) => row.agency);
  },
};
