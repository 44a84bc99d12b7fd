import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { login } from './api/technician-api.ts';

type Problem = 'wrongPin' | 'lockedOut' | 'unreachable' | null;

/** PIN sign-in. Says plainly whether the PIN was wrong or sign-in is locked out. */
export function LoginScreen({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChecking(true);
    setProblem(null);
    try {
      const result = await login(pin);
      if (result === 'ok') return onSignedIn();
      setProblem(result);
      setPin('');
    } catch {
      setProblem('unreachable');
    } finally {
      setChecking(false);
    }
  }

  return (
    <main className="login" aria-labelledby={headingId} data-view="login">
      <h1 id={headingId}>{t('login.title')}</h1>
      <form onSubmit={submit} className="login__form">
        <label>
          {t('login.pin')}
          <input
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
            // biome-ignore lint/a11y/noAutofocus: the PIN field is the only thing on this screen.
            autoFocus
            minLength={4}
            maxLength={32}
            required
            value={pin}
            onChange={(event) => setPin(event.target.value)}
          />
        </label>
        <button type="submit" disabled={checking}>
          {checking ? t('login.checking') : t('login.submit')}
        </button>
        {problem && (
          <p role="alert" className="error" data-problem={problem}>
            {t(`login.${problem}`)}
          </p>
        )}
      </form>
    </main>
  );
}
