import { useCallback, useState } from 'react';
import type { TellerLoginReply } from '../../contracts/teller.ts';
import { logout } from './api/teller-api.ts';
import { ConsoleScreen } from './console/console-screen.tsx';
import { LoginScreen } from './login-screen.tsx';

/**
 * Teller console. The bearer token is kept in memory only: a reload, or a token the backend
 * refuses, brings the sign-in form back.
 */
export function TellerApp() {
  const [session, setSession] = useState<TellerLoginReply | null>(null);
  const toLogin = useCallback(() => setSession(null), []);
  const signOut = useCallback(() => {
    const token = session?.token;
    setSession(null);
    if (token) void logout(token).catch(() => {});
  }, [session]);

  return session ? (
    <ConsoleScreen key={session.token} token={session.token} onSignOut={signOut} onUnauthorized={toLogin} />
  ) : (
    <LoginScreen onSignedIn={setSession} />
  );
}
