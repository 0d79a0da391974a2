import { Anchor, AppShell, Burger, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link, NavLink as RouterNavLink, useLocation } from 'react-router';
import { AccountMenu } from './auth-menu';
import { useOptionalAuth } from './auth-provider';

export interface NavItem {
  label: string;
  to: string;
  description?: string;
}

export interface AppLayoutProps {
  /** Product name shown in the header and used as the home link. */
  appName: string;
  /** Short line beside the name, e.g. "Back office". */
  tagline?: string;
  nav?: readonly NavItem[];
  /** `header`: links in the top bar (customer app); `sidebar`: a navbar (back office). */
  navPlacement?: 'header' | 'sidebar';
  /** Right-hand side of the header, before the account menu (which shows by itself inside an `AuthProvider`). */
  headerActions?: ReactNode;
  children: ReactNode;
}

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

function Brand({ appName, tagline }: { appName: string; tagline: string | undefined }) {
  return (
    <Anchor component={Link} to="/" underline="never" c="inherit" aria-label={`${appName} home`}>
      <Group gap="xs" wrap="nowrap">
        <Title order={1} size="h3" c="indigo.7">
          {appName}
        </Title>
        {tagline ? (
          <Text size="sm" c="dimmed" visibleFrom="xs">
            {tagline}
          </Text>
        ) : null}
      </Group>
    </Anchor>
  );
}

function HeaderLinks({ nav }: { nav: readonly NavItem[] }) {
  return (
    <Group component="nav" aria-label="Main" gap="lg">
      {nav.map((item) => (
        <Anchor key={item.to} component={RouterNavLink} to={item.to} end={item.to === '/'} fw={500}>
          {item.label}
        </Anchor>
      ))}
    </Group>
  );
}

function SidebarLinks({ nav, onNavigate }: { nav: readonly NavItem[]; onNavigate: () => void }) {
  const { pathname } = useLocation();
  return (
    <nav aria-label="Main">
      {nav.map((item) => (
        <NavLink
          key={item.to}
          component={RouterNavLink}
          to={item.to}
          label={item.label}
          description={item.description}
          active={isActive(pathname, item.to)}
          onClick={onNavigate}
          variant="light"
          mb={4}
        />
      ))}
    </nav>
  );
}

/** The page frame of both apps: header with the product name, optional sidebar, main; the account menu when signed in. */
export function AppLayout({ appName, tagline, nav = [], navPlacement = 'header', headerActions, children }: AppLayoutProps) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const auth = useOptionalAuth();
  const sidebar = navPlacement === 'sidebar' && nav.length > 0;
  return (
    <AppShell
      header={{ height: 64 }}
      {...(sidebar ? { navbar: { width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } } } : {})}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {sidebar ? <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" /> : null}
            <Brand appName={appName} tagline={tagline} />
          </Group>
          <Group gap="lg" wrap="nowrap">
            {!sidebar && nav.length > 0 ? <HeaderLinks nav={nav} /> : null}
            {headerActions}
            {auth ? <AccountMenu /> : null}
          </Group>
        </Group>
      </AppShell.Header>
      {sidebar ? (
        <AppShell.Navbar p="sm">
          <SidebarLinks nav={nav} onNavigate={close} />
        </AppShell.Navbar>
      ) : null}
      <AppShell.Main bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">{children}</AppShell.Main>
    </AppShell>
  );
}
