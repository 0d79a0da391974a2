import { Anchor, Badge, Group, List, Text } from '@mantine/core';
import { formatBytes, formatDate, humanizeEnum } from '@market/ui';
import type { DocumentStatus } from '../gql/graphql';

export interface AgencyDocument {
  id: string;
  kind: string;
  status: DocumentStatus;
  createdAt: string;
  file: { name: string; size: number; url: string };
}

const STATUS_COLORS = { PENDING: 'yellow', APPROVED: 'teal', REJECTED: 'red' } as const satisfies Record<DocumentStatus, string>;

/** Verification documents (members and admins see them): what each proves, the file, its review status. */
export function DocumentList({ documents }: { documents: readonly AgencyDocument[] }) {
  if (documents.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No documents uploaded.
      </Text>
    );
  }
  return (
    <List spacing="xs" listStyleType="none" p={0} aria-label="Documents">
      {documents.map((doc) => (
        <List.Item key={doc.id}>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" fw={600}>
              {humanizeEnum(doc.kind)}
            </Text>
            <Anchor href={doc.file.url} target="_blank" rel="noopener noreferrer" size="sm">
              {doc.file.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {formatBytes(doc.file.size)} · added {formatDate(doc.createdAt)}
            </Text>
            <Badge size="xs" variant="light" color={STATUS_COLORS[doc.status]}>
              {humanizeEnum(doc.status)}
            </Badge>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
