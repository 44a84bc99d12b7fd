import type { Language } from '../../contracts/language.ts';
import { createI18n } from './create-i18n.ts';
import { en } from './kiosk/en.ts';
import { es } from './kiosk/es.ts';
import { zh } from './kiosk/zh.ts';

/** Kept in the order the language screen shows them. */
export const KIOSK_LANGUAGES = ['es', 'en', 'zh'] as const satisfies readonly Language[];

export const kioskResources = {
  es: { translation: es },
  en: { translation: en },
  zh: { translation: zh },
};

/** BCP 47 tags for `lang` attributes, so the browser picks a CJK font for Chinese. */
export const HTML_LANG: Record<Language, string> = { es: 'es', en: 'en', zh: 'zh-Hans' };

/** The language screens show when no language is chosen yet. */
export const DEFAULT_LANGUAGE: Language = 'es';

export function createKioskI18n() {
  return createI18n(kioskResources, DEFAULT_LANGUAGE);
}
