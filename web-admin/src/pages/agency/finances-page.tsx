import { Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { PageHeader } from '@market/ui';
import { AgencySwitcher, useCurrentAgency } from '../../components/agency/current-agency';
import { FinancesPanel } from '../../components/agency/finances-panel';

/** Owners: the agency's fees, balances, penalties and ledger (read-only; admins change them). */
export function FinancesPage() {
  const agency = useCurrentAgency();
  useDocumentTitle(`Finances · ${agency.name}`);
  return (
    <Stack gap={0}>
      <PageHeader
        title="Finances"
        description={`${agency.name}: commission, deposit, penalties and every ledger entry.`}
        actions={<AgencySwitcher />}
      />
      <FinancesPanel key={agency.id} agencyId={agency.id} />
    </Stack>
  );
}
