import type { KioskStrings } from '../en.ts';

/** Video teller call strings in Spanish (usted form). */
export const callEs: KioskStrings['call'] = {
  needHelp: '¿Necesita ayuda?',
  needHelpDetail: 'Hablar con un asesor',
  consent: {
    title: 'Hablar con un asesor por vídeo',
    message: 'El asesor le verá y le oirá. La llamada no se graba.',
    accept: 'Iniciar videollamada',
    decline: 'Ahora no',
  },
  requesting: {
    title: 'Llamando a un asesor…',
  },
  queued: {
    title: 'Esperando a un asesor',
    position: 'Usted es el número {{position}}',
    eta_one: 'Unos {{count}} minuto',
    eta_other: 'Unos {{count}} minutos',
    etaUnknown: 'Estamos buscando un asesor para usted',
    keepUsing: 'Puede seguir usando el quiosco mientras espera.',
    cancel: 'Cancelar',
  },
  callbackOffer: {
    title: 'Todavía no hay ningún asesor libre',
    message: 'Si lo prefiere, le llamamos a su teléfono.',
    callback: 'Llámenme',
    keepWaiting: 'Seguir esperando',
    cancel: 'Cancelar',
  },
  callbackPhone: {
    title: 'Su número de teléfono',
    hint: 'Escriba el número al que debemos llamar (de 6 a 15 cifras).',
    typedLabel: 'Número de teléfono',
    nothingTyped: 'Aún no hay cifras',
    delete: 'Borrar',
    send: 'Enviar',
    back: 'Atrás',
  },
  callbackSending: {
    title: 'Enviando su solicitud…',
  },
  callbackRecorded: {
    title: 'Le llamaremos',
    message: 'Un asesor le llamará lo antes posible.',
    ok: 'Aceptar',
  },
  ringing: {
    title: 'Un asesor está respondiendo…',
  },
  connecting: {
    title: 'Conectando el vídeo…',
  },
  reconnecting: {
    title: 'Se perdió la conexión, reconectando…',
  },
  panel: {
    label: 'Videollamada con un asesor',
    teller: 'Asesor: {{name}}',
    tellerUnnamed: 'Su asesor',
    remoteVideo: 'Vídeo del asesor',
    ownVideo: 'Su cámara',
    mute: 'Silenciar',
    unmute: 'Activar micrófono',
    muted: 'Su micrófono está apagado.',
    end: 'Colgar',
    cameraUnavailable:
      'Su cámara y su micrófono no están disponibles: el asesor no puede verle ni oírle, así que no pueden hablar. Usted sí puede ver al asesor y leer sus mensajes.',
    approvalPending: 'Esperando la aprobación del asesor…',
    notesTitle: 'Del asesor',
    yes: 'Sí',
    no: 'No',
    answered: {
      yes: 'Usted respondió: sí',
      no: 'Usted respondió: no',
    },
  },
  idScan: {
    title: 'El asesor pide ver su documento de identidad',
    message: 'Solo lo verá el asesor, y solo durante esta llamada.',
    accept: 'Mostrar mi documento',
    decline: 'No',
    cancel: 'No mostrarlo',
    sharing: 'Enviando su documento al asesor…',
    shared: 'El asesor ya puede ver su documento.',
    declined: 'Su documento no se mostró al asesor.',
    failed: 'No se pudo mostrar su documento al asesor.',
  },
  ended: {
    title: 'La llamada ha terminado',
    reasons: {
      customerEnded: 'Usted terminó la llamada.',
      tellerEnded: 'El asesor terminó la llamada.',
      callback: 'Un asesor le llamará.',
      kioskLost: 'El quiosco perdió la conexión con el banco.',
      tellerLost: 'Se perdió la conexión del asesor.',
      sessionEnded: 'La llamada terminó con su sesión.',
      backendEnded: 'El banco terminó la llamada.',
      unavailable: 'No se pudo contactar con ningún asesor.',
    },
    ok: 'Aceptar',
  },
  unavailable: {
    title: 'Ahora no hay ningún asesor disponible',
    message: 'Inténtelo más tarde o pregunte al personal de la oficina.',
    ok: 'Aceptar',
  },
};
