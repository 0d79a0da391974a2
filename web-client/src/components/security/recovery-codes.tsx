import { Alert, Button, Card, CopyButton, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';

/** The codes as a text file: one per line, with a line saying what they are. */
export function recoveryCodesText(codes: readonly string[], email: string): string {
  return [
    `Marketplace recovery codes for ${email}`,
    'Each code works once, in place of a code from your authenticator app.',
    '',
    ...codes,
    '',
  ].join('\n');
}

function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // The click has started the download synchronously; the object URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export interface RecoveryCodesProps {
  codes: readonly string[];
  email: string;
  onDone: () => void;
}

/** Fresh recovery codes, shown once: copy or download them, then dismiss. */
export function RecoveryCodes({ codes, email, onDone }: RecoveryCodesProps) {
  const text = recoveryCodesText(codes, email);
  return (
    <Card component="section" aria-labelledby="recovery-codes-heading" bg="yellow.0">
      <Stack gap="md">
        <Title order={4} id="recovery-codes-heading">
          Your recovery codes
        </Title>
        {/* A warning, not an error: role "note" keeps it out of the page's error alerts. */}
        <Alert color="yellow" variant="light" role="note" title="Save these codes now">
          They are shown only this once. Each code signs you in once if you lose your authenticator app. Keep them somewhere safe, like a
          password manager.
        </Alert>
        <SimpleGrid
          component="ol"
          aria-label="Recovery codes"
          cols={{ base: 1, xs: 2 }}
          spacing="xs"
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
        >
          {codes.map((code) => (
            <Text component="li" key={code} ff="monospace" fw={600}>
              {code}
            </Text>
          ))}
        </SimpleGrid>
        <Group gap="sm">
          <CopyButton value={text}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? 'Copied' : 'Copy codes'}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={() => download('marketplace-recovery-codes.txt', text)}>
            Download as text
          </Button>
          <Button onClick={onDone}>I have saved them</Button>
        </Group>
      </Stack>
    </Card>
  );
}
