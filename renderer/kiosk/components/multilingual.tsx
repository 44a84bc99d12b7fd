import { useTranslation } from 'react-i18next';
import { HTML_LANG, KIOSK_LANGUAGES } from '../../i18n/kiosk-i18n.ts';

/**
 * One string in every kiosk language, one line each, for screens shown before a customer has
 * chosen a language (attract, language choice, out of service, starting).
 */
export function Multilingual({ textKey }: { textKey: string }) {
  const { i18n } = useTranslation();
  return (
    <>
      {KIOSK_LANGUAGES.map((language) => (
        <span key={language} lang={HTML_LANG[language]} className="multilingual__line">
          {i18n.getFixedT(language)(textKey)}
        </span>
      ))}
    </>
  );
}
