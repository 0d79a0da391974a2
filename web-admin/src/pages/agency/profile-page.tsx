import { useMutation, useQuery } from '@apollo/client/react';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, FormError, LoadingState, PageHeader, fieldErrors, formatDate, humanizeEnum } from '@market/ui';
import { useState, type FormEvent } from 'react';
import { AgencySwitcher, useCurrentAgency } from '../../components/agency/current-agency';
import { DocumentStatusBadge } from '../../components/status-badges';
import { graphql } from '../../gql';
import type { AgencyProfileQuery, ServiceAreaInput } from '../../gql/graphql';

const AgencyProfileDocument = graphql(`
  query AgencyProfile($id: ID!) {
    agency(id: $id) {
      id
      slug
      name
      description
      status
      statusReason
      city
      region
      location {
        lat
        lng
      }
      contact {
        email
        phone
        website
        address
      }
      businessTypes {
        code
        label
      }
      serviceAreas {
        id
        label
        center {
          lat
          lng
        }
        radiusKm
        regionCodes
      }
      documents {
        id
        kind
        status
        note
        createdAt
        reviewedAt
        file {
          id
        }
      }
    }
    businessTypes {
      code
      label
    }
  }
`);

const UpdateAgencyDocument = graphql(`
  mutation UpdateAgency($id: ID!, $input: UpdateAgencyInput!) {
    updateAgency(id: $id, input: $input) {
      id
      name
      description
      city
      region
      location {
        lat
        lng
      }
      contact {
        email
        phone
        website
        address
      }
      businessTypes {
        code
        label
      }
    }
  }
`);

const SetAgencyServiceAreasDocument = graphql(`
  mutation SetAgencyServiceAreas($agencyId: ID!, $areas: [ServiceAreaInput!]!) {
    setAgencyServiceAreas(agencyId: $agencyId, areas: $areas) {
      id
      serviceAreas {
        id
        label
        center {
          lat
          lng
        }
        radiusKm
        regionCodes
      }
    }
  }
`);

const AddAgencyDocumentDocument = graphql(`
  mutation AddAgencyDocument($agencyId: ID!, $fileId: ID!, $kind: String!) {
    addAgencyDocument(agencyId: $agencyId, fileId: $fileId, kind: $kind) {
      id
      kind
      status
    }
  }
`);

const RemoveAgencyDocumentDocument = graphql(`
  mutation RemoveAgencyDocument($id: ID!) {
    removeAgencyDocument(id: $id)
  }
`);

type Profile = NonNullable<AgencyProfileQuery['agency']>;

/** A decimal typed into a text box: null when empty, NaN when not a number (the server names the field). */
function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed.replace(',', '.'));
}

