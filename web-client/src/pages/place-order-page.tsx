import { useMutation, useQuery } from '@apollo/client/react';
import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, FormError, LoadingState, PageHeader, formatMoney, useOptionalAuth } from '@market/ui';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { graphql } from '../gql';
import type { LineItemInput, PlaceOrderInput } from '../gql/graphql';
import { errorUnder, formFieldErrors } from '../lib/field-errors';
import { CURRENCIES, minorDigits, toMinorUnits } from '../lib/money';
import { NotFoundPage } from './not-found-page';

const PlaceOrderAgencyDocument = graphql(`
  query PlaceOrderAgency($slug: String!) {
    agency(slug: $slug) {
      id
      slug
      name
      status
    }
  }
`);

const PlaceOrderDocument = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
      number
      status
    }
  }
`);

interface LineRow {
  key: number;
  description: string;
  quantity: number | string;
  unitPrice: number | string;
}

const FIELDS = ['title', 'description', 'currency', 'dueDate', 'lineItems'] as const;

/** What is wrong before sending, by input (the server checks again and says the same at the same place). */
function checkForm(title: string, description: string, rows: readonly LineRow[], currency: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (title.trim() === '') problems.title = 'Give the order a title.';
  if (description.trim() === '') problems.description = 'Describe what you need.';
  rows.forEach((row, index) => {
    if (row.description.trim() === '') problems[`lineItems.${index}.description`] = 'Describe this item.';
    if (typeof row.quantity !== 'number' || !Number.isInteger(row.quantity) || row.quantity < 1)
      problems[`lineItems.${index}.quantity`] = 'At least 1.';
    if (toMinorUnits(row.unitPrice, currency) === null) problems[`lineItems.${index}.unitAmount`] = 'A price of 0 or more.';
  });
  return problems;
}

/** The end of the chosen day in the browser's time zone, as the API's DateTime. */
function dueDateTime(day: string): string | null {
  if (!day) return null;
  const date = new Date(`${day}T23:59:59`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function PlaceOrderPage() {
  const { slug = '' } = useParams();
  const auth = useOptionalAuth();
  const navigate = useNavigate();
  const signedIn = auth?.user != null;
  const { data, error, refetch } = useQuery(PlaceOrderAgencyDocument, { variables: { slug } });
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [currency, setCurrency] = useState<string>('EUR');
  const [dueDate, setDueDate] = useState('');
  const [rows, setRows] = useState<LineRow[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [place, placing] = useMutation(PlaceOrderDocument, {
    // The lists of orders are stale now; they load again when shown.
    update: (cache) => {
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'orders' });
      cache.gc();
    },
  });
  useDocumentTitle(data?.agency ? `Order from ${data.agency.name} · Marketplace` : 'Place an order · Marketplace');

  if (auth?.state.status === 'loading') return <LoadingState label="Signing in…" />;
  if (!signedIn) {
    return (
      <Stack gap="md" align="flex-start">
        <PageHeader title="Place an order" />
        <Text>Sign in to place an order.</Text>
        <Button onClick={() => void auth?.auth.signIn().catch(() => undefined)}>Sign in</Button>
      </Stack>
    );
  }
  if (error && !data) return <ErrorState error={error} onRetry={() => refetch()} />;
  if (!data) return <LoadingState label="Loading agency…" />;
  const agency = data.agency;
  if (!agency) return <NotFoundPage title="Agency not found" message={`There is no agency at “${slug}”.`} />;

  const server = formFieldErrors(placing.error, FIELDS);
  const fieldError = (field: string) => problems[field] ?? errorUnder(server.fields, field);
  const digits = minorDigits(currency);
  const total = rows.reduce((sum, row) => {
    const unit = toMinorUnits(row.unitPrice, currency) ?? 0;
    const quantity = typeof row.quantity === 'number' ? row.quantity : 0;
    return sum + unit * quantity;
  }, 0);

  const editRow = (key: number, patch: Partial<LineRow>) => {
    setRows((previous) => previous.map((row) => (row.key === key ? { ...row, ...patch } : row)));
    setProblems({});
  };
  const addRow = () => {
    setRows((previous) => [...previous, { key: nextKey, description: '', quantity: 1, unitPrice: '' }]);
    setNextKey((key) => key + 1);
  };
  const removeRow = (key: number) => {
    setRows((previous) => previous.filter((row) => row.key !== key));
    setProblems({});
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkForm(title, description, rows, currency);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    placing.reset();
    const lineItems: LineItemInput[] = rows.map((row) => ({
      description: row.description.trim(),
      quantity: row.quantity as number,
      unitAmount: toMinorUnits(row.unitPrice, currency) ?? 0,
    }));
    const due = dueDateTime(dueDate);
    const input: PlaceOrderInput = {
      agencyId: agency.id,
      title: title.trim(),
      description: description.trim(),
      currency,
      ...(lineItems.length > 0 ? { lineItems } : {}),
      ...(due ? { dueDate: due } : {}),
    };
    place({ variables: { input } })
      .then((result) => {
        if (result.data) void navigate(`/orders/${result.data.placeOrder.id}`);
      })
      .catch(() => undefined);
  };

  return (
    <Stack gap={0}>
      <Anchor component={Link} to={`/agencies/${agency.slug}`} size="sm" mb="sm">
        ← {agency.name}
      </Anchor>
      <PageHeader
        title="Place an order"
        description={`With ${agency.name}. The agency accepts or declines it; you can follow it under My orders.`}
      />
      <Card component="form" onSubmit={submit} noValidate maw={820}>
        <Stack gap="md">
          <TextInput
            label="Title"
            required
            value={title}
            maxLength={200}
            onChange={(e) => {
              setTitle(e.currentTarget.value);
              setProblems({});
            }}
            error={fieldError('title')}
          />
          <Textarea
            label="Description"
            required
            autosize
            minRows={4}
            value={description}
            onChange={(e) => {
              setDescription(e.currentTarget.value);
              setProblems({});
            }}
            error={fieldError('description')}
          />
          <Group grow align="flex-start">
            <Select
              label="Currency"
              data={[...CURRENCIES]}
              value={currency}
              allowDeselect={false}
              onChange={(value) => value && setCurrency(value)}
              error={fieldError('currency')}
            />
            <TextInput
              label="Due date"
              type="date"
              value={dueDate}
              onChange={(e) => setDueDate(e.currentTarget.value)}
              error={fieldError('dueDate')}
            />
          </Group>
          <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
            <Title order={3} size="h5" component="legend">
              Line items (optional)
            </Title>
            {rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                Without line items the agency sends you a quote.
              </Text>
            ) : (
              <Table aria-label="Line items" verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Item</Table.Th>
                    <Table.Th w={110}>Quantity</Table.Th>
                    <Table.Th w={160}>Unit price ({currency})</Table.Th>
                    <Table.Th w={140} ta="right">
                      Amount
                    </Table.Th>
                    <Table.Th w={40} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row, index) => {
                    const unit = toMinorUnits(row.unitPrice, currency) ?? 0;
                    const quantity = typeof row.quantity === 'number' ? row.quantity : 0;
                    return (
                      <Table.Tr key={row.key}>
                        <Table.Td>
                          <TextInput
                            aria-label={`Item ${index + 1} description`}
                            value={row.description}
                            onChange={(e) => editRow(row.key, { description: e.currentTarget.value })}
                            error={fieldError(`lineItems.${index}.description`)}
                          />
                        </Table.Td>
                        <Table.Td>
                          <NumberInput
                            aria-label={`Item ${index + 1} quantity`}
                            min={1}
                            allowDecimal={false}
                            value={row.quantity}
                            onChange={(value) => editRow(row.key, { quantity: value })}
                            error={fieldError(`lineItems.${index}.quantity`)}
                          />
                        </Table.Td>
                        <Table.Td>
                          <NumberInput
                            aria-label={`Item ${index + 1} unit price`}
                            min={0}
                            decimalScale={digits}
                            value={row.unitPrice}
                            onChange={(value) => editRow(row.key, { unitPrice: value })}
                            error={fieldError(`lineItems.${index}.unitAmount`)}
                          />
                        </Table.Td>
                        <Table.Td ta="right">{formatMoney(unit * quantity, currency)}</Table.Td>
                        <Table.Td>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Remove item ${index + 1}`}
                            onClick={() => removeRow(row.key)}
                          >
                            ×
                          </ActionIcon>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
            {errorUnder(server.fields, 'lineItems') && !Object.keys(server.fields).some((f) => /^lineItems\.\d/.test(f)) ? (
              <Text size="sm" c="red.7">
                {errorUnder(server.fields, 'lineItems')}
              </Text>
            ) : null}
            <Group justify="space-between">
              <Button variant="default" size="xs" onClick={addRow}>
                Add line item
              </Button>
              {rows.length > 0 ? (
                <Text fw={600} aria-live="polite">
                  Total: <span data-testid="order-total">{formatMoney(total, currency)}</span>
                </Text>
              ) : null}
            </Group>
          </Stack>
          <FormError title="Could not place the order" messages={server.messages} />
          <Group>
            <Button type="submit" loading={placing.loading}>
              Place order
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
