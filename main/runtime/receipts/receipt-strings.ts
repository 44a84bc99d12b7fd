import i18next, { type TFunction } from 'i18next';
import type { Language } from '../../../contracts/index.ts';

/** Receipt text in the customer's language. Receipts are printed by the runtime, so their strings
 *  live here rather than in the renderer's catalogue. */
const RESOURCES = {
  en: {
    receipt: {
      kiosk: 'Kiosk {{kioskId}}',
      date: 'Date: {{date}}',
      session: 'Session: {{session}}',
      language: 'Language: English',
      operations: 'Operations: none',
      thanks: 'Thank you for your visit',
      keep: 'Keep this receipt for your records',
    },
  },
  es: {
    receipt: {
      kiosk: 'Cajero {{kioskId}}',
      date: 'Fecha: {{date}}',
      session: 'Sesión: {{session}}',
      language: 'Idioma: español',
      operations: 'Operaciones: ninguna',
      thanks: 'Gracias por su visita',
      keep: 'Conserve este comprobante',
    },
  },
  zh: {
    receipt: {
      kiosk: '自助终端 {{kioskId}}',
      date: '日期：{{date}}',
      session: '会话：{{session}}',
      language: '语言：中文',
      operations: '业务：无',
      thanks: '感谢您的光临',
      keep: '请妥善保管此凭条',
    },
  },
} as const;

export type ReceiptKey = keyof (typeof RESOURCES)['en']['receipt'];

const instance = i18next.createInstance();
instance.init({
  resources: RESOURCES,
  lng: 'en',
  fallbackLng: 'en',
  ns: ['receipt'],
  defaultNS: 'receipt',
  initAsync: false,
  interpolation: { escapeValue: false },
});

export function receiptTranslator(language: Language): TFunction {
  return instance.getFixedT(language, 'receipt');
}

export const RECEIPT_LOCALES: Record<Language, string> = { en: 'en-GB', es: 'es-ES', zh: 'zh-CN' };
