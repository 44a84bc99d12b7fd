import { useTranslation } from 'react-i18next';
import { HTML_LANG, KIOSK_LANGUAGES } from '../../i18n/kiosk-i18n.ts';
import { useSendEvent } from '../bridge/bridge-context.ts';
import { Multilingual } from '../components/multilingual.tsx';
import { ScreenFrame } from '../components/screen-frame.tsx';
import { TouchButton } from '../components/touch-button.tsx';

/** Language choice; each language is named in itself, and the screen speaks all three. */
export function LanguageScreen() {
  const send = useSendEvent();
  const { i18n } = useTranslation();
  return (
    <ScreenFrame name="language" heading={<Multilingual textKey="language.title" />}>
      <ul className="choice-list">
        {KIOSK_LANGUAGES.map((language) => (
          <li key={language}>
            <TouchButton
              lang={HTML_LANG[language]}
              data-language={language}
              onClick={() => send({ type: 'CHOOSE_LANGUAGE', language })}
            >
              {i18n.getFixedT(language)('languageName')}
            </TouchButton>
          </li>
        ))}
      </ul>
      <div className="screen__footer">
        <TouchButton variant="secondary" onClick={() => send({ type: 'BACK' })}>
          <Multilingual textKey="language.back" />
        </TouchButton>
      </div>
    </ScreenFrame>
  );
}
