import { useMutation } from '@apollo/client/react';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { PasswordField } from './password-field';
import { FormError, fieldErrors } from '@market/ui';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';

const ChangePasswordDocument = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      id
    }
  }
`);

/** The server's rule (SSO refuses shorter ones too); checked here first to save a round trip. */
export const MIN_PASSWORD_LENGTH = 12;

export interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** What is wrong with the form before it is sent, by input. */
export function checkPasswordForm(form: PasswordForm): Partial<Record<keyof PasswordForm, string>> {
  const problems: Partial<Record<keyof PasswordForm, string>> = {};
  if (form.currentPassword === '') problems.currentPassword = 'Enter your current password.';
  if (form.newPassword.length < MIN_PASSWORD_LENGTH) problems.newPassword = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  else if (form.newPassword === form.currentPassword) problems.newPassword = 'Choose a password different from the current one.';
  if (form.confirmPassword !== form.newPassword) problems.confirmPassword = 'The two new passwords do not match.';
  return problems;
}

const EMPTY: PasswordForm = { currentPassword: '', newPassword: '', confirmPassword: '' };

/** Change the password; SSO then signs out every other session. */
export function PasswordSection() {
  const [form, setForm] = useState<PasswordForm>(EMPTY);
  const [problems, setProblems] = useState<Partial<Record<keyof PasswordForm, string>>>({});
  const [done, setDone] = useState(false);
  const [change, { loading, error, reset }] = useMutation(ChangePasswordDocument, {
    refetchQueries: ['SecuritySessions', 'SecurityActivity'],
  });
  const server = fieldErrors(error, ['currentPassword', 'newPassword']);

  const edit = (key: keyof PasswordForm) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setForm((previous) => ({ ...previous, [key]: value }));
    // The complaint about this input is about the old value: drop it until the next submit.
    setProblems(({ [key]: _dropped, ...rest }) => rest);
    setDone(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkPasswordForm(form);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    reset();
    void change({ variables: { currentPassword: form.currentPassword, newPassword: form.newPassword } })
      .then((result) => {
        if (!result.data) return;
        setForm(EMPTY);
        setDone(true);
      })
      .catch(() => undefined);
  };

  return (
    <Card component="section" aria-labelledby="password-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={420}>
          <Title order={3} size="h4" id="password-heading">
            Password
          </Title>
          <PasswordField
            label="Current password"
            autoComplete="current-password"
            value={form.currentPassword}
            onChange={edit('currentPassword')}
            error={problems.currentPassword ?? server.fields.currentPassword}
          />
          <PasswordField
            label="New password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            autoComplete="new-password"
            value={form.newPassword}
            onChange={edit('newPassword')}
            error={problems.newPassword ?? server.fields.newPassword}
          />
          <PasswordField
            label="Confirm new password"
            autoComplete="new-password"
            value={form.confirmPassword}
            onChange={edit('confirmPassword')}
            error={problems.confirmPassword}
          />
          <FormError title="Could not change the password" messages={server.messages} />
          {done ? (
            <Text size="sm" c="teal.8" role="status">
              Password changed. Your other sessions were signed out.
            </Text>
          ) : null}
          <Group>
            <Button type="submit" loading={loading}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
