import { AppLayout, SignInCallback, useOptionalAuth } from '@market/ui';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AgencyDirectoryPage } from './pages/agency-directory-page';
import { AgencyPage } from './pages/agency-page';
import { NotFoundPage } from './pages/not-found-page';
import { OrderPage } from './pages/order-page';
import { OrdersPage } from './pages/orders-page';
import { PlaceOrderPage } from './pages/place-order-page';
import { ProfilePage } from './pages/profile-page';
import { SecurityPage } from './pages/security-page';
import { ThemeSync } from './theme-sync';
import { MessagesPage, UnreadMessagesBadge } from './chat';

const NAV = [{ label: 'Directory', to: '/agencies' }] as const;
/** Account pages, shown once signed in. */
const SIGNED_IN_NAV = [
  ...NAV,
  { label: 'My orders', to: '/orders' },
  { label: 'Profile', to: '/account/profile' },
  { label: 'Security', to: '/account/security' },
] as const;

/** `/` is the directory; old links with filters keep them. */
function ToDirectory() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: '/agencies', search }} replace />;
}

export function App() {
  const signedIn = useOptionalAuth()?.user != null;
  return (
    <AppLayout
      appName="Marketplace"
      tagline="Trusted agencies near you"
      nav={signedIn ? SIGNED_IN_NAV : NAV}
      headerActions={<UnreadMessagesBadge />}
    >
      <ThemeSync />
      <Routes>
        <Route path="callback" element={<SignInCallback />} />
        <Route index element={<ToDirectory />} />
        <Route path="agencies" element={<AgencyDirectoryPage />} />
        <Route path="agencies/:slug" element={<AgencyPage />} />
        <Route path="agencies/:slug/order" element={<PlaceOrderPage />} />
        <Route path="orders" element={<OrdersPage />} />
        <Route path="orders/:id" element={<OrderPage />} />
        <Route path="messages" element={<MessagesPage />} />
        <Route path="account/profile" element={<ProfilePage />} />
        <Route path="account/security" element={<SecurityPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppLayout>
  );
}
