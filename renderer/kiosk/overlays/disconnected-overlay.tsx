import { useId } from 'react';
import type { Language } from '../../../contracts/language.ts';
import { Multilingual } from '../components/multilingual.tsx';
import { useKioskT } from '../language-context.ts';

/**
 * Covers the screen while the UI has lost the runtime: taps could not reach it. Speaks the
 * customer's language when one was chosen, else all three.
 */
export function DisconnectedOverlay({ language }: { language: Language | null }) {
  const t = useKioskT();
  const headingId = useId();
  return (
    <div className="overlay overlay--disconnected">
      <div
        className="overlay__panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        aria-busy="true"
      >
        <h2 id={headingId} className="overlay__heading">
          {language ? t('disconnected.title') : <Multilingual textKey="disconnected.title" />}
        </h2>
        <p className="overlay__message">
          {language ? t('disconnected.message') : <Multilingual textKey="disconnected.message" />}
        </p>
        <div className="spinner" aria-hidden="true" />
      </div>
    </div>
  );
}
