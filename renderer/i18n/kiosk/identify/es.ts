import type { KioskStrings } from '../en.ts';

/** Identify-customer strings in Spanish (usted form, like the rest of the kiosk). */
export const identifyEs: KioskStrings['identify'] = {
  back: 'Atrás',
  otherWay: 'Elegir otra forma',
  scanAgain: 'Escanear de nuevo',
  attemptsLeft_one: 'Puede intentarlo {{count}} vez más.',
  attemptsLeft_other: 'Puede intentarlo {{count}} veces más.',
  waiting: {
    title: 'Un momento…',
  },
  placeDocument: {
    title: 'Coloque su pasaporte o DNI en el escáner',
    open: 'Abra el pasaporte por la página de la foto. Si es un DNI, la cara con su foto.',
    faceDown: 'Colóquelo con la foto hacia abajo sobre el cristal, bien plano.',
    edge: 'Las líneas de letras y signos <<< del final de la página deben quedar junto al borde marcado del escáner.',
    still: 'No lo mueva: la lectura empieza sola.',
    illustration:
      'Un documento con la foto hacia abajo sobre el cristal del escáner, con las líneas de caracteres junto al borde marcado',
  },
  reading: {
    title: 'Leyendo su documento…',
    message: 'Por favor, no mueva el documento.',
  },
  rescan: {
    title: 'No hemos podido leer su documento',
    tip: 'Colóquelo plano, con la foto hacia abajo y las líneas de caracteres junto al borde marcado.',
    titleQr: 'No hemos podido usar este código',
    tipQr: 'Vuelva a abrir el código en la app del banco y manténgalo quieto bajo el escáner.',
  },
  confirmDocument: {
    title: '¿Es usted?',
    intro: 'Compruebe los datos leídos de su documento.',
    surname: 'Apellidos',
    givenNames: 'Nombre',
    kind: 'Documento',
    kinds: {
      passport: 'Pasaporte',
      idCard: 'Documento de identidad',
      other: 'Documento de identificación',
    },
    number: 'Número de documento',
    nationality: 'Nacionalidad',
    birthDate: 'Fecha de nacimiento',
    expiryDate: 'Válido hasta',
    confirm: 'Sí, soy yo',
    wrong: 'No, escanear de nuevo',
    takeBack: 'No olvide recoger su documento.',
  },
  scanQr: {
    title: 'Muestre el código QR de la app',
    open: 'Abra la app del banco y muestre el código QR en la pantalla del móvil.',
    hold: 'Sostenga el móvil con la pantalla hacia abajo, a unos 10 cm sobre la ventana del escáner.',
    still: 'No lo mueva hasta que oiga un pitido.',
    illustration: 'Un móvil con la pantalla hacia abajo sobre la ventana del escáner, mostrando un código QR',
  },
  verifyingQr: {
    title: 'Comprobando su código…',
    message: 'Solo será un momento.',
  },
  failed: {
    title: 'No hemos podido identificarle',
    generic: 'Esta vez no ha sido posible la identificación.',
    helpTitle: 'Dónde pedir ayuda',
    teller: 'Llamar a un asesor',
    unavailable: 'Aún no disponible en este quiosco',
    staff: 'Pida ayuda al personal de la sucursal: pueden comprobar su documento.',
    helpLine: 'O llame a nuestra línea de atención, que encontrará en la app del banco.',
  },
  message: {
    unreadable: 'No hemos encontrado las líneas de caracteres de su documento.',
    notCertain: 'No hemos podido leer todos los caracteres con seguridad.',
    noDocument: 'No hemos detectado ningún documento en el escáner.',
    documentExpired: 'Este documento está caducado. Utilice un pasaporte o DNI en vigor.',
    scannerUnavailable: 'El escáner no funciona en este momento.',
    tooManyAttempts: 'Lo hemos intentado varias veces sin conseguir leerlo.',
    qrForged: 'Este código QR no es válido: no lo ha emitido el banco o se ha modificado.',
    qrExpired: 'Este código QR ha caducado. Abra la app del banco para obtener uno nuevo.',
    qrWrongKind: 'Este código QR es para otro servicio.',
    qrUnknown: 'Este no es un código QR de la app del banco.',
    noCode: 'No hemos visto ningún código QR.',
  },
};
