import { useMutation } from '@apollo/client/react';
import { Badge, Button, Card, Group, Image, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { ErrorState, FormError, fieldErrors } from '@market/ui';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import type { StartTotpEnrollmentMutation } from '../../gql/graphql';
import { PasswordField } from './password-field';
import { RecoveryCodes } from './recovery-codes';

const StartTotpEnrollmentDocument = graphql(`
  mutation StartTotpEnrollment {
    startTotpEnrollment {
      secret
      otpauthUri
      qrCodeSvg
    }
  }
`);

const ConfirmTotpEnrollmentDocument = graphql(`
  mutation ConfirmTotpEnrollment($code: String!) {
    confirmTotpEnrollment(code: $code) {
      codes
    }
  }
`);

const DisableTotpDocument = graphql(`
  mutation DisableTotp($password: String!, $code: String!) {
    disableTotp(password: $password, code: $code) {
      id
      mfaEnabled
    }
  }
`);

const RegenerateRecoveryCodesDocument = graphql(`
  mutation RegenerateRecoveryCodes($code: String!) {
    regenerateRecoveryCodes(code: $code) {
      codes
    }
  }
`);

/** Codes from an authenticator app are six digits; people type them with spaces ("123 456"). */
export function normalizeTotpCode(input: string): string | null {
  const code = input.replace(/\s+/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * The SVG travels as an image URL, never as markup in the page: an `<img>` cannot
 * run scripts, whatever the document contains.
 */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

type Enrollment = StartTotpEnrollmentMutation['startTotpEnrollment'];

function EnrollmentPanel({
  enrollment,
  onConfirmed,
  onCancel,
}: {
  enrollment: Enrollment;
  onConfirmed: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [confirm, { loading, error }] = useMutation(ConfirmTotpEnrollmentDocument, {
    refetchQueries: ['SecurityOverview', 'SecurityActivity'],
  });
  const { fields, messages } = fieldErrors(error, ['code']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeTotpCode(code);
    if (!normalized) {
      setInvalid('Enter the 6-digit code your app shows.');
      return;
    }
    setInvalid(null);
    void confirm({ variables: { code: normalized } })
      .then((result) => {
        if (result.data) onConfirmed(result.data.confirmTotpEnrollment.codes);
      })
      .catch(() => undefined);
  };

  return (
    <form onSubmit={submit} aria-label="Set up authenticator app" noValidate>
      <Stack gap="md">
        <Text size="sm">
          1. Scan this QR code with an authenticator app (such as Google Authenticator, 1Password or Aegis), or type the secret key into it.
        </Text>
        <Group align="flex-start" gap="lg">
          <Image src={svgDataUrl(enrollment.qrCodeSvg)} alt="QR code for your authenticator app" w={180} h={180} fit="contain" />
          <TextInput
            label="Secret key"
            value={enrollment.secret}
            readOnly
            ff="monospace"
            w={{ base: '100%', xs: 320 }}
            onFocus={(event) => event.currentTarget.select()}
          />
        </Group>
        <Text size="sm">2. Enter the code the app shows to finish.</Text>
        <TextInput
          label="Code from the app"
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={9}
          w={220}
          error={invalid ?? fields.code}
        />
        <FormError title="Could not turn on the authenticator app" messages={messages} />
        <Group gap="sm">
          <Button type="submit" loading={loading}>
            Confirm
          </Button>
          <Button variant="default" onClick={onCancel} disabled={loading}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DisableModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState<{ password?: string; code?: string }>({});
  const [disable, { loading, error, reset }] = useMutation(DisableTotpDocument, {
    refetchQueries: ['SecurityOverview', 'SecurityActivity'],
  });
  const { fields, messages } = fieldErrors(error, ['password', 'code']);

  const close = () => {
    setPassword('');
    setCode('');
    setMissing({});
    reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = {
      ...(password === '' ? { password: 'Enter your password.' } : {}),
      ...(code.trim() === '' ? { code: 'Enter a code from your app or a recovery code.' } : {}),
    };
    setMissing(next);
    if (Object.keys(next).length > 0) return;
    void disable({ variables: { password, code: code.replace(/\s+/g, '') } })
      .then((result) => {
        if (result.data) close();
      })
      .catch(() => undefined);
  };

  return (
    <Modal opened={opened} onClose={close} title="Turn off the authenticator app" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">Your account will be protected by your password alone. Confirm it is you:</Text>
          <PasswordField
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={missing.password ?? fields.password}
          />
          <TextInput
            label="Code from the app or a recovery code"
            autoComplete="one-time-code"
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={missing.code ?? fields.code}
          />
          <FormError title="Could not turn it off" messages={messages} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={loading}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={loading}>
              Turn off
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RegenerateModal({ opened, onClose, onCodes }: { opened: boolean; onClose: () => void; onCodes: (codes: string[]) => void }) {
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [regenerate, { loading, error, reset }] = useMutation(RegenerateRecoveryCodesDocument, { refetchQueries: ['SecurityActivity'] });
  const { fields, messages } = fieldErrors(error, ['code']);

  const close = () => {
    setCode('');
    setInvalid(null);
    reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeTotpCode(code);
    if (!normalized) {
      setInvalid('Enter the 6-digit code your app shows.');
      return;
    }
    setInvalid(null);
    void regenerate({ variables: { code: normalized } })
      .then((result) => {
        if (!result.data) return;
        onCodes(result.data.regenerateRecoveryCodes.codes);
        close();
      })
      .catch(() => undefined);
  };

  return (
    <Modal opened={opened} onClose={close} title="Create new recovery codes" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">Your current recovery codes stop working at once. Confirm with a code from your app:</Text>
          <TextInput
            label="Code from the app"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={invalid ?? fields.code}
          />
          <FormError title="Could not create new codes" messages={messages} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={loading}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              Create new codes
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export interface MfaSectionProps {
  email: string;
  mfaEnabled: boolean;
}

/** Two-step verification with an authenticator app (TOTP): set up, recovery codes, turn off. */
export function MfaSection({ email, mfaEnabled }: MfaSectionProps) {
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<'disable' | 'regenerate' | null>(null);
  const [start, { loading: starting, error: startError }] = useMutation(StartTotpEnrollmentDocument);

  const begin = () => {
    void start()
      .then((result) => {
        if (result.data) setEnrollment(result.data.startTotpEnrollment);
      })
      .catch(() => undefined);
  };

  return (
    <Card component="section" aria-labelledby="mfa-heading">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={3} size="h4" id="mfa-heading">
            Two-step verification
          </Title>
          <Badge
            color={mfaEnabled ? 'teal' : 'gray'}
            variant="light"
            aria-label={mfaEnabled ? 'Authenticator app on' : 'Authenticator app off'}
          >
            {mfaEnabled ? 'On' : 'Off'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {mfaEnabled
            ? 'Signing in asks for a code from your authenticator app after your password.'
            : 'Add a code from an authenticator app to your password, so a stolen password alone cannot sign in.'}
        </Text>
        {recoveryCodes ? <RecoveryCodes codes={recoveryCodes} email={email} onDone={() => setRecoveryCodes(null)} /> : null}
        {enrollment ? (
          <EnrollmentPanel
            enrollment={enrollment}
            onConfirmed={(codes) => {
              setEnrollment(null);
              setRecoveryCodes(codes);
            }}
            onCancel={() => setEnrollment(null)}
          />
        ) : null}
        {startError ? <ErrorState error={startError} title="Could not start the setup" /> : null}
        {!enrollment && !mfaEnabled ? (
          <Group>
            <Button onClick={begin} loading={starting}>
              Set up authenticator app
            </Button>
          </Group>
        ) : null}
        {mfaEnabled ? (
          <Group gap="sm">
            <Button variant="default" onClick={() => setDialog('regenerate')}>
              Create new recovery codes
            </Button>
            <Button variant="light" color="red" onClick={() => setDialog('disable')}>
              Turn off authenticator app
            </Button>
          </Group>
        ) : null}
      </Stack>
      <DisableModal opened={dialog === 'disable'} onClose={() => setDialog(null)} />
      <RegenerateModal opened={dialog === 'regenerate'} onClose={() => setDialog(null)} onCodes={setRecoveryCodes} />
    </Card>
  );
}
