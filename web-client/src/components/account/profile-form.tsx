import { useMutation } from '@apollo/client/react';
import { Autocomplete, Button, Card, Grid, Group, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { FormError } from '@market/ui';
import { useMemo, useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import type { AccountProfileQuery, UpdateProfileInput } from '../../gql/graphql';
import { formFieldErrors } from '../../lib/field-errors';
import { LANGUAGES, timeZones } from '../../lib/locales';

const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      displayName
      bio
      locale
      timezone
      updatedAt
      address {
        line1
        line2
        postalCode
        city
        region
        country
      }
    }
  }
`);

type Profile = NonNullable<NonNullable<AccountProfileQuery['me']>['profile']>;

interface Form {
  displayName: string;
  bio: string;
  locale: string;
  timezone: string;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  region: string;
  country: string;
}

const ADDRESS_KEYS = ['line1', 'line2', 'postalCode', 'city', 'region', 'country'] as const;

function formOf(profile: Profile | null | undefined): Form {
  return {
    displayName: profile?.displayName ?? '',
    bio: profile?.bio ?? '',
    locale: profile?.locale ?? 'en-GB',
    timezone: profile?.timezone ?? 'UTC',
    line1: profile?.address?.line1 ?? '',
    line2: profile?.address?.line2 ?? '',
    postalCode: profile?.address?.postalCode ?? '',
    city: profile?.address?.city ?? '',
    region: profile?.address?.region ?? '',
    country: profile?.address?.country ?? '',
  };
}

/** The whole form as the mutation's input; an address with every input empty is removed (null). */
function inputOf(form: Form): UpdateProfileInput {
  const hasAddress = ADDRESS_KEYS.some((key) => form[key].trim() !== '');
  return {
    displayName: form.displayName.trim(),
    bio: form.bio.trim() === '' ? null : form.bio.trim(),
    locale: form.locale.trim(),
    timezone: form.timezone,
    address: hasAddress
      ? {
          line1: form.line1.trim(),
          line2: form.line2.trim() || null,
          postalCode: form.postalCode.trim(),
          city: form.city.trim(),
          region: form.region.trim() || null,
          country: form.country.trim().toUpperCase(),
        }
      : null,
  };
}

const FIELDS = ['displayName', 'bio', 'locale', 'timezone', 'address'] as const;

/** Display name, bio, locale, time zone and postal address; the server checks each field and says which is wrong. */
export function ProfileForm({ profile }: { profile: Profile | null | undefined }) {
  const [form, setForm] = useState<Form>(() => formOf(profile));
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => timeZones(), []);
  const [update, { loading, error, reset }] = useMutation(UpdateProfileDocument, {
    refetchQueries: ['AccountProfile'],
    awaitRefetchQueries: true,
  });
  const server = formFieldErrors(error, FIELDS);
  const fieldError = (field: string) => server.fields[field];
  const addressError = (key: (typeof ADDRESS_KEYS)[number]) => server.fields[`address.${key}`];

  const set = (key: keyof Form) => (value: string) => {
    setForm((previous) => ({ ...previous, [key]: value }));
    setSaved(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset();
    setSaved(false);
    update({ variables: { input: inputOf(form) } })
      .then((result) => {
        if (result.data) setSaved(true);
      })
      .catch(() => undefined);
  };

  return (
    <Card component="section" aria-labelledby="profile-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={3} size="h4" id="profile-heading">
            Profile
          </Title>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="Display name"
                value={form.displayName}
                onChange={(e) => set('displayName')(e.currentTarget.value)}
                error={fieldError('displayName')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <Autocomplete
                label="Locale"
                description="e.g. en-GB"
                data={LANGUAGES.map((language) => language.value)}
                value={form.locale}
                onChange={set('locale')}
                error={fieldError('locale')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <Select
                label="Time zone"
                description="For dates and reminders"
                data={zones.includes(form.timezone) ? zones : [form.timezone, ...zones]}
                searchable
                allowDeselect={false}
                value={form.timezone}
                onChange={(value) => value && set('timezone')(value)}
                error={fieldError('timezone')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea
                label="Bio"
                autosize
                minRows={2}
                value={form.bio}
                onChange={(e) => set('bio')(e.currentTarget.value)}
                error={fieldError('bio')}
              />
            </Grid.Col>
          </Grid>
          <Title order={4} size="h5">
            Address
          </Title>
          {server.fields.address ? (
            <Text size="sm" c="red.7">
              {server.fields.address}
            </Text>
          ) : null}
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="Street and number"
                value={form.line1}
                onChange={(e) => set('line1')(e.currentTarget.value)}
                error={addressError('line1')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="Address line 2"
                value={form.line2}
                onChange={(e) => set('line2')(e.currentTarget.value)}
                error={addressError('line2')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput
                label="Postal code"
                value={form.postalCode}
                onChange={(e) => set('postalCode')(e.currentTarget.value)}
                error={addressError('postalCode')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput label="City" value={form.city} onChange={(e) => set('city')(e.currentTarget.value)} error={addressError('city')} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput
                label="Region"
                description="ISO 3166-2, e.g. DE-BE"
                value={form.region}
                onChange={(e) => set('region')(e.currentTarget.value)}
                error={addressError('region')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput
                label="Country"
                description="Two letters, e.g. DE"
                maxLength={2}
                value={form.country}
                onChange={(e) => set('country')(e.currentTarget.value)}
                error={addressError('country')}
              />
            </Grid.Col>
          </Grid>
          <FormError title="Could not save the profile" messages={server.messages} />
          {saved ? (
            <Text size="sm" c="teal.8" role="status">
              Profile saved.
            </Text>
          ) : null}
          <Group>
            <Button type="submit" loading={loading}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
