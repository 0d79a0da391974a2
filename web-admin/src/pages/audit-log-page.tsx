import { useQuery } from '@apollo/client/react';
import { Button, Group, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import {
  AUDIT_EVENT_LABELS,
  ConnectionTable,
  KNOWN_AUDIT_EVENT_TYPES,
  PageHeader,
  describeAuditEvent,
  formatDateTime,
  useCursorPages,
  type Column,
} from '@market/ui';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { AuditDetails } from '../components/identity/audit-details';
import { PageSizeSelect } from '../components/page-size-select';
import { graphql } from '../gql';
import type { AuditFilter, AuditLogQuery } from '../gql/graphql';
import { usePageSize } from '../hooks/use-page-size';

const AuditLogDocument = graphql(`
  query AuditLog($first: Int!, $after: String, $filter: AuditFilter) {
    auditLog(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          type
          actorId
          actor {
            id
            email
          }
          targetId
          target {
            id
            email
          }
          ip
          userAgent
          details
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

type AuditRow = AuditLogQuery['auditLog']['edges'][number]['node'];

/** The filter form's fields, as typed (dates as `yyyy-mm-dd` from the date inputs). */
export interface AuditFilterForm {
  types: string[];
  actorId: string;
  targetId: string;
  since: string;
  until: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Local midnight at the start of `date` (`yyyy-mm-dd`), or null when it is not a real date. */
function startOfDay(date: string): Date | null {
  if (!DATE.test(date)) return null;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const parsed = new Date(year, month - 1, day);
  // 2026-02-31 would roll over into March: not a real date.
  return parsed.getFullYear() === year && parsed.getMonth() === month - 1 && parsed.getDate() === day ? parsed : null;
}

/**
 * The API filter for the form, or what is wrong with it. "Until" is a whole day, so it is sent
 * as the next midnight (the API's `until` is exclusive).
 */
export function auditFilterFromForm(form: AuditFilterForm): {
  filter: AuditFilter | null;
  problems: Partial<Record<'since' | 'until', string>>;
} {
  const problems: Partial<Record<'since' | 'until', string>> = {};
  const since = form.since ? startOfDay(form.since) : null;
  const untilDay = form.until ? startOfDay(form.until) : null;
  if (form.since && !since) problems.since = 'Enter a date like 2026-01-31.';
  if (form.until && !untilDay) problems.until = 'Enter a date like 2026-01-31.';
  if (since && untilDay && untilDay < since) problems.until = 'The end date is before the start date.';
  if (Object.keys(problems).length > 0) return { filter: null, problems };
  const until = untilDay ? new Date(untilDay.getFullYear(), untilDay.getMonth(), untilDay.getDate() + 1) : null;
  const filter: AuditFilter = {
    ...(form.types.length > 0 ? { types: form.types } : {}),
    ...(form.actorId.trim() ? { actorId: form.actorId.trim() } : {}),
    ...(form.targetId.trim() ? { targetId: form.targetId.trim() } : {}),
    ...(since ? { since: since.toISOString() } : {}),
    ...(until ? { until: until.toISOString() } : {}),
  };
  return { filter: Object.keys(filter).length > 0 ? filter : null, problems };
}

function formFromParams(params: URLSearchParams): AuditFilterForm {
  return {
    types: params.getAll('type'),
    actorId: params.get('actor') ?? '',
    targetId: params.get('target') ?? '',
    since: params.get('since') ?? '',
    until: params.get('until') ?? '',
  };
}

function Who({ user, id }: { user: { email: string } | null | undefined; id: string | null | undefined }) {
  if (user) return <Text size="sm">{user.email}</Text>;
  if (id) {
    return (
      <Text size="sm" ff="monospace" c="dimmed">
        {id}
      </Text>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );
}

const COLUMNS: readonly Column<AuditRow>[] = [
  {
    key: 'time',
    nowrap: true,
    header: 'Time',
    render: (event) => <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>,
  },
  {
    key: 'type',
    header: 'Event',
    render: (event) => (
      <Stack gap={0}>
        <Text size="sm" fw={500}>
          {describeAuditEvent(event.type)}
        </Text>
        <Text size="xs" ff="monospace" c="dimmed">
          {event.type}
        </Text>
      </Stack>
    ),
  },
  { key: 'actor', header: 'Actor', render: (event) => <Who user={event.actor} id={event.actorId} /> },
  { key: 'target', header: 'Target', render: (event) => <Who user={event.target} id={event.targetId} /> },
  { key: 'ip', nowrap: true, header: 'IP address', render: (event) => event.ip ?? '—' },
  {
    key: 'userAgent',
    header: 'User agent',
    render: (event) =>
      event.userAgent ? (
        <Text size="xs" maw={220} lineClamp={2} title={event.userAgent}>
          {event.userAgent}
        </Text>
      ) : (
        '—'
      ),
  },
  {
    key: 'details',
    header: 'Details',
    render: (event) => (
      <AuditDetails details={event.details} label={`${describeAuditEvent(event.type)} at ${formatDateTime(event.createdAt)}`} />
    ),
  },
];

function AuditTable({ pageSize, filter }: { pageSize: number; filter: AuditFilter | null }) {
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(AuditLogDocument, {
    variables: { first: pageSize, after: pages.after, filter },
    notifyOnNetworkStatusChange: true,
    fetchPolicy: 'cache-and-network',
  });
  return (
    <ConnectionTable
      caption="Audit events"
      columns={COLUMNS}
      connection={(data ?? previousData)?.auditLog}
      rowKey={(event) => event.id}
      pages={pages}
      pageSize={pageSize}
      loading={loading}
      error={error}
      onRetry={() => refetch()}
      emptyMessage={filter ? 'No events match these filters.' : 'No events yet.'}
    />
  );
}

/** `/audit-log`: every security-relevant event, newest first, with filters kept in the URL. */
export function AuditLogPage() {
  useDocumentTitle('Audit log · Back office');
  const [pageSize, setPageSize] = usePageSize();
  const [params, setParams] = useSearchParams();
  const applied = formFromParams(params);
  const appliedResult = auditFilterFromForm(applied);
  const [form, setForm] = useState<AuditFilterForm>(applied);
  const [problems, setProblems] = useState<Partial<Record<'since' | 'until', string>>>({});

  const apply = (next: AuditFilterForm) => {
    const result = auditFilterFromForm(next);
    setProblems(result.problems);
    if (Object.keys(result.problems).length > 0) return;
    setParams((previous) => {
      const updated = new URLSearchParams(previous);
      for (const key of ['type', 'actor', 'target', 'since', 'until']) updated.delete(key);
      for (const type of next.types) updated.append('type', type);
      if (next.actorId.trim()) updated.set('actor', next.actorId.trim());
      if (next.targetId.trim()) updated.set('target', next.targetId.trim());
      if (next.since) updated.set('since', next.since);
      if (next.until) updated.set('until', next.until);
      return updated;
    });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(form);
  };
  const clear = () => {
    const empty: AuditFilterForm = { types: [], actorId: '', targetId: '', since: '', until: '' };
    setForm(empty);
    apply(empty);
  };

  // Types in the URL that this app does not know yet still filter (and show) as typed.
  const typeOptions = [...KNOWN_AUDIT_EVENT_TYPES, ...form.types.filter((type) => !Object.hasOwn(AUDIT_EVENT_LABELS, type))].map(
    (type) => ({
      value: type,
      label: `${describeAuditEvent(type)} (${type})`,
    }),
  );
  const set = <K extends keyof AuditFilterForm>(key: K, value: AuditFilterForm[K]) =>
    setForm((previous) => ({ ...previous, [key]: value }));

  return (
    <Stack gap={0}>
      <PageHeader
        title="Audit log"
        description="Sign-ins, failures, MFA and password changes, status, role and client changes, newest first."
        actions={<PageSizeSelect value={pageSize} onChange={setPageSize} />}
      />
      <form onSubmit={submit} aria-label="Audit log filters" noValidate>
        <Group gap="sm" mb="md" align="flex-start" wrap="wrap">
          <MultiSelect
            label="Event types"
            placeholder={form.types.length === 0 ? 'All events' : undefined}
            data={typeOptions}
            value={form.types}
            onChange={(values) => set('types', values)}
            searchable
            clearable
            w={340}
          />
          <TextInput label="Actor id" value={form.actorId} onChange={(event) => set('actorId', event.currentTarget.value)} w={200} />
          <TextInput label="Target id" value={form.targetId} onChange={(event) => set('targetId', event.currentTarget.value)} w={200} />
          <TextInput
            type="date"
            label="From"
            value={form.since}
            onChange={(event) => set('since', event.currentTarget.value)}
            error={problems.since}
            w={170}
          />
          <TextInput
            type="date"
            label="To (inclusive)"
            value={form.until}
            onChange={(event) => set('until', event.currentTarget.value)}
            error={problems.until}
            w={170}
          />
          <Group gap="xs" mt={25}>
            <Button type="submit">Apply filters</Button>
            <Button variant="subtle" onClick={clear}>
              Clear
            </Button>
          </Group>
        </Group>
      </form>
      <AuditTable key={`${JSON.stringify(appliedResult.filter)}:${pageSize}`} pageSize={pageSize} filter={appliedResult.filter} />
    </Stack>
  );
}
