import { useMutation } from '@apollo/client/react';
import { Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { ConfirmModal, FormError, fieldErrors, formatMoney } from '@market/ui';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';

const SetAgencyCommissionDocument = graphql(`
  mutation SetAgencyCommission($id: ID!, $percent: Float!) {
    setAgencyCommission(id: $id, percent: $percent) {
      id
      finances {
        commissionPercent
      }
    }
  }
`);

const RecordAgencyDepositDocument = graphql(`
  mutation RecordAgencyDeposit($agencyId: ID!, $amount: Int!, $note: String, $returned: Boolean!) {
    recordAgencyDeposit(agencyId: $agencyId, amount: $amount, note: $note, returned: $returned) {
      id
      kind
    }
  }
`);

const IssueAgencyPenaltyDocument = graphql(`
  mutation IssueAgencyPenalty($agencyId: ID!, $amount: Int!, $reason: String!) {
    issueAgencyPenalty(agencyId: $agencyId, amount: $amount, reason: $reason) {
      id
    }
  }
`);

const REFETCH = ['AgencyFinances', 'AgencyAdmin'];

/** "12.50" → 1250 minor units (EUR); NaN when it is not an amount, so the check below says so. */
function toMinorUnits(text: string): number {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(value) ? Number.NaN : Math.round(value * 100);
}

function CommissionForm({ agencyId, current }: { agencyId: string; current: number | null }) {
  const [percent, setPercent] = useState(current === null ? '' : String(current));
  const [save, { loading, error, reset }] = useMutation(SetAgencyCommissionDocument, {
    refetchQueries: REFETCH,
    awaitRefetchQueries: true,
  });
  const errors = fieldErrors(error, ['percent']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset();
    save({ variables: { id: agencyId, percent: Number(percent.replace(',', '.')) } }).catch(() => undefined);
  };
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label="Commission">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Commission
        </Title>
        <TextInput
          label="Commission (%)"
          inputMode="decimal"
          value={percent}
          onChange={(event) => setPercent(event.currentTarget.value)}
          error={errors.fields.percent}
        />
        <FormError title="Could not set the commission" messages={errors.messages} />
        <Group>
          <Button type="submit" loading={loading}>
            Set commission
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function DepositForm({ agencyId }: { agencyId: string }) {
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [returned, setReturned] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const [record, { loading, error, reset }] = useMutation(RecordAgencyDepositDocument, {
    refetchQueries: REFETCH,
    awaitRefetchQueries: true,
  });
  const minor = toMinorUnits(amount);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!Number.isInteger(minor) || minor <= 0) {
      setLocalError('Enter a positive amount in euros, e.g. 500 or 250.50.');
      return;
    }
    setLocalError(null);
    setConfirming(true);
  };
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label="Deposit">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Deposit
        </Title>
        <TextInput
          label="Deposit amount (EUR)"
          inputMode="decimal"
          value={amount}
          onChange={(event) => setAmount(event.currentTarget.value)}
          error={localError}
        />
        <TextInput label="Deposit note" value={note} onChange={(event) => setNote(event.currentTarget.value)} />
        <Checkbox label="Return deposit to the agency" checked={returned} onChange={(event) => setReturned(event.currentTarget.checked)} />
        <Group>
          <Button type="submit">{returned ? 'Return deposit' : 'Record deposit'}</Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={returned ? 'Return deposit?' : 'Record deposit?'}
        confirmLabel={returned ? 'Return deposit' : 'Record deposit'}
        confirmColor="blue"
        loading={loading}
        error={error}
        onClose={() => {
          setConfirming(false);
          reset();
        }}
        onConfirm={() => {
          record({ variables: { agencyId, amount: minor, note: note.trim() === '' ? null : note.trim(), returned } })
            .then(() => {
              setConfirming(false);
              setAmount('');
              setNote('');
            })
            .catch(() => undefined);
        }}
      >
        <Text size="sm">
          {returned ? 'Pays back' : 'Records'} {Number.isInteger(minor) ? formatMoney(minor, 'EUR') : ''} {returned ? 'from' : 'to'} the
          agency's deposit; the ledger keeps it for good.
        </Text>
      </ConfirmModal>
    </Paper>
  );
}

function PenaltyForm({ agencyId }: { agencyId: string }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [localErrors, setLocalErrors] = useState<{ amount?: string; reason?: string }>({});
  const [issue, { loading, error, reset }] = useMutation(IssueAgencyPenaltyDocument, {
    refetchQueries: REFETCH,
    awaitRefetchQueries: true,
  });
  const serverErrors = fieldErrors(error, ['amount', 'reason']);
  const minor = toMinorUnits(amount);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: { amount?: string; reason?: string } = {};
    if (!Number.isInteger(minor) || minor <= 0) problems.amount = 'Enter a positive amount in euros, e.g. 50 or 12.50.';
    if (reason.trim() === '') problems.reason = 'Say why the agency is penalised.';
    setLocalErrors(problems);
    if (Object.keys(problems).length === 0) setConfirming(true);
  };
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label="Penalty">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Penalty
        </Title>
        <TextInput
          label="Penalty amount (EUR)"
          inputMode="decimal"
          value={amount}
          onChange={(event) => setAmount(event.currentTarget.value)}
          error={localErrors.amount ?? serverErrors.fields.amount}
        />
        <TextInput
          label="Penalty reason"
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={localErrors.reason ?? serverErrors.fields.reason}
        />
        <Group>
          <Button type="submit" color="red">
            Issue penalty
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title="Issue penalty?"
        confirmLabel="Issue penalty"
        loading={loading}
        error={error}
        onClose={() => {
          setConfirming(false);
          reset();
        }}
        onConfirm={() => {
          issue({ variables: { agencyId, amount: minor, reason: reason.trim() } })
            .then(() => {
              setConfirming(false);
              setAmount('');
              setReason('');
            })
            .catch(() => undefined);
        }}
      >
        <Text size="sm">
          Debits {Number.isInteger(minor) ? formatMoney(minor, 'EUR') : ''} from the agency's balance for “{reason.trim()}” and lowers its
          ranking. Penalties cannot be deleted.
        </Text>
      </ConfirmModal>
    </Paper>
  );
}

/** Admins: commission, deposits (and their return) and penalties; each appends to the ledger. */
export function AdminFinanceControls({ agencyId, commissionPercent }: { agencyId: string; commissionPercent: number | null }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }}>
      <CommissionForm key={`${agencyId}:${commissionPercent}`} agencyId={agencyId} current={commissionPercent} />
      <DepositForm agencyId={agencyId} />
      <PenaltyForm agencyId={agencyId} />
    </SimpleGrid>
  );
}
