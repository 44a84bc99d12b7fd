import type { KioskStrings } from '../en.ts';

/** Card issuing strings in Spanish (usted form, like the rest of the kiosk). */
export const cardEs: KioskStrings['card'] = {
  cancel: 'Cancelar',
  back: 'Atrás',
  finish: 'Terminar',
  unavailable: 'Aún no disponible en este quiosco',
  chooseMethod: {
    title: '¿Cómo quiere localizar su solicitud de tarjeta?',
    methods: {
      orderCode: { label: 'Escribir mi código de solicitud', detail: 'El código de 8 caracteres de la app' },
      qr: { label: 'Escanear un código QR', detail: 'Muestre el código QR de la app' },
      idScan: { label: 'Escanear mi documento de identidad', detail: 'Documento de identidad o pasaporte' },
    },
  },
  enterCode: {
    title: 'Escriba su código de solicitud',
    hint: 'Lo encontrará en la app, junto a su solicitud de tarjeta: 8 letras y números. No lleva ceros ni unos.',
    typedLabel: 'Código de solicitud',
    nothingTyped: 'Aún no ha escrito nada',
    delete: 'Borrar',
    continue: 'Continuar',
    attemptsLeft_one: 'Puede intentarlo {{count}} vez más.',
    attemptsLeft_other: 'Puede intentarlo {{count}} veces más.',
  },
  lookingUp: {
    title: 'Buscando su solicitud…',
    message: 'Estamos consultando su solicitud de tarjeta con el banco.',
  },
  confirmOrder: {
    title: 'Su solicitud de tarjeta',
    holderLabel: 'Titular',
    productLabel: 'Tarjeta',
    products: { debit: 'Tarjeta de débito' },
    nextTitle: 'Qué va a pasar',
    nextTime: 'Hacer su tarjeta lleva alrededor de 1 minuto.',
    nextWatch: 'Podrá ver en esta pantalla cómo se hace.',
    nextSlot: 'La tarjeta sale por la ranura de tarjetas. Retírela en cuanto se lo indique la pantalla.',
    print: 'Imprimir mi tarjeta',
  },
  awaitingTeller: {
    title: 'Un asesor debe aprobar su tarjeta',
    message: 'Le estamos conectando con un asesor…',
  },
  approving: {
    title: 'Preparando su tarjeta…',
    message: 'El banco está aprobando su tarjeta y asignándole un número.',
  },
  producing: {
    title: 'Estamos haciendo su tarjeta',
    phasesLabel: 'Progreso',
    phases: {
      picking: 'Tomando una tarjeta en blanco',
      encoding: 'Grabando la banda magnética',
      printing: 'Imprimiendo sus datos',
      ejecting: 'Llevándola a la ranura',
    },
    rejecting: 'La máquina está apartando una tarjeta defectuosa.',
  },
  cardGraphic: {
    label: 'Su nueva tarjeta, terminada en {{last4}}',
    labelNoNumber: 'Su nueva tarjeta',
    debit: 'Débito',
    validThru: 'Válida hasta',
  },
  presenting: {
    title: 'Retire su tarjeta ahora',
    message: 'Su tarjeta le espera en la ranura de tarjetas.',
    countdown_one: 'Si no la retira en {{count}} segundo, la máquina la retendrá por su seguridad.',
    countdown_other: 'Si no la retira en {{count}} segundos, la máquina la retendrá por su seguridad.',
    slot: 'Ranura de tarjetas',
  },
  completing: {
    title: 'Terminando…',
    message: 'Estamos registrando su nueva tarjeta.',
  },
  done: {
    title: 'Su tarjeta está lista',
    issued: 'Se ha emitido su tarjeta de débito terminada en {{last4}}.',
    nextTitle: 'Qué hacer ahora',
    activate: 'Active la tarjeta en la app del banco antes de usarla.',
  },
  offerMail: {
    title: 'Ahora no podemos imprimir su tarjeta aquí',
    offer: 'Podemos enviarle la tarjeta a la dirección que indicó en su solicitud.',
    mail: 'Enviármela por correo',
  },
  requestingMail: {
    title: 'Solicitando el envío por correo…',
    message: 'Estamos registrando su petición.',
  },
  mailRequested: {
    title: 'Le enviaremos la tarjeta por correo',
    message: 'Irá a la dirección que indicó en su solicitud.',
    activate: 'Cuando la reciba, actívela en la app del banco.',
  },
  failed: {
    title: 'Lo sentimos, no hemos podido emitir su tarjeta',
    generic: 'Algo ha fallado.',
    destroyed:
      'Esa tarjeta se ha destruido dentro de la máquina. Su número no funcionará nunca, así que nadie podrá usarla.',
    mailOffer: 'Podemos enviarle una tarjeta nueva por correo a la dirección de su solicitud.',
    mail: 'Enviarme una nueva por correo',
    helpTitle: 'Dónde pedir ayuda',
    teller: 'Llamar a un asesor',
    staff: 'Pida ayuda al personal de la sucursal.',
    app: 'O contacte con nosotros desde la app del banco.',
  },
  cancelled: {
    title: 'Solicitud de tarjeta cancelada',
    message: 'No se ha hecho ninguna tarjeta y no ha cambiado nada.',
  },
  receipt: {
    printing: 'Imprimiendo su comprobante…',
    printed: 'Por favor, retire su comprobante.',
    unavailable: 'La impresora de comprobantes no está disponible, así que esta vez no hay comprobante.',
    failed: 'No se pudo imprimir su comprobante.',
  },
  message: {
    orderNotFound: 'No hay ninguna solicitud con ese código. Revíselo y vuelva a escribirlo.',
    noOrderForDocument:
      'No hemos encontrado ninguna solicitud de tarjeta para este documento. Si la pidió en la app, puede escribir su código de solicitud.',
    orderNotOpen:
      'Esa solicitud ya no se puede imprimir: la tarjeta ya se emitió o se envió por correo, o la solicitud se canceló.',
    orderInProgress:
      'La tarjeta de esa solicitud se está fabricando o el banco la está comprobando. Inténtelo de nuevo en unos minutos o pida ayuda.',
    orderExpired: 'Esa solicitud ha caducado. Puede hacer una nueva en la app.',
    declined: 'El banco no ha aprobado la tarjeta.',
    offline: 'El quiosco no puede conectar con el banco en este momento.',
    printerUnavailable: 'La impresora de tarjetas no está disponible.',
    retrying:
      'Hubo un problema con la primera tarjeta. Se ha destruido dentro de la máquina, así que nunca podrá usarse. Estamos haciendo una nueva para usted.',
    cardSpoiled: 'Algo falló mientras se hacía su tarjeta.',
    cardRetained: 'La tarjeta no se retiró a tiempo, así que la máquina la retuvo.',
    interrupted: 'La impresora de tarjetas se detuvo mientras hacía su tarjeta.',
    tellerRejected: 'El asesor no aprobó la tarjeta.',
    tellerUnavailable: 'Ahora no hay ningún asesor que pueda aprobar su tarjeta.',
  },
};
