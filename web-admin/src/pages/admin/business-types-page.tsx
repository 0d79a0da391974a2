import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Group, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, FormError, LoadingState, PageHeader, fieldErrors } from '@market/ui';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';

const AdminBusinessTypesDocument = graphql(`
  query AdminBusinessTypes {
    businessTypes {
      code
      label
    }
  }
`);

const CreateBusinessTypeDocument = graphql(`
  mutation CreateBusinessType($code: ID!, $label: String!) {
    createBusinessType(code: $code, label: $label) {
      code
      label
    }
  }
`);

/** Admins: the kinds of service agencies offer; new ones become available in profiles and the directory. */
export function BusinessTypesPage() {
  useDocumentTitle('Business types · Back office');
  const { data, error, loading, refetch } = useQuery(AdminBusinessTypesDocument);
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [create, creating] = useMutation(CreateBusinessTypeDocument, { refetchQueries: ['AdminBusinessTypes'], awaitRefetchQueries: true });
  const errors = fieldErrors(creating.error, ['code', 'label']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    creating.reset();
    create({ variables: { code: code.trim().toUpperCase(), label: label.trim() } })
      .then(() => {
        setCode('');
        setLabel('');
      })
      .catch(() => undefined);
  };
  return (
    <Stack gap="lg">
      <PageHeader title="Business types" description="The kinds of service agencies offer." />
      {error && !data ? <ErrorState error={error} onRetry={() => refetch()} /> : null}
      {loading && !data ? <LoadingState /> : null}
      {data ? (
        <Paper withBorder radius="md">
          <Table aria-label="Business types">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Code</Table.Th>
                <Table.Th>Label</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.businessTypes.map((type) => (
                <Table.Tr key={type.code}>
                  <Table.Td ff="monospace">{type.code}</Table.Td>
                  <Table.Td>{type.label}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
      <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label="New business type">
        <Stack gap="sm">
          <Title order={3} size="h5">
            New business type
          </Title>
          <Group align="flex-start">
            <TextInput
              label="Code"
              description="Upper case, e.g. GARDENING"
              required
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              error={errors.fields.code}
            />
            <TextInput
              label="Label"
              description="As customers read it"
              required
              value={label}
              onChange={(event) => setLabel(event.currentTarget.value)}
              error={errors.fields.label}
            />
          </Group>
          <FormError title="Could not add the business type" messages={errors.messages} />
          <Group>
            <Button type="submit" loading={creating.loading}>
              Add business type
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