function ProfileForm({ agency, businessTypes }: { agency: Profile; businessTypes: AgencyProfileQuery['businessTypes'] }) {
  const [name, setName] = useState(agency.name);
  const [description, setDescription] = useState(agency.description);
  const [types, setTypes] = useState(agency.businessTypes.map((type) => type.code));
  const [city, setCity] = useState(agency.city);
  const [region, setRegion] = useState(agency.region);
  const [lat, setLat] = useState(agency.location ? String(agency.location.lat) : '');
  const [lng, setLng] = useState(agency.location ? String(agency.location.lng) : '');
  const [contact, setContact] = useState({
    email: agency.contact.email ?? '',
    phone: agency.contact.phone ?? '',
    website: agency.contact.website ?? '',
    address: agency.contact.address ?? '',
  });
  const [saved, setSaved] = useState(false);
  const [update, { loading, error, reset }] = useMutation(UpdateAgencyDocument);
  const errors = fieldErrors(error, [
    'name',
    'description',
    'businessTypes',
    'city',
    'region',
    'location',
    'contact.email',
    'contact.phone',
    'contact.website',
    'contact.address',
  ]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset();
    setSaved(false);
    const latitude = parseNumber(lat);
    const longitude = parseNumber(lng);
    const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());
    update({
      variables: {
        id: agency.id,
        input: {
          name,
          description,
          businessTypes: types,
          city,
          region,
          ...(latitude !== null && longitude !== null ? { location: { lat: latitude, lng: longitude } } : {}),
          contact: {
            email: blankToNull(contact.email),
            phone: blankToNull(contact.phone),
            website: blankToNull(contact.website),
            address: blankToNull(contact.address),
          },
        },
      },
    })
      .then(() => setSaved(true))
      .catch(() => undefined);
  };
  const contactField = (key: keyof typeof contact, label: string) => (
    <TextInput
      label={label}
      value={contact[key]}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setContact((previous) => ({ ...previous, [key]: value }));
      }}
      error={errors.fields[`contact.${key}`]}
    />
  );
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label="Profile">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Profile
        </Title>
        <TextInput label="Name" required value={name} onChange={(event) => setName(event.currentTarget.value)} error={errors.fields.name} />
        <Textarea
          label="Description"
          autosize
          minRows={3}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={errors.fields.description}
        />
        <MultiSelect
          label="Business types"
          data={businessTypes.map((type) => ({ value: type.code, label: type.label }))}
          value={types}
          onChange={setTypes}
          error={errors.fields.businessTypes}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="City" value={city} onChange={(event) => setCity(event.currentTarget.value)} error={errors.fields.city} />
          <TextInput
            label="Region"
            description="ISO 3166-2, e.g. DE-BE"
            value={region}
            onChange={(event) => setRegion(event.currentTarget.value)}
            error={errors.fields.region}
          />
          <TextInput
            label="Latitude"
            inputMode="decimal"
            value={lat}
            onChange={(event) => setLat(event.currentTarget.value)}
            error={errors.fields.location}
          />
          <TextInput label="Longitude" inputMode="decimal" value={lng} onChange={(event) => setLng(event.currentTarget.value)} />
          {contactField('email', 'Contact email')}
          {contactField('phone', 'Contact phone')}
          {contactField('website', 'Website')}
          {contactField('address', 'Address')}
        </SimpleGrid>
        <FormError title="Could not save the profile" messages={errors.messages} />
        <Group>
          <Button type="submit" loading={loading}>
            Save profile
          </Button>
          {saved ? (
            <Text size="sm" c="teal" role="status">
              Saved.
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

interface AreaDraft {
  key: number;
  label: string;
  lat: string;
  lng: string;
  radiusKm: string;
  regionCodes: string;
}

let nextAreaKey = 1;

/** The inputs of one service area, in order. */
const AREA_FIELDS: { field: Exclude<keyof AreaDraft, 'key'>; label: string; width: number }[] = [
  { field: 'label', label: 'Label', width: 160 },
  { field: 'lat', label: 'Center latitude', width: 130 },
  { field: 'lng', label: 'Center longitude', width: 130 },
  { field: 'radiusKm', label: 'Radius (km)', width: 110 },
  { field: 'regionCodes', label: 'Region codes', width: 200 },
];

function toDraft(area: Profile['serviceAreas'][number]): AreaDraft {
  return {
    key: nextAreaKey++,
    label: area.label ?? '',
    lat: area.center ? String(area.center.lat) : '',
    lng: area.center ? String(area.center.lng) : '',
    radiusKm: area.radiusKm === null || area.radiusKm === undefined ? '' : String(area.radiusKm),
    regionCodes: area.regionCodes.join(', '),
  };
}

function toInput(draft: AreaDraft): ServiceAreaInput {
  const lat = parseNumber(draft.lat);
  const lng = parseNumber(draft.lng);
  const radiusKm = parseNumber(draft.radiusKm);
  const regionCodes = draft.regionCodes
    .split(/[,\s]+/)
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '');
  return {
    label: draft.label.trim() === '' ? null : draft.label.trim(),
    ...(lat !== null || lng !== null ? { center: { lat: lat ?? Number.NaN, lng: lng ?? Number.NaN } } : {}),
    ...(radiusKm !== null ? { radiusKm } : {}),
    regionCodes,
  };
}

function ServiceAreasEditor({ agency }: { agency: Profile }) {
  const [drafts, setDrafts] = useState(() => agency.serviceAreas.map(toDraft));
  const [saved, setSaved] = useState(false);
  const [save, { loading, error, reset }] = useMutation(SetAgencyServiceAreasDocument);
  const errors = fieldErrors(error, []);
  const change = (key: number, patch: Partial<AreaDraft>) =>
    setDrafts((previous) => previous.map((draft) => (draft.key === key ? { ...draft, ...patch } : draft)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset();
    setSaved(false);
    save({ variables: { agencyId: agency.id, areas: drafts.map(toInput) } })
      .then(() => setSaved(true))
      .catch(() => undefined);
  };
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label="Service areas">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Service areas
        </Title>
        <Text size="sm" c="dimmed">
          A circle (center and radius in km), whole regions (ISO 3166-2 codes such as DE-BE), or both.
        </Text>
        {drafts.map((draft, index) => (
          <Group key={draft.key} align="flex-end" gap="xs" role="group" aria-label={`Service area ${index + 1}`}>
            {AREA_FIELDS.map(({ field, label, width }) => (
              <TextInput
                key={field}
                label={label}
                value={draft[field]}
                onChange={(event) => change(draft.key, { [field]: event.currentTarget.value })}
                w={width}
              />
            ))}
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={`Remove service area ${index + 1}`}
              onClick={() => setDrafts((previous) => previous.filter((item) => item.key !== draft.key))}
            >
              ✕
            </ActionIcon>
          </Group>
        ))}
        {drafts.length === 0 ? (
          <Text size="sm" c="dimmed">
            No service areas: the agency is found only by its base.
          </Text>
        ) : null}
        <FormError title="Could not save the service areas" messages={errors.messages} />
        <Group>
          <Button
            variant="default"
            onClick={() =>
              setDrafts((previous) => [...previous, { key: nextAreaKey++, label: '', lat: '', lng: '', radiusKm: '', regionCodes: '' }])
            }
          >
            Add area
          </Button>
          <Button type="submit" loading={loading}>
            Save service areas
          </Button>
          {saved ? (
            <Text size="sm" c="teal" role="status">
              Saved.
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

function DocumentsSection({ agency }: { agency: Profile }) {
  const [fileId, setFileId] = useState('');
  const [kind, setKind] = useState('BUSINESS_REGISTRATION');
  const [add, adding] = useMutation(AddAgencyDocumentDocument, { refetchQueries: ['AgencyProfile'], awaitRefetchQueries: true });
  const [remove, removing] = useMutation(RemoveAgencyDocumentDocument, { refetchQueries: ['AgencyProfile'], awaitRefetchQueries: true });
  const errors = fieldErrors(adding.error, ['fileId', 'kind']);
  const documents = agency.documents ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    adding.reset();
    add({ variables: { agencyId: agency.id, fileId: fileId.trim(), kind: kind.trim().toUpperCase() } })
      .then(() => setFileId(''))
      .catch(() => undefined);
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Documents">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Verification documents
        </Title>
        {documents.length === 0 ? (
          <Text size="sm" c="dimmed">
            No documents yet. Admins verify the agency from them.
          </Text>
        ) : (
          <Table aria-label="Documents">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kind</Table.Th>
                <Table.Th>File</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Added</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {documents.map((document) => (
                <Table.Tr key={document.id}>
                  <Table.Td>{humanizeEnum(document.kind)}</Table.Td>
                  <Table.Td ff="monospace">{document.file.id}</Table.Td>
                  <Table.Td>
                    <DocumentStatusBadge status={document.status} />
                    {document.note ? (
                      <Text size="xs" c="dimmed">
                        {document.note}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{formatDate(document.createdAt)}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      loading={removing.loading}
                      onClick={() => void remove({ variables: { id: document.id } }).catch(() => undefined)}
                    >
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {removing.error ? <ErrorState error={removing.error} title="Could not remove the document" /> : null}
        <Group align="flex-end" component="form" onSubmit={submit} aria-label="Add a document">
          <TextInput
            label="File id"
            description="From an upload to the file service"
            required
            value={fileId}
            onChange={(event) => setFileId(event.currentTarget.value)}
            error={errors.fields.fileId}
            w={280}
          />
          <TextInput
            label="Kind"
            description="e.g. BUSINESS_REGISTRATION, INSURANCE, LICENSE"
            required
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value)}
            error={errors.fields.kind}
            w={260}
          />
          <Button type="submit" loading={adding.loading}>
            Add document
          </Button>
        </Group>
        <FormError title="Could not add the document" messages={errors.messages} />
      </Stack>
    </Paper>
  );
}

/** Staff: the agency's public profile, where it works, and its verification documents. */
export function ProfilePage() {
  const current = useCurrentAgency();
  useDocumentTitle(`Profile · ${current.name}`);
  const { data, error, loading, refetch } = useQuery(AgencyProfileDocument, { variables: { id: current.id } });
  const agency = data?.agency;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Agency profile"
        description={
          agency ? (
            <Group gap="xs">
              <span>{agency.slug}</span>
              <Badge variant="light">{humanizeEnum(agency.status)}</Badge>
              {agency.statusReason ? <span>{agency.statusReason}</span> : null}
            </Group>
          ) : null
        }
        actions={<AgencySwitcher />}
      />
      {error && !data ? <ErrorState error={error} onRetry={() => refetch()} /> : null}
      {loading && !data ? <LoadingState /> : null}
      {agency && data ? (
        <>
          {/* Keyed by agency: switching agencies starts the forms from that agency's values. */}
          <ProfileForm key={`profile-${agency.id}`} agency={agency} businessTypes={data.businessTypes} />
          <ServiceAreasEditor key={`areas-${agency.id}`} agency={agency} />
          <DocumentsSection agency={agency} />
        </>
      ) : null}
    </Stack>
  );
}
