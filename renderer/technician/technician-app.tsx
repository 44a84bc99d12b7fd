import { useCallback, useState } from 'react';
import { logout } from './api/technician-api.ts';
import { LoginScreen } from './login-screen.tsx';
import { OverviewPanel } from './panel/overview-panel.tsx';

/**
 * Technician panel. It starts on the panel: a still-valid session cookie (after a reload) goes
 * straight in, and the first 401 brings up the PIN form.
 */
export function TechnicianApp() {
  const [signedIn, setSignedIn] = useState(true);
  const toLogin = useCallback(() => setSignedIn(false), []);
  const signOut = useCallback(() => {
    void logout()
      .catch(() => {})
      .finally(toLogin);
  }, [toLogin]);

  return signedIn ? (
    <OverviewPanel onSignOut={signOut} onUnauthorized={toLogin} />
  ) : (
    <LoginScreen onSignedIn={() => setSignedIn(true)} />
  );
}
