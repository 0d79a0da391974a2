import { AppLayout, RequireSignIn, SignInCallback } from '@market/ui';
import { Navigate, Route, Routes } from 'react-router';
import { canUseBackOffice } from './auth';
import { AdminOnly, useIsAdmin } from './components/identity/admin-only';
import { AgenciesPage } from './pages/agencies-page';
import { AuditLogPage } from './pages/audit-log-page';
import { NotFoundPage } from './pages/not-found-page';
import { OAuthClientsPage } from './pages/oauth-clients-page';
import { OrdersPage } from './pages/orders-page';
import { UserPage } from './pages/user-page';
import { UsersPage } from './pages/users-page';

const NAV = [
  { label: 'Orders', to: '/orders', description: 'Lifecycle, amounts, disputes' },
  { label: 'Agencies', to: '/agencies', description: 'Verification and ranking' },
] as const;

/** Identity administration: shown to platform admins only (roles from `me { roles }`). */
const ADMIN_NAV = [
  { label: 'Users', to: '/users', description: 'Accounts, status and roles' },
  { label: 'Audit log', to: '/audit-log', description: 'Security events' },
  { label: 'OAuth clients', to: '/oauth-clients', description: 'Apps and services at SSO' },
] as const;

export function App() {
  const isAdmin = useIsAdmin() === true;
  return (
    <AppLayout appName="Marketplace" tagline="Back office" nav={isAdmin ? [...NAV, ...ADMIN_NAV] : NAV} navPlacement="sidebar">
      {/* Everything but /callback needs a signed-in staff member or admin. */}
      <RequireSignIn
        title="Sign in to the back office"
        allow={canUseBackOffice}
        forbiddenMessage="The back office is for agency staff and platform admins. Your account has neither role."
      >
        <Routes>
          <Route path="callback" element={<SignInCallback />} />
          <Route index element={<Navigate to="/orders" replace />} />
          <Route path="orders" element={<OrdersPage />} />
          <Route path="agencies" element={<AgenciesPage />} />
          <Route
            path="users"
            element={
              <AdminOnly>
                <UsersPage />
              </AdminOnly>
            }
          />
          <Route
            path="users/:id"
            element={
              <AdminOnly>
                <UserPage />
              </AdminOnly>
            }
          />
          <Route
            path="audit-log"
            element={
              <AdminOnly>
                <AuditLogPage />
              </AdminOnly>
            }
          />
          <Route
            path="oauth-clients"
            element={
              <AdminOnly>
                <OAuthClientsPage />
              </AdminOnly>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </RequireSignIn>
    </AppLayout>
  );
}
