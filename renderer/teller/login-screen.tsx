import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TellerLoginReply } from '../../contracts/teller.ts';
import { login } from './api/teller-api.ts';
import { LanguageSwitch } from './language-switch.tsx';

export type LoginProblem = 'wrongCredentials' | 'tooManyAttempts' | 'unreachable' | null;

export interface LoginFormProps {
  problem: LoginProblem;
  checking: boolean;
  onSubmit: (username: string, password: string) => void;
}

/** Username and password; says plainly whether they were wrong or sign-in must wait. */
export function LoginForm({ problem, checking, onSubmit }: LoginFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(username.trim(), password);
    setPassword('');
  }

  return (
    <main className="login" aria-labelledby={headingId} data-view="login">
      <LanguageSwitch />
      <h1 id={headingId}>{t('login.title')}</h1>
      <form onSubmit={submit} className="login__form">
        <label>
          {t('login.username')}
          <input
            type="text"
            autoComplete="username"
            // biome-ignore lint/a11y/noAutofocus: signing in is the only thing on this screen.
            autoFocus
            maxLength={64}
            required
            value={username}
            data-testid="login-username"
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            type="password"
            autoComplete="current-password"
            maxLength={200}
            required
            value={password}
            data-testid="login-password"
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={checking} data-testid="login-submit">
          {checking ? t('login.checking') : t('login.submit')}
        </button>
        {problem && (
          <p role="alert" className="error" data-testid="login-error" data-problem={problem}>
            {t(`login.${problem}`)}
          </p>
        )}
      </form>
    </main>
  );
}

export function LoginScreen({ onSignedIn }: { onSignedIn: (reply: TellerLoginReply) => void }) {
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<LoginProblem>(null);

  async function submit(username: string, password: string) {
    setChecking(true);
    setProblem(null);
    try {
      const result = await login({ username, password });
      if (result.ok) return onSignedIn(result.reply);
      setProblem(result.problem);
    } catch {
      setProblem('unreachable');
    } finally {
      setChecking(false);
    }
  }

  return <LoginForm problem={problem} checking={checking} onSubmit={(u, p) => void submit(u, p)} />;
}
