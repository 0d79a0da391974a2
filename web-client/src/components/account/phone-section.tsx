import { useMutation } from '@apollo/client/react';
import { Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { FormError, formatDateTime } from '@market/ui';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import { formFieldErrors } from '../../lib/field-errors';

const StartPhoneVerificationDocument = graphql(`
  mutation StartPhoneVerification($phone: String!) {
    startPhoneVerification(phone: $phone) {
      phone
      expiresAt
      attemptsLeft
    }
  }
`);

const ConfirmPhoneVerificationDocument = graphql(`
  mutation ConfirmPhoneVerification($code: String!) {
    confirmPhoneVerification(code: $code) {
      phone
      phoneVerified
    }
  }
`);

const RemovePhoneDocument = graphql(`
  mutation RemovePhone {
    removePhone {
      phone
      phoneVerified
    }
  }
`);

/** Phone number in E.164: enter it, receive a code (logged by the server in embedded mode), confirm it. */
export function PhoneSection({ phone, verified }: { phone: string | null | undefined; verified: boolean }) {
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<{ phone: string; expiresAt: string; attemptsLeft: number } | null>(null);
  const refetch = { refetchQueries: ['AccountProfile'], awaitRefetchQueries: true };
  const [start, starting] = useMutation(StartPhoneVerificationDocument, refetch);
  const [confirm, confirming] = useMutation(ConfirmPhoneVerificationDocument, refetch);
  const [remove, removing] = useMutation(RemovePhoneDocument, refetch);
  const startErrors = formFieldErrors(starting.error, ['phone']);
  const confirmErrors = formFieldErrors(confirming.error, ['code']);

  const send = (event: FormEvent) => {
    event.preventDefault();
    starting.reset();
    confirming.reset();
    start({ variables: { phone: number.replace(/[\s()-]/g, '') } })
      .then((result) => {
        if (result.data) {
          setSent(result.data.startPhoneVerification);
          setCode('');
        }
      })
      .catch(() => undefined);
  };
  const check = (event: FormEvent) => {
    event.preventDefault();
    confirming.reset();
    confirm({ variables: { code: code.trim() } })
      .then((result) => {
        if (result.data) {
          setSent(null);
          setNumber('');
        }
      })
      .catch(() => undefined);
  };

  return (
    <Card component="section" aria-labelledby="phone-heading">
      <Stack gap="md">
        <Title order={3} size="h4" id="phone-heading">
          Phone number
        </Title>
        {phone ? (
          <Group gap="sm">
            <Text fw={600}>{phone}</Text>
            <Badge color={verified ? 'teal' : 'yellow'} variant="light">
              {verified ? 'Verified' : 'Not verified'}
            </Badge>
            <Button size="xs" variant="subtle" color="red" loading={removing.loading} onClick={() => void remove().catch(() => undefined)}>
              Remove
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            No phone number yet. Agencies you order from can call you when you allow it under Privacy.
          </Text>
        )}
        {sent ? (
          <form onSubmit={check} noValidate>
            <Stack gap="sm" maw={420}>
              <Text size="sm" role="status">
                We sent a code to {sent.phone}. It is valid until {formatDateTime(sent.expiresAt)} ({sent.attemptsLeft} attempts).
              </Text>
              <TextInput
                label="Verification code"
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                error={confirmErrors.fields.code}
              />
              <FormError title="Could not confirm the number" messages={confirmErrors.messages} />
              <Group>
                <Button type="submit" loading={confirming.loading}>
                  Confirm number
                </Button>
                <Button variant="default" onClick={() => setSent(null)}>
                  Use another number
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <form onSubmit={send} noValidate>
            <Stack gap="sm" maw={420}>
              <TextInput
                label={phone ? 'New phone number' : 'Phone number'}
                description="With the country code, e.g. +49 30 1234567"
                type="tel"
                autoComplete="tel"
                value={number}
                onChange={(e) => setNumber(e.currentTarget.value)}
                error={startErrors.fields.phone}
              />
              <FormError title="Could not send a code" messages={startErrors.messages} />
              <Group>
                <Button type="submit" variant="light" loading={starting.loading}>
                  Send code
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
