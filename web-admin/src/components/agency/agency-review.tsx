import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { ErrorState, FormError, fieldErrors, formatDate, humanizeEnum } from '@market/ui';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import type { AgencyStatus, DocumentStatus } from '../../gql/graphql';
import { DocumentStatusBadge } from '../status-badges';

/** The fields the review needs; spread into the queue's and the agency page's queries. */
export const AgencyReviewFields = graphql(`
  fragment AgencyReviewFields on Agency {
    id
    name
    status
    statusReason
    documents {
      id
      kind
      status
      note
      createdAt
      file {
        id
      }
      uploadedBy {
        id
        email
      }
      reviewedBy {
        id
        email
      }
    }
  }
`);

const ReviewAgencyDocumentDocument = graphql(`
  mutation ReviewAgencyDocument($id: ID!, $status: DocumentStatus!, $note: String) {
    reviewAgencyDocument(id: $id, status: $status, note: $note) {
      id
      status
      note
      reviewedAt
      reviewedBy {
        id
        email
      }
    }
  }
`);

const SetAgencyStatusDocument = graphql(`
  mutation SetAgencyStatus($id: ID!, $status: AgencyStatus!, $reason: String) {
    setAgencyStatus(id: $id, status: $status, reason: $reason) {
      id
      status
      statusReason
      verifiedAt
    }
  }
`);

interface ReviewedAgency {
  id: string;
  name: string;
  status: AgencyStatus;
  documents?:
    | readonly {
        id: string;
        kind: string;
        status: DocumentStatus;
        note?: string | null;
        createdAt: string;
        file: { id: string };
        uploadedBy: { email: string };
      }[]
    | null;
}

/** Approve or reject each verification document (admins). */
export function DocumentReviewTable({ agency, refetchQueries }: { agency: ReviewedAgency; refetchQueries: string[] }) {
  const [review, { loading, error }] = useMutation(ReviewAgencyDocumentDocument, { refetchQueries, awaitRefetchQueries: true });
  const documents = agency.documents ?? [];
  if (documents.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No documents uploaded.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Table aria-label={`Documents of ${agency.name}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kind</Table.Th>
            <Table.Th>File</Table.Th>
            <Table.Th>Uploaded</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {documents.map((document) => (
            <Table.Tr key={document.id}>
              <Table.Td>{humanizeEnum(document.kind)}</Table.Td>
              <Table.Td ff="monospace">{document.file.id}</Table.Td>
              <Table.Td>
                {formatDate(document.createdAt)} by {document.uploadedBy.email}
              </Table.Td>
              <Table.Td>
                <DocumentStatusBadge status={document.status} />
              </Table.Td>
              <Table.Td>
                <Group gap={6} justify="flex-end" wrap="nowrap">
                  <Button
                    size="xs"
                    color="teal"
                    disabled={document.status === 'APPROVED'}
                    loading={loading}
                    aria-label={`Approve ${humanizeEnum(document.kind)}`}
                    onClick={() => void review({ variables: { id: document.id, status: 'APPROVED' } }).catch(() => undefined)}
                  >
                    Approve
                  </Button>
                  <Button
                    size="xs"
                    color="red"
                    variant="light"
                    disabled={document.status === 'REJECTED'}
                    loading={loading}
                    aria-label={`Reject ${humanizeEnum(document.kind)}`}
                    onClick={() => void review({ variables: { id: document.id, status: 'REJECTED' } }).catch(() => undefined)}
                  >
                    Reject
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {error ? <ErrorState error={error} title="Could not review the document" /> : null}
    </Stack>
  );
}

const STATUS_ACTIONS: readonly { status: AgencyStatus; label: string; color: string }[] = [
  { status: 'VERIFIED', label: 'Verify', color: 'teal' },
  { status: 'SUSPENDED', label: 'Suspend', color: 'red' },
  { status: 'PENDING_REVIEW', label: 'Back to review', color: 'gray' },
];

/** Verify, suspend or send back to review, each with a reason (admins). */
export function AgencyStatusActions({ agency, refetchQueries }: { agency: ReviewedAgency; refetchQueries: string[] }) {
  const [target, setTarget] = useState<(typeof STATUS_ACTIONS)[number] | null>(null);
  const [reason, setReason] = useState('');
  const [setStatus, { loading, error, reset }] = useMutation(SetAgencyStatusDocument, { refetchQueries, awaitRefetchQueries: true });
  const errors = fieldErrors(error, ['reason']);
  const close = () => {
    setTarget(null);
    setReason('');
    reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    setStatus({ variables: { id: agency.id, status: target.status, reason: reason.trim() === '' ? null : reason.trim() } })
      .then(close)
      .catch(() => undefined);
  };
  return (
    <>
      <Group gap="xs" role="group" aria-label={`Status of ${agency.name}`}>
        {STATUS_ACTIONS.filter((action) => action.status !== agency.status).map((action) => (
          <Button
            key={action.status}
            size="xs"
            color={action.color}
            variant={action.status === 'VERIFIED' ? 'filled' : 'light'}
            onClick={() => setTarget(action)}
          >
            {action.label}
          </Button>
        ))}
      </Group>
      <Modal opened={target !== null} onClose={close} title={target ? `${target.label} ${agency.name}?` : ''} centered>
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm">
              {target?.status === 'VERIFIED'
                ? 'The agency appears in the directory and can take orders.'
                : target?.status === 'SUSPENDED'
                  ? 'The agency disappears from the directory and cannot take new orders.'
                  : 'The agency waits for review again.'}
            </Text>
            <Textarea
              label="Reason"
              description="Shown to the agency's members."
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={errors.fields.reason}
              autosize
              minRows={2}
            />
            <FormError title="Could not change the status" messages={errors.messages} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" color={target?.color} loading={loading}>
                {target?.label}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
