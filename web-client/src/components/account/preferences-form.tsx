import { useMutation } from '@apollo/client/react';
import { Button, Card, Checkbox, Group, Radio, Select, Stack, Switch, Table, Text, Title, useMantineColorScheme } from '@mantine/core';
import { FormError, humanizeEnum } from '@market/ui';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import { NotificationChannel, PreferenceCategory, Theme, type AccountProfileQuery } from '../../gql/graphql';
import { formFieldErrors } from '../../lib/field-errors';
import { LANGUAGES } from '../../lib/locales';
import { colorSchemeOf } from '../../theme-sync';

const UpdatePreferencesDocument = graphql(`
  mutation UpdatePreferences($input: UpdatePreferencesInput!) {
    updatePreferences(input: $input) {
      language
      theme
      channels {
        category
        channels
      }
      privacy {
        showPhoneToAgencies
        showOnlineStatus
        allowAnalytics
      }
    }
  }
`);

type Preferences = NonNullable<NonNullable<AccountProfileQuery['me']>['preferences']>;
type Privacy = Preferences['privacy'];

const CATEGORIES = [PreferenceCategory.Orders, PreferenceCategory.Messages, PreferenceCategory.Payments, PreferenceCategory.Marketing];
const CHANNELS = [NotificationChannel.InApp, NotificationChannel.Email, NotificationChannel.Sms, NotificationChannel.Push];
const CHANNEL_LABELS: Record<NotificationChannel, string> = { IN_APP: 'In app', EMAIL: 'Email', SMS: 'SMS', PUSH: 'Push' };
const PRIVACY: { key: keyof Omit<Privacy, '__typename'>; label: string; description: string }[] = [
  {
    key: 'showPhoneToAgencies',
    label: 'Show my phone number to agencies',
    description: 'Only agencies you ordered from, and only a verified number.',
  },
  { key: 'showOnlineStatus', label: 'Show when I am online in chat', description: 'Others see when you were last active.' },
  { key: 'allowAnalytics', label: 'Allow usage analytics', description: 'Helps us improve the marketplace; nothing is sold.' },
];

function channelsOf(preferences: Preferences): Record<PreferenceCategory, NotificationChannel[]> {
  const result = Object.fromEntries(CATEGORIES.map((category) => [category, [] as NotificationChannel[]])) as Record<
    PreferenceCategory,
    NotificationChannel[]
  >;
  for (const entry of preferences.channels) result[entry.category] = [...entry.channels];
  return result;
}

/** Notification channels per category (a grid of checkboxes), privacy switches, language and theme. */
export function PreferencesForm({ preferences }: { preferences: Preferences }) {
  const [channels, setChannels] = useState(() => channelsOf(preferences));
  const [privacy, setPrivacy] = useState<Omit<Privacy, '__typename'>>(() => ({
    showPhoneToAgencies: preferences.privacy.showPhoneToAgencies,
    showOnlineStatus: preferences.privacy.showOnlineStatus,
    allowAnalytics: preferences.privacy.allowAnalytics,
  }));
  const [language, setLanguage] = useState(preferences.language);
  const [theme, setTheme] = useState<Theme>(preferences.theme);
  const [saved, setSaved] = useState(false);
  const { setColorScheme } = useMantineColorScheme();
  const [update, { loading, error, reset }] = useMutation(UpdatePreferencesDocument, {
    refetchQueries: ['AccountProfile', 'ViewerTheme'],
    awaitRefetchQueries: true,
  });
  const server = formFieldErrors(error, ['language', 'theme']);

  const toggle = (category: PreferenceCategory, channel: NotificationChannel, on: boolean) => {
    setChannels((previous) => ({
      ...previous,
      [category]: on ? [...new Set([...previous[category], channel])] : previous[category].filter((c) => c !== channel),
    }));
    setSaved(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset();
    setSaved(false);
    update({
      variables: {
        input: {
          channels: CATEGORIES.map((category) => ({
            category,
            channels: CHANNELS.filter((channel) => channels[category].includes(channel)),
          })),
          privacy,
          language,
          theme,
        },
      },
    })
      .then((result) => {
        if (!result.data) return;
        setSaved(true);
        setColorScheme(colorSchemeOf(result.data.updatePreferences.theme));
      })
      .catch(() => undefined);
  };

  return (
    <Card component="section" aria-labelledby="preferences-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Title order={3} size="h4" id="preferences-heading">
            Preferences
          </Title>
          <Stack gap="xs">
            <Title order={4} size="h5">
              Notifications
            </Title>
            <Table aria-label="Notification channels" withTableBorder={false} verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>About</Table.Th>
                  {CHANNELS.map((channel) => (
                    <Table.Th key={channel} ta="center">
                      {CHANNEL_LABELS[channel]}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {CATEGORIES.map((category) => (
                  <Table.Tr key={category}>
                    <Table.Th scope="row" fw={500}>
                      {humanizeEnum(category)}
                    </Table.Th>
                    {CHANNELS.map((channel) => (
                      <Table.Td key={channel}>
                        <Group justify="center">
                          <Checkbox
                            aria-label={`${humanizeEnum(category)} by ${CHANNEL_LABELS[channel]}`}
                            checked={channels[category].includes(channel)}
                            onChange={(event) => toggle(category, channel, event.currentTarget.checked)}
                          />
                        </Group>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
          <Stack gap="sm">
            <Title order={4} size="h5">
              Privacy
            </Title>
            {PRIVACY.map((item) => (
              <Switch
                key={item.key}
                label={item.label}
                description={item.description}
                checked={privacy[item.key]}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setPrivacy((previous) => ({ ...previous, [item.key]: checked }));
                  setSaved(false);
                }}
              />
            ))}
          </Stack>
          <Group align="flex-start" gap="xl">
            <Select
              label="Language"
              data={LANGUAGES.some((l) => l.value === language) ? [...LANGUAGES] : [{ value: language, label: language }, ...LANGUAGES]}
              value={language}
              allowDeselect={false}
              onChange={(value) => {
                if (value) setLanguage(value);
                setSaved(false);
              }}
              error={server.fields.language}
              w={220}
            />
            <Radio.Group
              label="Theme"
              value={theme}
              onChange={(value) => {
                setTheme(value);
                setSaved(false);
              }}
              error={server.fields.theme}
            >
              <Group mt={8}>
                {Object.values(Theme).map((value) => (
                  <Radio key={value} value={value} label={humanizeEnum(value)} />
                ))}
              </Group>
            </Radio.Group>
          </Group>
          <FormError title="Could not save the preferences" messages={server.messages} />
          {saved ? (
            <Text size="sm" c="teal.8" role="status">
              Preferences saved.
            </Text>
          ) : null}
          <Group>
            <Button type="submit" loading={loading}>
              Save preferences
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
