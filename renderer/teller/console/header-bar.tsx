import { useTranslation } from 'react-i18next';
import type { TellerConsoleState } from '../../../contracts/teller.ts';
import { LanguageSwitch } from '../language-switch.tsx';

export interface HeaderBarProps {
  me: TellerConsoleState['me'];
  /** Presence cannot be toggled while on a call (the backend keeps it busy). */
  onPresence: (presence: 'available' | 'away') => void;
  onSignOut: () => void;
}

export function HeaderBar({ me, onPresence, onSignOut }: HeaderBarProps) {
  const { t } = useTranslation();
  const busy = me.presence === 'busy';
  return (
    <header className="header">
      <h1>{t('title')}</h1>
      <div className="header__who">
        <strong data-testid="teller-name">{me.displayName}</strong>
        <span className="muted" data-testid="teller-role">
          {t(`header.role.${me.role}`)}
        </span>
      </div>
      <div className="header__presence">
        <span>{t('header.presence')}: </span>
        <span
          className={`presence presence--${me.presence}`}
          data-testid="presence"
          data-presence={me.presence}
        >
          {t(`header.presenceValue.${me.presence}`)}
        </span>
        <button
          type="button"
          data-testid="presence-toggle"
          disabled={busy}
          aria-pressed={me.presence === 'available'}
          onClick={() => onPresence(me.presence === 'available' ? 'away' : 'available')}
        >
          {me.presence === 'available' ? t('header.goAway') : t('header.goAvailable')}
        </button>
      </div>
      <LanguageSwitch />
      <button type="button" data-testid="sign-out" onClick={onSignOut}>
        {t('header.signOut')}
      </button>
    </header>
  );
}
