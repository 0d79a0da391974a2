import { randomBytes, randomUUID } from 'node:crypto';
import { badInput, forbidden, isUuid, notFound, type Viewer } from '@market/kit';
import * as input from '../domain/agency-input';
import { requireAdmin, requireAgencyAccess, requireViewer } from '../domain/access';
import { validPoint } from '../domain/directory';
import type { MutationResolvers } from '../generated/resolvers-types';
import type { Context } from '../context';
import type { AgencyPatch } from '../store/repository';
import type { AgencyRow } from '../store/schema';
import { agencyOrNotFound, roleIn } from './agency';
import { tokenHash } from './query';

const INVITATION_TTL_MS = 7 * 86_400_000;

/** Member ids are user ids (UUIDs); a service token without a user cannot own or join an agency. */
function userId(viewer: Viewer): string {
  if (!isUuid(viewer.id)) throw forbidden('Only signed-in users can do this');
  return viewer.id;
}

/** NOT_FOUND for a missing agency, then FORBIDDEN unless the viewer may do `action` with it. */
async function managedAgency(
  id: string,
  action: 'profile' | 'members' | 'finances',
  context: Context,
): Promise<{ agency: AgencyRow; viewer: Viewer }> {
  requireViewer(context.viewer);
  const agency = await agencyOrNotFound(id, context);
  const viewer = requireAgencyAccess(context.viewer, await roleIn(agency.id, context), action);
  return { agency, viewer };
}

const isUniqueViolation = (error: unknown): boolean => {
  const code =
    (error as { code?: string; cause?: { code?: string } } | null)?.code ?? (error as { cause?: { code?: string } } | null)?.cause?.code;
  return code === '23505';
};

async function freeSlug(base: string, context: Context): Promise<string> {
  const root = base.length >= 2 ? base : `agency-${randomBytes(3).toString('hex')}`;
  for (let n = 1; n < 50; n++) {
    const candidate = n === 1 ? root : `${root.slice(0, 56)}-${n}`;
    if (!(await context.repo.slugTaken(candidate))) return candidate;
  }
  return `${root.slice(0, 50)}-${randomBytes(4).toString('hex')}`;
}

