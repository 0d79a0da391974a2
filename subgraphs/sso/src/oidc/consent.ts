import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { roleScopes } from '../domain/scopes';
import type { Role } from '../domain/user';
import { formExpired, type Hosted, type InteractionDetails, type InteractionStep } from './hosted';
import { readForm } from './http';
import { registeredApiScopes } from './oauth-clients';
import { consentPage, sendPage, type ConsentItem } from './pages';

/** What the consent prompt says is missing from the grant (oidc-provider's `prompt.details`). */
interface ConsentDetails {
  missingOIDCScope?: string[];
  missingOIDCClaims?: string[];
  missingResourceScopes?: Record<string, string[]>;
}

/** OIDC scopes, in words. `openid` alone says who you are. */
const OIDC_SCOPE_TEXT: Record<string, string> = {
  openid: 'Know who you are on Marketplace',
  email: 'See your email address',
  roles: 'See your roles on Marketplace (customer, agency staff, admin)',
  offline_access: 'Keep access while you are not using it',
};

/** API scopes, in words. */
const API_SCOPE_TEXT: Record<string, string> = {
  'orders:read': 'See your orders',
  'orders:write': 'Place and change orders for you',
  chat: 'Read and send chat messages for you',
  files: 'See and upload your files',
  notifications: 'See your notifications',
  'profile:write': 'Change your profile',
  'agency:manage': 'Manage your agency',
  'agency:finance': "See and manage your agency's finances",
  'admin:users': 'Administer users',
  'admin:agencies': 'Administer agencies',
  'admin:orders': 'Administer orders and refunds',
  'admin:clients': 'Administer OAuth clients',
  'admin:audit': 'Read the audit trail',
};

/** What a third-party client gets if the user allows it, and what it asked for but will not get. */
export interface ConsentPlan {
  oidcScopes: string[];
  oidcClaims: string[];
  /** Per resource: scopes granted (asked ∩ the client's registered API scopes ∩ the user's role scopes). */
  granted: Record<string, string[]>;
  refused: Record<string, string[]>;
}

/**
 * The grant a third-party client may receive. oidc-provider has already cut the API scopes asked for down to the
 * client's registered API scopes (getResourceServerInfo); this cuts them again, and to the user's roles, so management
 * scopes reach a third party only for a user who holds the role.
 */
export function planConsent(details: InteractionDetails, roles: readonly Role[], registeredApiScopes: readonly string[]): ConsentPlan {
  const prompt = details.prompt.details as ConsentDetails;
  const registered = new Set(registeredApiScopes);
  const byRole = new Set<string>(roleScopes(roles));
  const granted: Record<string, string[]> = {};
  const refused: Record<string, string[]> = {};
  for (const [resource, scopes] of Object.entries(prompt.missingResourceScopes ?? {})) {
    granted[resource] = scopes.filter((scope) => registered.has(scope) && byRole.has(scope));
    refused[resource] = scopes.filter((scope) => !granted[resource]?.includes(scope));
  }
  return { oidcScopes: prompt.missingOIDCScope ?? [], oidcClaims: prompt.missingOIDCClaims ?? [], granted, refused };
}

/** The consent page's list, in words (unknown scopes are named as they are rather than hidden). */
export function describeConsent(plan: ConsentPlan): ConsentItem[] {
  const items = plan.oidcScopes.map((scope) => ({ text: OIDC_SCOPE_TEXT[scope] ?? `Use the “${scope}” permission` }));
  if (plan.oidcClaims.length) items.push({ text: `See these details of your account: ${plan.oidcClaims.join(', ')}` });
  for (const scopes of Object.values(plan.granted)) {
    for (const scope of scopes) items.push({ text: API_SCOPE_TEXT[scope] ?? `Use the “${scope}” permission` });
  }
  return items.length ? items : [{ text: 'Know that you use it (nothing else)' }];
}

/** Writes the plan into the interaction's grant (new or existing); returns its id. */
export async function saveConsent(
  provider: Provider,
  details: InteractionDetails,
  accountId: string,
  clientId: string,
  plan: ConsentPlan,
): Promise<string> {
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
  if (plan.oidcScopes.length) grant.addOIDCScope(plan.oidcScopes.join(' '));
  if (plan.oidcClaims.length) grant.addOIDCClaims(plan.oidcClaims);
  for (const [resource, scopes] of Object.entries(plan.granted)) if (scopes.length) grant.addResourceScope(resource, scopes.join(' '));
  for (const [resource, scopes] of Object.entries(plan.refused)) if (scopes.length) grant.rejectResourceScope(resource, scopes.join(' '));
  return grant.save();
}

/**
 * The consent step for a client that is not one of the platform's apps: GET shows what it asks, in words; the
 * POST of Allow saves the grant, Deny sends `access_denied` back to the client.
 */
export function createConsent(hosted: Hosted, rolesOf: (userId: string) => Promise<Role[]>, expired: (res: ServerResponse) => void) {
  const { provider, store, csrf } = hosted;
  return async (req: IncomingMessage, res: ServerResponse, step: InteractionStep, decision: 'show' | 'post') => {
    const { details } = step;
    const accountId = details.session?.accountId;
    const clientId = details.params.client_id;
    const client = typeof clientId === 'string' ? await provider.Client.find(clientId) : undefined;
    const [user] = accountId ? await store.byIds([accountId]) : [];
    if (!client || !user) return expired(res);
    const plan = planConsent(details, await rolesOf(user.id), await registeredApiScopes(store.oidc, client.clientId));
    if (decision === 'show') {
      const page = consentPage({
        action: `/interaction/${step.uid}/consent`,
        csrf: csrf.issue(req, res, step.uid),
        clientName: step.clientName,
        email: user.email,
        items: describeConsent(plan),
      });
      return sendPage(res, 200, page, step.targets);
    }
    const form = await readForm(req);
    if (!form || !csrf.valid(req, step.uid, form.get('csrf'))) return formExpired(res, step.targets);
    const event = {
      actorId: user.id,
      targetId: user.id,
      ...hosted.meta(req),
      details: { clientId: client.clientId, scopes: [...plan.oidcScopes, ...Object.values(plan.granted).flat()] },
    };
    if (form.get('decision') !== 'allow') {
      await hosted.audit({ type: 'consent.denied', ...event });
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The user denied the request.' },
        { mergeWithLastSubmission: false },
      );
    }
    const grantId = await saveConsent(provider, details, user.id, client.clientId, plan);
    await hosted.audit({ type: 'consent.granted', ...event });
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  };
}
