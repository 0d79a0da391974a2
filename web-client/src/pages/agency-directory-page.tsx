import type { ErrorLike } from '@apollo/client';
import { toErrorLike } from '@apollo/client/errors';
import { useQuery } from '@apollo/client/react';
import {
  Box,
  Button,
  Card,
  Center,
  Chip,
  Grid,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '@market/ui';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { AgencyCard } from '../components/agency-card';
import { graphql } from '../gql';
import { AgencySort, type AgencyFilter } from '../gql/graphql';
import { CITIES, cityByName } from '../lib/cities';

const PAGE_SIZE = 12;
const SEARCH_DEBOUNCE_MS = 350;
const MY_LOCATION = 'my-location';

const AgencyDirectoryDocument = graphql(`
  query AgencyDirectory($filter: AgencyFilter, $sort: AgencySort, $first: Int!, $after: String) {
    agencies(filter: $filter, sort: $sort, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          slug
          name
          city
          region
          status
          rating
          reviewCount
          distanceKm
          businessTypes {
            code
            label
          }
          ranking {
            score
            tier
          }
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

const BusinessTypesDocument = graphql(`
  query BusinessTypes {
    businessTypes {
      code
      label
    }
  }
`);

const SORT_LABELS: Record<AgencySort, string> = {
  RANK: 'Best ranked',
  RATING: 'Best rated',
  DISTANCE: 'Nearest',
  NEWEST: 'Newest',
};

/** The directory's filters, as they are kept in the query string (shareable links, the back button works). */
export interface DirectoryParams {
  search: string;
  types: string[];
  /** A city name of CITIES, or MY_LOCATION with lat/lng. */
  near: string | null;
  lat: number | null;
  lng: number | null;
  radiusKm: number | null;
  minRating: number | null;
  verifiedOnly: boolean;
  sort: AgencySort;
}

const numberParam = (value: string | null): number | null => {
  if (value === null || value === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
};

export function readDirectoryParams(params: URLSearchParams): DirectoryParams {
  const sort = params.get('sort');
  return {
    search: params.get('q') ?? '',
    types: (params.get('types') ?? '').split(',').filter(Boolean),
    near: params.get('near'),
    lat: numberParam(params.get('lat')),
    lng: numberParam(params.get('lng')),
    radiusKm: numberParam(params.get('radius')),
    minRating: numberParam(params.get('minRating')),
    verifiedOnly: params.get('verified') === '1',
    sort: sort && sort in SORT_LABELS ? (sort as AgencySort) : AgencySort.Rank,
  };
}

export function writeDirectoryParams(value: DirectoryParams): URLSearchParams {
  const params = new URLSearchParams();
  if (value.search.trim()) params.set('q', value.search.trim());
  if (value.types.length > 0) params.set('types', value.types.join(','));
  if (value.near) params.set('near', value.near);
  if (value.near === MY_LOCATION && value.lat !== null && value.lng !== null) {
    params.set('lat', value.lat.toFixed(4));
    params.set('lng', value.lng.toFixed(4));
  }
  if (value.near && value.radiusKm !== null) params.set('radius', String(value.radiusKm));
  if (value.minRating !== null) params.set('minRating', String(value.minRating));
  if (value.verifiedOnly) params.set('verified', '1');
  if (value.sort !== AgencySort.Rank) params.set('sort', value.sort);
  return params;
}

function nearPoint(value: DirectoryParams): { lat: number; lng: number } | null {
  if (value.near === MY_LOCATION) return value.lat !== null && value.lng !== null ? { lat: value.lat, lng: value.lng } : null;
  const city = cityByName(value.near);
  return city ? { lat: city.lat, lng: city.lng } : null;
}

export function directoryVariables(value: DirectoryParams): { filter: AgencyFilter; sort: AgencySort } {
  const near = nearPoint(value);
  const filter: AgencyFilter = {};
  if (value.search.trim()) filter.search = value.search.trim();
  if (value.types.length > 0) filter.businessTypes = value.types;
  if (near) {
    filter.near = near;
    if (value.radiusKm !== null) filter.radiusKm = value.radiusKm;
  }
  if (value.minRating !== null) filter.minRating = value.minRating;
  if (value.verifiedOnly) filter.verifiedOnly = true;
  // Distance needs a point; without one the directory falls back to the ranking.
  const sort = value.sort === AgencySort.Distance && !near ? AgencySort.Rank : value.sort;
  return { filter, sort };
}

function Filters({ value, onChange }: { value: DirectoryParams; onChange: (next: DirectoryParams, replace?: boolean) => void }) {
  const { data: types } = useQuery(BusinessTypesDocument);
  const [search, setSearch] = useState(value.search);
  const [debounced] = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string | null>(null);

  // Typing replaces the history entry (one per search, not per keystroke); the URL changing (back button) resets the box.
  useEffect(() => setSearch(value.search), [value.search]);
  useEffect(() => {
    if (debounced.trim() !== value.search.trim()) onChange({ ...value, search: debounced }, true);
  }, [debounced]);

  const locateMe = () => {
    if (!('geolocation' in navigator)) {
      setLocationError('This browser cannot tell your location.');
      return;
    }
    setLocating(true);
    setLocationError(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        onChange({ ...value, near: MY_LOCATION, lat: position.coords.latitude, lng: position.coords.longitude });
      },
      (failure) => {
        setLocating(false);
        setLocationError(failure.code === failure.PERMISSION_DENIED ? 'Location access was denied.' : 'Your location is not available.');
      },
      { timeout: 10_000 },
    );
  };

  const nearOptions = [
    ...(value.near === MY_LOCATION ? [{ value: MY_LOCATION, label: 'My location' }] : []),
    ...CITIES.map((city) => ({ value: city.name, label: city.name })),
  ];
  const hasPoint = nearPoint(value) !== null;
  const sortOptions = Object.values(AgencySort)
    .filter((sort) => sort !== AgencySort.Distance || hasPoint)
    .map((sort) => ({ value: sort, label: SORT_LABELS[sort] }));

  return (
    <Card component="section" aria-label="Filters" mb="lg">
      <Grid gap="md" align="flex-end">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TextInput
            label="Search"
            type="search"
            placeholder="Name, service, description…"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
          <Select
            label="Sort by"
            data={sortOptions}
            value={directoryVariables(value).sort}
            allowDeselect={false}
            onChange={(sort) => sort && onChange({ ...value, sort })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
          <NumberInput
            label="Minimum rating"
            min={1}
            max={5}
            step={0.5}
            decimalScale={1}
            placeholder="Any"
            value={value.minRating ?? ''}
            onChange={(rating) => onChange({ ...value, minRating: typeof rating === 'number' ? rating : null }, true)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
          <Select
            label="Near"
            placeholder="Anywhere"
            data={nearOptions}
            value={value.near}
            clearable
            onChange={(near) => onChange({ ...value, near, lat: null, lng: null })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
          <Button variant="default" fullWidth onClick={locateMe} loading={locating}>
            Use my location
          </Button>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
          <NumberInput
            label="Within (km)"
            min={1}
            max={1000}
            placeholder={hasPoint ? 'Any distance' : 'Pick a place first'}
            disabled={!hasPoint}
            value={value.radiusKm ?? ''}
            onChange={(radius) => onChange({ ...value, radiusKm: typeof radius === 'number' ? radius : null }, true)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
          <Switch
            label="Verified agencies only"
            checked={value.verifiedOnly}
            onChange={(event) => onChange({ ...value, verifiedOnly: event.currentTarget.checked })}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Chip.Group multiple value={value.types} onChange={(next) => onChange({ ...value, types: next })}>
            <Group gap="xs" role="group" aria-label="Business types">
              {(types?.businessTypes ?? []).map((type) => (
                <Chip key={type.code} value={type.code} size="sm">
                  {type.label}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Grid.Col>
        {locationError ? (
          <Grid.Col span={12}>
            <Text size="sm" c="red.7" role="status">
              {locationError}
            </Text>
          </Grid.Col>
        ) : null}
      </Grid>
    </Card>
  );
}

export function AgencyDirectoryPage() {
  useDocumentTitle('Agencies · Marketplace');
  const [searchParams, setSearchParams] = useSearchParams();
  const params = readDirectoryParams(searchParams);
  const { filter, sort } = directoryVariables(params);
  const [loadMoreError, setLoadMoreError] = useState<ErrorLike | null>(null);
  const { data, previousData, loading, error, fetchMore, refetch } = useQuery(AgencyDirectoryDocument, {
    variables: { filter, sort, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const shown = data ?? previousData;

  const change = (next: DirectoryParams, replace = false) => {
    setLoadMoreError(null);
    setSearchParams(writeDirectoryParams(next), { replace });
  };

  const header = (
    <PageHeader title="Find an agency" description="Verified professionals for technical, construction, real-estate and more." />
  );
  const filters = <Filters value={params} onChange={change} />;
  if (!shown) {
    return (
      <>
        {header}
        {filters}
        {error ? <ErrorState error={error} onRetry={() => refetch()} /> : <LoadingState label="Loading agencies…" />}
      </>
    );
  }

  const { edges, pageInfo, totalCount } = shown.agencies;
  const loadMore = () => {
    if (!pageInfo.endCursor) return;
    setLoadMoreError(null);
    fetchMore({ variables: { after: pageInfo.endCursor } }).catch((reason: unknown) => setLoadMoreError(toErrorLike(reason)));
  };
  return (
    <>
      {header}
      {filters}
      {error ? <ErrorState error={error} onRetry={() => refetch()} /> : null}
      {edges.length === 0 ? (
        <EmptyState message={loading ? 'Searching…' : 'No agencies match these filters.'} />
      ) : (
        <SimpleGrid
          component="ul"
          role="list"
          aria-label="Agencies"
          aria-busy={loading}
          cols={{ base: 1, sm: 2, lg: 3 }}
          spacing="lg"
          p={0}
          m={0}
          style={{ listStyle: 'none', opacity: data ? 1 : 0.6 }}
        >
          {edges.map(({ node }) => (
            <Box component="li" key={node.id}>
              <AgencyCard agency={node} />
            </Box>
          ))}
        </SimpleGrid>
      )}
      <Stack align="center" gap="xs" mt="xl">
        {loadMoreError ? <ErrorState error={loadMoreError} title="Could not load more agencies" /> : null}
        <Text size="sm" c="dimmed" aria-live="polite">
          Showing {edges.length} of {totalCount} agencies
        </Text>
        {pageInfo.hasNextPage ? (
          <Center>
            <Button variant="light" onClick={loadMore} loading={loading}>
              Load more
            </Button>
          </Center>
        ) : null}
      </Stack>
    </>
  );
}
