/**
 * Identify-customer strings in English, the reference set: Spanish and Chinese must have exactly
 * these keys (checked by the type of `KioskStrings` and by a test). Any flow that identifies the
 * customer shows these screens, so nothing here speaks of one flow.
 */
export const identifyEn = {
  back: 'Back',
  /** Back from a failure: to the list of ways to identify. */
  otherWay: 'Choose another way',
  scanAgain: 'Scan again',
  attemptsLeft_one: 'You can try {{count}} more time.',
  attemptsLeft_other: 'You can try {{count}} more times.',
  waiting: {
    title: 'One moment…',
  },
  placeDocument: {
    title: 'Place your passport or ID card on the scanner',
    open: 'Open your passport at the photo page. An ID card: the side with your photo.',
    faceDown: 'Lay it photo side down on the glass, flat.',
    edge: 'Put the lines of letters and <<< signs at the bottom of the page toward the edge marked on the scanner.',
    still: 'Hold still: reading starts by itself.',
    illustration:
      'A document lying photo side down on the scanner glass, with the lines of characters along the marked edge',
  },
  reading: {
    title: 'Reading your document…',
    message: 'Please do not move the document.',
  },
  rescan: {
    title: 'We could not read your document',
    tip: 'Lay it flat, photo side down, with the lines of characters toward the marked edge.',
    titleQr: 'This code could not be used',
    tipQr: "Open the code again in the bank's app and hold it still under the scanner.",
  },
  confirmDocument: {
    title: 'Is this you?',
    intro: 'Please check the details read from your document.',
    surname: 'Surname',
    givenNames: 'Given names',
    kind: 'Document',
    kinds: {
      passport: 'Passport',
      idCard: 'ID card',
      other: 'Identity document',
    },
    number: 'Document number',
    nationality: 'Nationality',
    birthDate: 'Date of birth',
    expiryDate: 'Valid until',
    confirm: "Yes, it's me",
    wrong: 'No, scan again',
    takeBack: 'Remember to take your document with you.',
  },
  scanQr: {
    title: 'Show the QR code from the app',
    open: "Open the bank's app and show the QR code on your phone's screen.",
    hold: 'Hold the screen facing down, about 10 cm above the scanner window.',
    still: 'Hold still until you hear a beep.',
    illustration: 'A phone held screen down above the scanner window, showing a QR code',
  },
  verifyingQr: {
    title: 'Checking your code…',
    message: 'This only takes a moment.',
  },
  failed: {
    title: 'We could not identify you',
    generic: 'Identification did not work this time.',
    helpTitle: 'Where to get help',
    teller: 'Call a teller',
    unavailable: 'Not available yet at this kiosk',
    staff: 'Ask a member of the branch staff: they can check your document.',
    helpLine: "Or call our help line, shown in the bank's app.",
  },
  message: {
    unreadable: 'We could not find the lines of characters on your document.',
    notCertain: 'We could not read every character for certain.',
    noDocument: 'We did not detect a document on the scanner.',
    documentExpired: 'This document has expired. Please use a valid passport or ID card.',
    scannerUnavailable: 'The scanner is not working right now.',
    tooManyAttempts: 'We tried several times but could not read it.',
    qrForged: 'This QR code is not valid: it was not issued by the bank, or it was altered.',
    qrExpired: "This QR code has expired. Open the bank's app to get a new one.",
    qrWrongKind: 'This QR code is for a different service.',
    qrUnknown: "This is not a QR code from the bank's app.",
    noCode: 'We did not see a QR code.',
  },
};
