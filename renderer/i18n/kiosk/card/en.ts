/**
 * Card issuing strings in English, the reference set: Spanish and Chinese must have exactly these
 * keys (checked by the type of `KioskStrings` and by a test).
 */
export const cardEn = {
  cancel: 'Cancel',
  back: 'Back',
  /** Leaves a last screen before it closes by itself. */
  finish: 'Finish',
  /** Said on anything shown but not offered: a way to identify, calling a teller. */
  unavailable: 'Not available yet at this kiosk',
  chooseMethod: {
    title: 'How would you like to find your card order?',
    methods: {
      orderCode: { label: 'Type my order code', detail: 'The 8-character code in the app' },
      qr: { label: 'Scan a QR code', detail: 'Show the QR code from the app' },
      idScan: { label: 'Scan my ID document', detail: 'ID card or passport' },
    },
  },
  enterCode: {
    title: 'Type your order code',
    hint: 'You will find it in the app, with your card order: 8 letters and numbers. There are no zeros or ones.',
    typedLabel: 'Order code',
    nothingTyped: 'Nothing typed yet',
    delete: 'Delete',
    continue: 'Continue',
    attemptsLeft_one: 'You can try {{count}} more time.',
    attemptsLeft_other: 'You can try {{count}} more times.',
  },
  lookingUp: {
    title: 'Looking for your order…',
    message: 'We are asking the bank for your card order.',
  },
  confirmOrder: {
    title: 'Your card order',
    holderLabel: 'Cardholder',
    productLabel: 'Card',
    products: { debit: 'Debit card' },
    nextTitle: 'What happens now',
    nextTime: 'Making your card takes about 1 minute.',
    nextWatch: 'You can watch it being made on this screen.',
    nextSlot: 'Your card comes out of the card slot. Take it as soon as the screen tells you.',
    print: 'Print my card',
  },
  awaitingTeller: {
    title: 'A teller needs to approve your card',
    message: 'You are being connected to a teller…',
  },
  approving: {
    title: 'Preparing your card…',
    message: 'The bank is approving your card and giving it its number.',
  },
  producing: {
    title: 'Your card is being made',
    phasesLabel: 'Progress',
    phases: {
      picking: 'Taking a blank card',
      encoding: 'Writing the magnetic stripe',
      printing: 'Printing your details',
      ejecting: 'Bringing it to the slot',
    },
    rejecting: 'The machine is taking a faulty card out of the way.',
  },
  cardGraphic: {
    label: 'Your new card, ending in {{last4}}',
    labelNoNumber: 'Your new card',
    debit: 'Debit',
    validThru: 'Valid thru',
  },
  presenting: {
    title: 'Take your card now',
    message: 'Your card is waiting in the card slot.',
    countdown_one: 'If it is not taken within {{count}} second, the machine keeps it to protect you.',
    countdown_other: 'If it is not taken within {{count}} seconds, the machine keeps it to protect you.',
    slot: 'Card slot',
  },
  completing: {
    title: 'Finishing…',
    message: 'Recording your new card.',
  },
  done: {
    title: 'Your card is ready',
    issued: 'Your debit card ending in {{last4}} has been issued.',
    nextTitle: 'What to do next',
    activate: "Activate your card in the bank's app before you use it.",
  },
  offerMail: {
    title: 'Your card cannot be printed here right now',
    offer: 'We can send the card to the address in your order.',
    mail: 'Send it by mail',
  },
  requestingMail: {
    title: 'Requesting delivery by mail…',
    message: 'Recording your request.',
  },
  mailRequested: {
    title: 'Your card will be sent by mail',
    message: 'It goes to the address in your order.',
    activate: "When it arrives, activate it in the bank's app.",
  },
  failed: {
    title: 'Sorry, your card could not be issued',
    generic: 'Something went wrong.',
    destroyed:
      'That card was destroyed inside the machine. Its card number will never work, so nobody can use it.',
    mailOffer: 'We can send you a new card by mail, to the address in your order.',
    mail: 'Send a new card by mail',
    helpTitle: 'Where to get help',
    teller: 'Call a teller',
    staff: 'Ask a member of the branch staff.',
    app: "Or contact us from the bank's app.",
  },
  cancelled: {
    title: 'Card request cancelled',
    message: 'No card was made, and nothing has changed.',
  },
  receipt: {
    printing: 'Printing your receipt…',
    printed: 'Please take your receipt.',
    unavailable: 'The receipt printer is not available, so there is no receipt this time.',
    failed: 'Your receipt could not be printed.',
  },
  message: {
    orderNotFound: 'No card order has that code. Please check it and type it again.',
    noOrderForDocument:
      'We found no card order for this document. If you ordered a card in the app, you can type its order code.',
    orderNotOpen:
      'That order can no longer be printed: its card was already issued or sent by mail, or the order was cancelled.',
    orderInProgress:
      'A card for that order is being made or checked by the bank right now. Please try again in a few minutes, or ask for help.',
    orderExpired: 'That order has expired. You can make a new one in the app.',
    declined: 'The bank did not approve the card.',
    offline: 'The kiosk cannot reach the bank right now.',
    printerUnavailable: 'The card printer is not available.',
    retrying:
      'There was a problem with the first card. It was destroyed inside the machine, so it can never be used. A new card is being made for you.',
    cardSpoiled: 'Something went wrong while your card was being made.',
    cardRetained: 'The card was not taken in time, so the machine kept it.',
    interrupted: 'The card printer stopped while your card was being made.',
    tellerRejected: 'The teller did not approve the card.',
    tellerUnavailable: 'No teller could approve your card now.',
  },
};
