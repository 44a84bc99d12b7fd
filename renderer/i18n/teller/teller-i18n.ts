import { createI18n } from '../create-i18n.ts';
import { tellerEn } from './en.ts';
import { tellerEs } from './es.ts';

export const TELLER_LANGUAGES = ['en', 'es'] as const;
export type TellerLanguage = (typeof TELLER_LANGUAGES)[number];

export const tellerResources = {
  en: { translation: tellerEn },
  es: { translation: tellerEs },
};

export function createTellerI18n(language: TellerLanguage = 'en') {
  return createI18n(tellerResources, language);
}
