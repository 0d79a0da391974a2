import { Button, Code, Collapse, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId } from 'react';

/** An event's `details` JSON indented for reading; text that is not JSON is shown as it is. */
export function prettyDetails(details: string): string {
  try {
    return JSON.stringify(JSON.parse(details), null, 2);
  } catch {
    return details;
  }
}

/** `{}` and empty details have nothing to expand. */
function isEmpty(details: string): boolean {
  const trimmed = details.trim();
  return trimmed === '' || trimmed === '{}' || trimmed === 'null';
}

/** A "Details" toggle that expands the event's details, pretty-printed. */
export function AuditDetails({ details, label }: { details: string; label: string }) {
  const [opened, { toggle }] = useDisclosure(false);
  const id = useId();
  if (isEmpty(details)) return null;
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size="compact-xs"
        variant="subtle"
        onClick={toggle}
        aria-expanded={opened}
        aria-controls={id}
        aria-label={`Details of ${label}`}
      >
        {opened ? 'Hide details' : 'Details'}
      </Button>
      <Collapse expanded={opened} id={id}>
        <Code block maw={360} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {prettyDetails(details)}
        </Code>
      </Collapse>
    </Stack>
  );
}
