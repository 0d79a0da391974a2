import { AppLayout, LoadingState, RequireSignIn, SignInCallback, type NavItem } from '@market/ui';
import { Suspense, lazy, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { canUseBackOffice } from './auth';
import { AgencyScope } from './components/agency/current-agency';
import { AdminOnly } from './components/identity/admin-only';
import { AgenciesPage } from './pages/agencies-page';
import { AgencyAdminPage } from './pages/admin/agency-admin-page';
import { BusinessTypesPage } from './pages/admin/business-types-page';
import { VerificationPage } from './pages/admin/verification-page';
import { BoardPage } from './pages/agency/board-page';
import { FinancesPage } from './pages/agency/finances-page';
import { MembersPage } from './pages/agency/members-page';
import { ProfilePage } from './pages/agency/profile-page';
import { AuditLogPage } from './pages/audit-log-page';
import { InvitationPage } from './pages/invitation-page';
import { NotFoundPage } from './pages/not-found-page';
import { OAuthClientsPage } from './pages/oauth-clients-page';
import { OrderPage } from './pages/order-page';
import { OrdersPage } from './pages/orders-page';
import { UserPage } from './pages/user-page';
import { UsersPage } from './pages/users-page';
import { useViewer, type Viewer } from './viewer';
import { AgencyInbox, SupportInbox } from './chat';

/** The charts library is big and only admins see the dashboard: it loads with that page. */
const DashboardPage = lazy(() => import('./pages/dashboard-page').then((module) => ({ default: module.DashboardPage })));

/** Agency staff: their agency's section (owners also see its finances). */
function agencyNav(viewer: Viewer): NavItem[] {
  if (viewer.agencies.length === 0) return [];
  const owner = viewer.agencies.some((agency) => agency.viewerRole === 'OWNER');
  return [
    { label: 'Orders board', to: '/agency/board', description: 'Your orders by status' },
    { label: 'Inbox', to: '/inbox', description: 'Chat with customers' },
    { label: 'Agency profile', to: '/agency/profile', description: 'Profile, areas, documents' },
    { label: 'Members', to: '/agency/members', description: 'Team and invitations' },
    ...(owner ? [{ label: 'Finances', to: '/agency/finances', description: 'Fees, deposit, ledger' }] : []),
  ];
}

/** Platform admins: the marketplace and identity administration (roles from `me { roles }`). */
const ADMIN_NAV: readonly NavItem[] = [
  { label: 'Dashboard', to: '/', description: 'Orders and revenue' },
  { label: 'Orders', to: '/orders', description: 'Lifecycle, amounts, disputes' },
  { label: 'Agencies', to: '/agencies', description: 'Fees, deposits, penalties' },
  { label: 'Verification', to: '/verification', description: 'Agencies waiting for review' },
  { label: 'Support', to: '/support', description: 'Help requests; every read is recorded' },
  { label: 'Business types', to: '/business-types', description: 'What agencies offer' },
  { label: 'Users', to: '/users', description: 'Accounts, status and roles' },
  { label: 'Audit log', to: '/audit-log', description: 'Security events' },
  { label: 'OAuth clients', to: '/oauth-clients', description: 'Apps and services at SSO' },
];

const admin = (page: ReactNode) => <AdminOnly>{page}</AdminOnly>;
const staff = (page: ReactNode, ownerOnly = false) => <AgencyScope ownerOnly={ownerOnly}>{page}</AgencyScope>;

/** `/`: the dashboard for admins, the orders board for staff. */
function Home() {
  const viewer = useViewer();
  if (viewer.loading) return <LoadingState />;
  if (viewer.isAdmin) {
    return (
      <Suspense fallback={<LoadingState />}>
        <DashboardPage />
      </Suspense>
    );
  }
  return <Navigate to="/agency/board" replace />;
}

function BackOffice() {
  return (
    <RequireSignIn
      title="Sign in to the back office"
      allow={canUseBackOffice}
      forbiddenMessage="The back office is for agency staff and platform admins. Your account has neither role."
    >
      <Routes>
        <Route path="callback" element={<SignInCallback />} />
        <Route index element={<Home />} />
        <Route path="agency" element={<Navigate to="/agency/board" replace />} />
        <Route path="inbox" element={staff(<AgencyInbox />)} />
        <Route path="support" element={admin(<SupportInbox />)} />
        <Route path="agency/board" element={staff(<BoardPage />)} />
        <Route path="agency/profile" element={staff(<ProfilePage />)} />
        <Route path="agency/members" element={staff(<MembersPage />)} />
        <Route path="agency/finances" element={staff(<FinancesPage />, true)} />
        <Route path="orders" element={admin(<OrdersPage />)} />
        <Route path="orders/:id" element={<OrderPage />} />
        <Route path="agencies" element={admin(<AgenciesPage />)} />
        <Route path="agencies/:id" element={admin(<AgencyAdminPage />)} />
        <Route path="verification" element={admin(<VerificationPage />)} />
        <Route path="business-types" element={admin(<BusinessTypesPage />)} />
        <Route path="users" element={admin(<UsersPage />)} />
        <Route path="users/:id" element={admin(<UserPage />)} />
        <Route path="audit-log" element={admin(<AuditLogPage />)} />
        <Route path="oauth-clients" element={admin(<OAuthClientsPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </RequireSignIn>
  );
}

export function App() {
  const viewer = useViewer();
  const nav = [...agencyNav(viewer), ...(viewer.isAdmin ? ADMIN_NAV : [])];
  return (
    <AppLayout appName="Marketplace" tagline="Back office" nav={nav} navPlacement="sidebar">
      <Routes>
        {/* The invitee is not staff yet: any signed-in user may open their invitation. */}
        <Route
          path="invitations/:token"
          element={
            <RequireSignIn title="Sign in to accept the invitation">
              <InvitationPage />
            </RequireSignIn>
          }
        />
        <Route path="*" element={<BackOffice />} />
      </Routes>
    </AppLayout>
  );
}
