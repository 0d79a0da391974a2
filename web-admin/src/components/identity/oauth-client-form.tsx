import type { ErrorLike } from '@apollo/client';
import { Button, Checkbox, Group, Modal, MultiSelect, Radio, Stack, TextInput, Textarea } from '@mantine/core';
import { FormError, fieldErrors, humanizeEnum } from '@market/ui';
import { useState, type FormEvent } from 'react';
import { OAuthClientType, OAuthGrantType } from '../../gql/graphql';

/**
 * The API scopes a client may be registered for: SSO's list (subgraphs/sso/src/domain/scopes.ts,
 * ALL_API_SCOPES). SSO refuses any other; a token never carries more than the signed-in user's roles allow.
 */
export const API_SCOPES = [
  'orders:read',
  'orders:write',
  'chat',
  'files',
  'notifications',
  'profile:write',
  'agency:manage',
  'agency:finance',
  'admin:users',
  'admin:agencies',
  'admin:orders',
  'admin:clients',
  'admin:audit',
] as const;

export interface ClientForm {
  name: string;
  type: OAuthClientType;
  grantTypes: OAuthGrantType[];
  /** One URL per line, as typed. */
  redirectUris: string;
  postLogoutRedirectUris: string;
  scopes: string[];
}

export type ClientFormField = keyof ClientForm;

export const EMPTY_CLIENT_FORM: ClientForm = {
  name: '',
  type: OAuthClientType.Confidential,
  grantTypes: [OAuthGrantType.ClientCredentials],
  redirectUris: '',
  postLogoutRedirectUris: '',
  scopes: [],
};

/** The non-empty lines of a textarea, trimmed. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** SSO's rule for redirect URIs: absolute https URLs, or http on this machine (development). */
export function redirectUriProblem(uri: string): string | null {
  if (!URL.canParse(uri)) return `“${uri}” is not an absolute URL.`;
  const url = new URL(uri);
  if (url.hash) return `“${uri}” must not have a #fragment.`;
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return null;
  return `“${uri}” must use https (http only for localhost).`;
}

/** What is wrong with the form before it is sent, by input (`editing`: type and grant types are fixed). */
export function checkClientForm(form: ClientForm, editing: boolean): Partial<Record<ClientFormField, string>> {
  const problems: Partial<Record<ClientFormField, string>> = {};
  if (form.name.trim() === '') problems.name = 'Give the client a name people will recognise.';
  else if (form.name.trim().length > 100) problems.name = 'Use at most 100 characters.';
  if (!editing) {
    if (form.grantTypes.length === 0) problems.grantTypes = 'Choose at least one grant type.';
    else if (form.type === OAuthClientType.Public && form.grantTypes.includes(OAuthGrantType.ClientCredentials)) {
      problems.grantTypes = 'Public clients cannot keep a secret, so they cannot use client credentials.';
    } else if (form.grantTypes.includes(OAuthGrantType.RefreshToken) && !form.grantTypes.includes(OAuthGrantType.AuthorizationCode)) {
      problems.grantTypes = 'Refresh tokens come with the authorization code grant: tick it too.';
    }
  }
  const redirects = lines(form.redirectUris);
  const firstBad = redirects.map(redirectUriProblem).find((problem) => problem !== null);
  if (firstBad) problems.redirectUris = firstBad;
  else if (form.grantTypes.includes(OAuthGrantType.AuthorizationCode) && redirects.length === 0) {
    problems.redirectUris = 'The authorization code grant needs at least one redirect URI.';
  } else if (!form.grantTypes.includes(OAuthGrantType.AuthorizationCode) && redirects.length > 0) {
    problems.redirectUris = 'Redirect URIs are only for clients with the authorization code grant.';
  }
  const logoutBad = lines(form.postLogoutRedirectUris)
    .map(redirectUriProblem)
    .find((problem) => problem !== null);
  if (logoutBad) problems.postLogoutRedirectUris = logoutBad;
  return problems;
}

export interface OAuthClientFormModalProps {
  opened: boolean;
  /** Dialog title, e.g. "New OAuth client" or "Edit Partner portal". */
  title: string;
  /** The form's starting values (a client's current settings when editing). */
  initial: ClientForm;
  editing: boolean;
  submitLabel: string;
  loading: boolean;
  error: ErrorLike | undefined;
  onSubmit: (form: ClientForm) => void;
  onClose: () => void;
}

