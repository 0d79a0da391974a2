import { AppLayout, SignInCallback, useOptionalAuth } from '@market/ui';
import { Route, Routes } from 'react-router';
import { AgencyDirectoryPage } from './pages/agency-directory-page';
import { AgencyPage } from './pages/agency-page';
import { NotFoundPage } from './pages/not-found-page';
import { SecurityPage } from './pages/security-page';

const NAV = [{ label: 'Agencies', to: '/' }] as const;
/** Account pages, shown once signed in. */
const SIGNED_IN_NAV = [...NAV, { label: 'Security', to: '/account/security' }] as const;

export function App() {
  const signedIn = useOptionalAuth()?.user != null;
  return (
    <AppLayout appName="Marketplace" tagline="Trusted agencies near you" nav={signedIn ? SIGNED_IN_NAV : NAV}>
      <Routes>
        <Route path="callback" element={<SignInCallback />} />
        <Route index element={<AgencyDirectoryPage />} />
        <Route path="agencies/:slug" element={<AgencyPage />} />
        <Route path="account/security" element={<SecurityPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppLayout>
  );
}
