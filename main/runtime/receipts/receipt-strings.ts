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
      depositTitle: 'CASH DEPOSIT',
      depositAccount: 'Account: {{account}}',
      depositNotes: 'Notes',
      depositCoins: 'Coins',
      depositLine: '{{count}} x {{value}}',
      depositTotal: 'TOTAL: {{total}}',
      depositOffline: 'Captured offline: credited when the kiosk reconnects',
      depositInterrupted: 'Deposit interrupted: the amount above is credited',
      depositCancelled: 'Deposit cancelled: notes already accepted are credited',
      depositReference: 'Reference: {{reference}}',
      cardTitle: 'DEBIT CARD ISSUED',
      cardNumber: 'Card: {{card}}',
      cardExpiry: 'Valid thru: {{expiry}}',
      cardOrder: 'Order: {{reference}}',
      cardActivate: 'Activate your card in the app before using it',
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
      depositTitle: 'DEPÓSITO EN EFECTIVO',
      depositAccount: 'Cuenta: {{account}}',
      depositNotes: 'Billetes',
      depositCoins: 'Monedas',
      depositLine: '{{count}} x {{value}}',
      depositTotal: 'TOTAL: {{total}}',
      depositOffline: 'Registrado sin conexión: se abonará al reconectar',
      depositInterrupted: 'Depósito interrumpido: se abona el importe indicado',
      depositCancelled: 'Depósito cancelado: se abonan los billetes ya aceptados',
      depositReference: 'Referencia: {{reference}}',
      cardTitle: 'TARJETA DE DÉBITO EMITIDA',
      cardNumber: 'Tarjeta: {{card}}',
      cardExpiry: 'Válida hasta: {{expiry}}',
      cardOrder: 'Pedido: {{reference}}',
      cardActivate: 'Active su tarjeta en la app antes de usarla',
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
      depositTitle: '现金存款',
      depositAccount: '账户：{{account}}',
      depositNotes: '纸币',
      depositCoins: '硬币',
      depositLine: '{{count}} x {{value}}',
      depositTotal: '合计：{{total}}',
      depositOffline: '离线受理：恢复连接后入账',
      depositInterrupted: '存款中断：以上金额将入账',
      depositCancelled: '存款已取消：已收纸币将入账',
      depositReference: '参考号：{{reference}}',
      cardTitle: '借记卡已发卡',
      cardNumber: '卡号：{{card}}',
      cardExpiry: '有效期至：{{expiry}}',
      cardOrder: '订单：{{reference}}',
      cardActivate: '使用前请在应用中激活您的卡',
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