const SERVER_FIELDS: readonly ClientFormField[] = ['name', 'type', 'grantTypes', 'redirectUris', 'postLogoutRedirectUris', 'scopes'];

/** Create or edit a client. Mount it with a `key` per client so it starts from that client's values. */
export function OAuthClientFormModal({
  opened,
  title,
  initial,
  editing,
  submitLabel,
  loading,
  error,
  onSubmit,
  onClose,
}: OAuthClientFormModalProps) {
  const [form, setForm] = useState<ClientForm>(initial);
  const [problems, setProblems] = useState<Partial<Record<ClientFormField, string>>>({});
  // SSO names input fields either bare (`redirectUris`) or under the argument (`input.redirectUris`).
  const server = fieldErrors(error, [...SERVER_FIELDS, ...SERVER_FIELDS.map((field) => `input.${field}`)]);
  const serverProblem = (field: ClientFormField) => server.fields[field] ?? server.fields[`input.${field}`];
  const problem = (field: ClientFormField) => problems[field] ?? serverProblem(field);
  const set = <K extends ClientFormField>(key: K, value: ClientForm[K]) => setForm((previous) => ({ ...previous, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkClientForm(form, editing);
    setProblems(found);
    if (Object.keys(found).length === 0) onSubmit(form);
  };

  const isPublic = form.type === OAuthClientType.Public;
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Name"
            required
            value={form.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            error={problem('name')}
            data-autofocus
          />
          {editing ? null : (
            <>
              <Radio.Group
                label="Type"
                value={form.type}
                onChange={(value) => {
                  const type = value === OAuthClientType.Public ? OAuthClientType.Public : OAuthClientType.Confidential;
                  setForm((previous) => ({
                    ...previous,
                    type,
                    // A public client cannot hold the client-credentials grant: untick it rather than leave a form that cannot be sent.
                    grantTypes:
                      type === OAuthClientType.Public
                        ? previous.grantTypes.filter((g) => g !== OAuthGrantType.ClientCredentials)
                        : previous.grantTypes,
                  }));
                }}
                error={problem('type')}
              >
                <Group gap="lg" mt={4}>
                  <Radio value={OAuthClientType.Confidential} label="Confidential (a server that keeps a secret)" />
                  <Radio value={OAuthClientType.Public} label="Public (browser or device app, PKCE)" />
                </Group>
              </Radio.Group>
              <Checkbox.Group
                label="Grant types"
                value={form.grantTypes}
                onChange={(values) =>
                  set(
                    'grantTypes',
                    Object.values(OAuthGrantType).filter((grant) => values.includes(grant)),
                  )
                }
                error={problem('grantTypes')}
              >
                <Group gap="lg" mt={4}>
                  {Object.values(OAuthGrantType).map((grant) => (
                    <Checkbox
                      key={grant}
                      value={grant}
                      label={humanizeEnum(grant)}
                      disabled={isPublic && grant === OAuthGrantType.ClientCredentials}
                    />
                  ))}
                </Group>
              </Checkbox.Group>
            </>
          )}
          <Textarea
            label="Redirect URIs"
            description="One per line; exact https URLs (http only for localhost)."
            autosize
            minRows={2}
            value={form.redirectUris}
            onChange={(event) => set('redirectUris', event.currentTarget.value)}
            error={problem('redirectUris')}
          />
          <Textarea
            label="Post-logout redirect URIs"
            description="One per line; optional."
            autosize
            minRows={1}
            value={form.postLogoutRedirectUris}
            onChange={(event) => set('postLogoutRedirectUris', event.currentTarget.value)}
            error={problem('postLogoutRedirectUris')}
          />
          <MultiSelect
            label="Scopes"
            description="API scopes the client may ask for."
            placeholder={form.scopes.length === 0 ? 'No API scopes' : undefined}
            // A client registered before a scope was retired keeps showing it, so it can be removed.
            data={[...new Set([...API_SCOPES, ...form.scopes])]}
            value={form.scopes}
            onChange={(values) => set('scopes', values)}
            error={problem('scopes')}
            searchable
            clearable
          />
          <FormError title="Could not save the client" messages={server.messages} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={loading}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
