import { AppLayout } from '@market/ui';
import { Navigate, Route, Routes } from 'react-router';
import { AgenciesPage } from './pages/agencies-page';
import { NotFoundPage } from './pages/not-found-page';
import { OrdersPage } from './pages/orders-page';
import { UsersPage } from './pages/users-page';

const NAV = [
  { label: 'Orders', to: '/orders', description: 'Lifecycle, amounts, disputes' },
  { label: 'Agencies', to: '/agencies', description: 'Verification and ranking' },
  { label: 'Users', to: '/users', description: 'Accounts and roles' },
] as const;

export function App() {
  return (
    <AppLayout appName="Marketplace" tagline="Back office" nav={NAV} navPlacement="sidebar">
      <Routes>
        <Route index element={<Navigate to="/orders" replace />} />
        <Route path="orders" element={<OrdersPage />} />
        <Route path="agencies" element={<AgenciesPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppLayout>
  );
}
