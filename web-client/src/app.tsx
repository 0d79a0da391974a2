import { AppLayout } from '@market/ui';
import { Route, Routes } from 'react-router';
import { AgencyDirectoryPage } from './pages/agency-directory-page';
import { AgencyPage } from './pages/agency-page';
import { NotFoundPage } from './pages/not-found-page';

const NAV = [{ label: 'Agencies', to: '/' }] as const;

export function App() {
  return (
    <AppLayout appName="Marketplace" tagline="Trusted agencies near you" nav={NAV}>
      <Routes>
        <Route index element={<AgencyDirectoryPage />} />
        <Route path="agencies/:slug" element={<AgencyPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppLayout>
  );
}