export const Mutation: MutationResolvers = {
  async createAgency(_parent, { input: value }, context) {
    const viewer = requireViewer(context.viewer);
    const ownerId = userId(viewer);
    const name = input.text(value.name, 'input.name', { min: 2, max: 120 });
    const description = input.text(value.description, 'input.description', { max: 5_000 });
    const codes = input.businessTypeCodes(value.businessTypes);
    const city = input.text(value.city, 'input.city', { max: 100 });
    const region = input.region(value.region, 'input.region');
    const location = value.location ? validPoint(value.location, 'input.location') : null;
    const contact = input.contact(value.contact);
    const areas = input.serviceAreas(value.serviceAreas ?? [], 'input.serviceAreas');
    let slug: string;
    if (value.slug != null) {
      slug = input.slug(value.slug);
      if (await context.repo.slugTaken(slug)) throw badInput(`input.slug: ${slug} is already taken`, 'input.slug');
    } else {
      slug = await freeSlug(input.slugify(name), context);
    }
    try {
      return await context.repo.createAgency({
        agency: {
          id: randomUUID(),
          slug,
          name,
          description,
          city,
          region,
          lat: location?.lat ?? null,
          lng: location?.lng ?? null,
          ...contact,
        },
        codes,
        areas,
        ownerId,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw badInput(`input.slug: ${slug} is already taken`, 'input.slug');
      throw error;
    }
  },

  async updateAgency(_parent, { id, input: value }, context) {
    const { agency } = await managedAgency(id, 'profile', context);
    const patch: AgencyPatch = {};
    if (value.name != null) patch.name = input.text(value.name, 'input.name', { min: 2, max: 120 });
    if (value.description != null) patch.description = input.text(value.description, 'input.description', { max: 5_000 });
    if (value.city != null) patch.city = input.text(value.city, 'input.city', { max: 100 });
    if (value.region != null) patch.region = input.region(value.region, 'input.region');
    if (value.location != null) {
      const point = validPoint(value.location, 'input.location');
      patch.lat = point.lat;
      patch.lng = point.lng;
    }
    if (value.contact != null) Object.assign(patch, input.contact(value.contact));
    const codes = value.businessTypes != null ? input.businessTypeCodes(value.businessTypes) : null;
    return context.repo.updateAgency(agency.id, patch, codes);
  },

  async setAgencyServiceAreas(_parent, { agencyId, areas }, context) {
    const { agency } = await managedAgency(agencyId, 'profile', context);
    return context.repo.setServiceAreas(agency.id, input.serviceAreas(areas));
  },

  async addAgencyDocument(_parent, { agencyId, fileId, kind }, context) {
    const { agency, viewer } = await managedAgency(agencyId, 'profile', context);
    const file = input.uuid(fileId, 'fileId');
    const documentKind = kind.trim().toUpperCase();
    if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(documentKind))
      throw badInput('kind must be a code such as BUSINESS_REGISTRATION, INSURANCE or LICENSE', 'kind');
    return context.repo.addDocument({ agencyId: agency.id, fileId: file, kind: documentKind, uploadedBy: userId(viewer) });
  },

  async removeAgencyDocument(_parent, { id }, context) {
    requireViewer(context.viewer);
    const document = await context.repo.documentById(id);
    if (!document) throw notFound('Document', id);
    await managedAgency(document.agencyId, 'profile', context);
    return context.repo.removeDocument(document.id);
  },

  async inviteAgencyMember(_parent, { agencyId, email, role }, context) {
    const { agency, viewer } = await managedAgency(agencyId, 'members', context);
    const address = input.email(email);
    const token = randomBytes(32).toString('base64url');
    const acceptUrl = `${context.settings.webAdminUrl}/invitations/${token}`;
    const invitation = await context.repo.createInvitation({
      agencyId: agency.id,
      agencyName: agency.name,
      email: address,
      role: role ?? 'STAFF',
      tokenHash: tokenHash(token),
      invitedBy: userId(viewer),
      expiresAt: new Date(context.settings.now().getTime() + INVITATION_TTL_MS),
      acceptUrl,
    });
    // No mailer in embedded mode: the link is logged so it can be followed by hand.
    if (context.settings.logInvitationLinks)
      context.logger.info(
        { agencyId: agency.id, email: address, role: invitation.role, acceptUrl },
        'agency invitation link (embedded mode)',
      );
    return invitation;
  },

  async revokeAgencyInvitation(_parent, { id }, context) {
    requireViewer(context.viewer);
    const invitation = isUuid(id) ? await context.repo.invitationById(id) : null;
    if (!invitation) throw notFound('Invitation', id);
    await managedAgency(invitation.agencyId, 'members', context);
    if (invitation.status !== 'PENDING') throw badInput(`id: the invitation is already ${invitation.status.toLowerCase()}`, 'id');
    const revoked = await context.repo.revokeInvitation(invitation.id);
    if (!revoked) throw badInput('id: the invitation was used or revoked meanwhile', 'id');
    return revoked;
  },

  async acceptAgencyInvitation(_parent, { token }, context) {
    const viewer = requireViewer(context.viewer);
    if (!token.trim()) throw badInput('token must not be empty', 'token');
    return context.repo.acceptInvitation(tokenHash(token.trim()), userId(viewer), context.settings.now());
  },

  async removeAgencyMember(_parent, { agencyId, userId: member }, context) {
    const { agency } = await managedAgency(agencyId, 'members', context);
    return context.repo.removeMember(agency.id, input.uuid(member, 'userId'));
  },

  async setAgencyStatus(_parent, { id, status, reason }, context) {
    requireAdmin(context.viewer);
    const agency = await agencyOrNotFound(id, context);
    const why = reason == null || reason.trim() === '' ? null : input.text(reason, 'reason', { max: 500 });
    if (status === 'SUSPENDED' && !why) throw badInput('reason is required when suspending an agency', 'reason');
    return context.repo.setStatus(agency.id, status, why);
  },

  async reviewAgencyDocument(_parent, { id, status, note }, context) {
    const viewer = requireAdmin(context.viewer);
    const document = await context.repo.documentById(id);
    if (!document) throw notFound('Document', id);
    if (status === 'PENDING') throw badInput('status must be APPROVED or REJECTED', 'status');
    const text = note == null || note.trim() === '' ? null : input.text(note, 'note', { max: 500 });
    if (status === 'REJECTED' && !text) throw badInput('note is required when rejecting a document (say why)', 'note');
    return context.repo.reviewDocument(document.id, status, text, userId(viewer));
  },

  async setAgencyCommission(_parent, { id, percent }, context) {
    requireAdmin(context.viewer);
    const agency = await agencyOrNotFound(id, context);
    return context.repo.setCommission(agency.id, input.commissionPercent(percent));
  },

  async recordAgencyDeposit(_parent, { agencyId, amount, currency, note, returned }, context) {
    const viewer = requireAdmin(context.viewer);
    const agency = await agencyOrNotFound(agencyId, context);
    const value = input.amount(amount);
    const code = input.currency(currency);
    const text = note == null || note.trim() === '' ? null : input.text(note, 'note', { max: 500 });
    if (returned) {
      const { depositBalance } = await context.repo.balances(agency.id);
      if (value > depositBalance) throw badInput(`amount: only ${depositBalance} of deposit can be returned`, 'amount');
    }
    return context.repo.appendLedger({
      agencyId: agency.id,
      kind: returned ? 'DEPOSIT_RETURN' : 'DEPOSIT',
      amount: returned ? -value : value,
      currency: code,
      description: text ?? (returned ? 'Deposit returned' : 'Security deposit'),
      createdBy: userId(viewer),
    });
  },

  async issueAgencyPenalty(_parent, { agencyId, amount, currency, reason }, context) {
    const viewer = requireAdmin(context.viewer);
    const agency = await agencyOrNotFound(agencyId, context);
    return context.repo.issuePenalty({
      agencyId: agency.id,
      amount: input.amount(amount),
      currency: input.currency(currency),
      reason: input.text(reason, 'reason', { min: 3, max: 500 }),
      issuedBy: userId(viewer),
    });
  },

  async createBusinessType(_parent, { code, label }, context) {
    requireAdmin(context.viewer);
    return context.repo.createBusinessType(input.businessTypeCode(code), input.text(label, 'label', { max: 60 }));
  },
};
