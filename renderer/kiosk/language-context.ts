import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../contracts/language.ts';
import { DEFAULT_LANGUAGE } from '../i18n/kiosk-i18n.ts';

/** The language of the current view (the customer's choice), for screens that use one language. */
export const LanguageContext = createContext<Language>(DEFAULT_LANGUAGE);

/**
 * A translate function fixed to the view's language. Deriving it from the view on each render
 * (instead of switching i18next's global language) keeps what is on screen a pure function of
 * the view.
 */
export function useKioskT() {
  const { i18n } = useTranslation();
  const language = useContext(LanguageContext);
  return i18n.getFixedT(language);
}
