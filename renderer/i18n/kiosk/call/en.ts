/**
 * Video teller call strings in English, the reference set: Spanish and Chinese must have exactly
 * these keys (checked by the type of `KioskStrings` and by a test). The call lies over any screen,
 * so nothing here speaks of one flow.
 */
export const callEn = {
  /** On every customer screen: opens a call to a teller. */
  needHelp: 'Need help?',
  needHelpDetail: 'Talk to a teller',
  consent: {
    title: 'Talk to a teller by video',
    message: 'The teller will see and hear you. The call is not recorded.',
    accept: 'Start video call',
    decline: 'Not now',
  },
  requesting: {
    title: 'Calling a teller…',
  },
  queued: {
    title: 'Waiting for a teller',
    position: 'You are number {{position}}',
    eta_one: 'About {{count}} minute',
    eta_other: 'About {{count}} minutes',
    etaUnknown: 'We are finding a teller for you',
    keepUsing: 'You can keep using the kiosk while you wait.',
    cancel: 'Cancel',
  },
  callbackOffer: {
    title: 'No teller is free yet',
    message: 'We can call you back on your phone instead.',
    callback: 'Call me back',
    keepWaiting: 'Keep waiting',
    cancel: 'Cancel',
  },
  callbackPhone: {
    title: 'Your phone number',
    hint: 'Type the number we should call (6 to 15 digits).',
    typedLabel: 'Phone number',
    nothingTyped: 'No digits yet',
    delete: 'Delete',
    send: 'Send',
    back: 'Back',
  },
  callbackSending: {
    title: 'Sending your request…',
  },
  callbackRecorded: {
    title: 'We will call you',
    message: 'A teller will call you back as soon as possible.',
    ok: 'OK',
  },
  ringing: {
    title: 'A teller is answering…',
  },
  connecting: {
    title: 'Connecting the video…',
  },
  reconnecting: {
    title: 'Connection lost, reconnecting…',
  },
  panel: {
    label: 'Video call with a teller',
    teller: 'Teller: {{name}}',
    tellerUnnamed: 'Your teller',
    remoteVideo: "The teller's video",
    ownVideo: 'Your camera',
    mute: 'Mute',
    unmute: 'Unmute',
    muted: 'Your microphone is off.',
    end: 'End call',
    cameraUnavailable:
      'Your camera and microphone are not available: the teller cannot see or hear you, so you cannot talk. You can still see the teller and read their messages.',
    approvalPending: "Waiting for the teller's approval…",
    notesTitle: 'From the teller',
    yes: 'Yes',
    no: 'No',
    answered: {
      yes: 'You answered: yes',
      no: 'You answered: no',
    },
  },
  idScan: {
    title: 'The teller asks to see your ID document',
    message: 'It is shown to the teller for this call only.',
    accept: 'Show my document',
    decline: 'No',
    cancel: 'Do not show it',
    sharing: 'Sending your document to the teller…',
    shared: 'The teller can now see your document.',
    declined: 'Your document was not shown to the teller.',
    failed: 'Your document could not be shown to the teller.',
  },
  ended: {
    title: 'The call has ended',
    reasons: {
      customerEnded: 'You ended the call.',
      tellerEnded: 'The teller ended the call.',
      callback: 'A teller will call you back.',
      kioskLost: 'The kiosk lost its connection to the bank.',
      tellerLost: "The teller's connection was lost.",
      sessionEnded: 'The call ended with your session.',
      backendEnded: 'The bank ended the call.',
      unavailable: 'No teller could be reached.',
    },
    ok: 'OK',
  },
  unavailable: {
    title: 'No teller is available now',
    message: 'Please try again later, or ask a member of the branch staff.',
    ok: 'OK',
  },
};
