import { NativeSelect, Stack, Text, Title } from '@mantine/core';
import { LoadingState } from '@market/ui';
import { createContext, use, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useViewer, type ViewerAgency } from '../../viewer';

const CurrentAgencyContext = createContext<ViewerAgency | null>(null);

/** The agency the staff pages work on: `?agency=<id>` when the viewer belongs to several, else their only one. */
export function useCurrentAgency(): ViewerAgency {
  const agency = use(CurrentAgencyContext);
  if (!agency) throw new Error('useCurrentAgency outside <AgencyScope>');
  return agency;
}

/** Picks the current agency (switcher when there are several) and renders the page for members only. */
export function AgencyScope({ ownerOnly = false, children }: { ownerOnly?: boolean; children: ReactNode }) {
  const viewer = useViewer();
  const [params] = useSearchParams();
  if (viewer.loading) return <LoadingState />;
  const wanted = params.get('agency');
  const agency = viewer.agencies.find((candidate) => candidate.id === wanted) ?? viewer.agencies[0];
  if (!agency) {
    return (
      <Stack align="center" py="xl" gap="sm">
        <Title order={2}>No agency</Title>
        <Text c="dimmed">You are not a member of any agency. Ask its owner for an invitation.</Text>
      </Stack>
    );
  }
  if (ownerOnly && agency.viewerRole !== 'OWNER') {
    return (
      <Stack align="center" py="xl" gap="sm">
        <Title order={2}>Owners only</Title>
        <Text c="dimmed">Only the owners of {agency.name} can open this page.</Text>
      </Stack>
    );
  }
  return <CurrentAgencyContext value={agency}>{children}</CurrentAgencyContext>;
}

/** The agency switcher, shown in a page header when the viewer belongs to more than one agency. */
export function AgencySwitcher() {
  const viewer = useViewer();
  const current = useCurrentAgency();
  const [, setParams] = useSearchParams();
  if (viewer.agencies.length < 2) return null;
  return (
    <NativeSelect
      label="Agency"
      value={current.id}
      onChange={(event) => {
        const id = event.currentTarget.value;
        setParams((prev) => {
          const next = new URLSearchParams(prev);
          next.set('agency', id);
          return next;
        });
      }}
      data={viewer.agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
      w={240}
    />
  );
}
