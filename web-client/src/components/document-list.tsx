import { Anchor, Group, List, Text } from '@mantine/core';
import { formatBytes, formatDate } from '@market/ui';

export interface AgencyDocument {
  id: string;
  name: string;
  size: number;
  url: string;
  createdAt: string;
}

export function DocumentList({ documents }: { documents: readonly AgencyDocument[] }) {
  if (documents.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No documents published.
      </Text>
    );
  }
  return (
    <List spacing="xs" listStyleType="none" p={0} aria-label="Documents">
      {documents.map((doc) => (
        <List.Item key={doc.id}>
          <Group gap="xs" wrap="nowrap">
            <Anchor href={doc.url} target="_blank" rel="noopener noreferrer" fw={500}>
              {doc.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {formatBytes(doc.size)} · added {formatDate(doc.createdAt)}
            </Text>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
