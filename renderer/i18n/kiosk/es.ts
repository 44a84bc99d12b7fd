import { cardEs } from './card/es.ts';
import { callEs } from './call/es.ts';
import { identifyEs } from './identify/es.ts';
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
  deposit: {
    cancel: 'Cancelar',
    account: {
      title: '¿A qué cuenta va el efectivo?',
      hint: 'Escriba el número de cuenta (de 6 a 20 dígitos).',
      typedLabel: 'Número de cuenta',
      nothingTyped: 'Aún no hay dígitos',
      delete: 'Borrar',
      continue: 'Continuar',
    },
    verifying: {
      title: 'Comprobando la cuenta…',
    },
    confirmHolder: {
      title: '¿Es esta su cuenta?',
      account: 'Cuenta {{account}}',
      yes: 'Sí, es mía',
      no: 'No, no es',
    },
    inserting: {
      title: 'Introduzca su efectivo',
      instruction: 'Introduzca los billetes de uno en uno, y las monedas.',
      totalLabel: 'Contado hasta ahora',
      notes: 'Billetes',
      coins: 'Monedas',
      countLine: '{{count}} × {{amount}}',
      nothingYet: 'Todavía no se ha contado nada.',
      offlineLimit: 'Sin conexión: este depósito puede llegar hasta {{amount}}.',
      keptIfCancelled:
        'El efectivo ya contado no se puede devolver: si cancela, se abonan igualmente {{amount}} en su cuenta.',
      done: 'Terminar',
    },
    escrow: {
      title: 'Billete de {{amount}}',
      question: '¿Lo añadimos a su depósito?',
      add: 'Añadirlo',
      giveBack: 'Devolvérmelo',
    },
    routing: {
      title: 'Un momento…',
      message: 'Estamos procesando su billete.',
    },
    confirming: {
      title: 'Revise su depósito',
      account: 'A la cuenta {{account}}',
      totalLabel: 'Total',
      deposit: 'Depositar {{amount}}',
    },
    completing: {
      title: 'Registrando su depósito…',
    },
    done: {
      title: 'Depósito registrado',
      titleCancelled: 'Depósito cancelado: se registra el efectivo ya contado',
      credited: 'Se abonan {{amount}} en la cuenta {{account}}.',
      creditedOffline:
        'Se abonarán {{amount}} en la cuenta {{account}} en cuanto el quiosco vuelva a conectar con el banco.',
    },
    cancelled: {
      title: 'Depósito cancelado',
      message: 'No se ha depositado nada. Asegúrese de haber recogido todo su efectivo.',
    },
    interrupted: {
      title: 'Depósito interrumpido',
      credited: 'Se abonan en la cuenta {{account}} los {{amount}} contados antes del problema.',
      creditedOffline:
        'Los {{amount}} contados antes del problema se abonarán en la cuenta {{account}} cuando el quiosco vuelva a conectar.',
      nothingCounted: 'No se contó nada.',
      staff: 'Si no le devolvieron algún billete, pida ayuda al personal de la sucursal.',
    },
    receipt: {
      printing: 'Imprimiendo su comprobante…',
      printed: 'Por favor, retire su comprobante.',
      unavailable: 'La impresora de comprobantes no está disponible, así que esta vez no hay comprobante.',
      failed: 'No se pudo imprimir su comprobante.',
    },
    message: {
      accountNotFound: 'No encontramos esa cuenta. Compruebe el número e inténtelo de nuevo.',
      holderRejected: 'Escriba el número de la cuenta en la que desea depositar.',
      noteRejected: 'No se pudo aceptar ese billete. Por favor, recójalo.',
      fraud: 'El lector de billetes se detuvo porque un billete parecía sospechoso.',
      jam: 'Un billete se atascó en el lector.',
      stackerFull: 'El quiosco no admite más billetes.',
      limitNoteGivenBack:
        'Ese billete haría pasar el depósito del límite sin conexión, así que se le devuelve.',
      limitReached: 'Este depósito ha llegado al límite sin conexión: no se puede añadir más efectivo.',
      deviceDown: 'El lector de efectivo dejó de funcionar.',
      noteReturned: 'Le hemos devuelto su billete. Por favor, recójalo.',
      offlineDeposit:
        'Ahora no hay conexión con el banco: no se puede comprobar el titular, y el depósito se abona cuando el quiosco vuelva a conectar.',
    },
  },
  card: cardEs,
  identify: identifyEs,
  call: callEs,
  disconnected: {
    title: 'Un momento, por favor…',
    message: 'El quiosco se está reconectando.',
  },
};
