import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TELLER_LANGUAGES, type TellerLanguage } from '../i18n/teller/teller-i18n.ts';

/** English / Spanish, switched in place (resources are bundled). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const selectId = useId();
  return (
    <div className="language-switch">
      <label htmlFor={selectId}>{t('language')}</label>
      <select
        id={selectId}
        data-testid="language-select"
        value={i18n.language}
        onChange={(event) => {
          const language = event.target.value as TellerLanguage;
          void i18n.changeLanguage(language);
          document.documentElement.lang = language;
        }}
      >
        {TELLER_LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {t(`languageNames.${language}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
