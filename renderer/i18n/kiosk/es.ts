import type { KioskStrings } from './en.ts';

/** Kiosk UI strings in Spanish (usted form: the kiosk addresses customers formally). */
export const es: KioskStrings = {
  languageName: 'Español',
  attract: {
    welcome: 'Bienvenido',
    start: 'Toque para empezar',
  },
  language: {
    title: 'Elija su idioma',
    back: 'Atrás',
  },
  menu: {
    title: '¿Qué desea hacer?',
    finish: 'Terminar',
    offlineNotice:
      'Sin conexión: los servicios que necesitan al banco no están disponibles hasta que vuelva la conexión.',
    unavailable: {
      notBuilt: 'Aún no disponible',
      deviceDown: 'No disponible por el momento',
      offline: 'Necesita conexión con el banco',
    },
  },
  flows: {
    cardIssuing: 'Obtener una tarjeta de débito',
    accountOpening: 'Abrir una cuenta',
    cashDeposit: 'Depositar efectivo',
    cashWithdrawal: 'Retirar efectivo',
    videoTeller: 'Hablar con un asesor',
  },
  flow: {
    step: 'Paso: {{step}}',
    back: 'Atrás',
  },
  goodbye: {
    title: 'Gracias',
    receipt: {
      printing: 'Imprimiendo su comprobante…',
      printed: 'Por favor, retire su comprobante',
      unavailable: 'La impresora de comprobantes no está disponible, así que esta vez no hay comprobante',
      failed: 'No se pudo imprimir su comprobante',
    },
  },
  outOfService: {
    title: 'Lo sentimos',
    message: 'Este quiosco está fuera de servicio en este momento. Vuelva más tarde, por favor.',
  },
  starting: {
    title: 'Preparando…',
  },
  timeout: {
    title: '¿Necesita más tiempo?',
    countdown_one: 'La sesión termina en {{count}} segundo',
    countdown_other: 'La sesión termina en {{count}} segundos',
    moreTime: 'Sí, más tiempo',
    finish: 'No, terminar',
  },
  disconnected: {
    title: 'Un momento, por favor…',
    message: 'El quiosco se está reconectando.',
  },
};
