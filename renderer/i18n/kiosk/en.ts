/**
 * Kiosk UI strings in English: the reference set. Spanish and Chinese must have exactly these keys
 * (checked by the type of `KioskStrings` and by a test).
 */
export const en = {
  /** The language's own name, shown on its button. */
  languageName: 'English',
  attract: {
    welcome: 'Welcome',
    start: 'Touch to start',
  },
  language: {
    title: 'Choose your language',
    back: 'Back',
  },
  menu: {
    title: 'What would you like to do?',
    finish: 'Finish',
    offlineNotice:
      'Working offline: services that need the bank are unavailable until the connection returns.',
    unavailable: {
      notBuilt: 'Not available yet',
      deviceDown: 'Temporarily unavailable',
      offline: 'Needs a connection to the bank',
    },
  },
  flows: {
    cardIssuing: 'Get a debit card',
    accountOpening: 'Open an account',
    cashDeposit: 'Deposit cash',
    cashWithdrawal: 'Withdraw cash',
    videoTeller: 'Talk to a teller',
  },
  flow: {
    step: 'Step: {{step}}',
    back: 'Back',
  },
  goodbye: {
    title: 'Thank you',
    receipt: {
      printing: 'Printing your receipt…',
      printed: 'Please take your receipt',
      unavailable: 'The receipt printer is not available, so there is no receipt this time',
      failed: 'Your receipt could not be printed',
    },
  },
  outOfService: {
    title: 'Sorry',
    message: 'This kiosk is out of service right now. Please come back later.',
  },
  starting: {
    title: 'Getting ready…',
  },
  timeout: {
    title: 'Do you need more time?',
    countdown_one: 'The session ends in {{count}} second',
    countdown_other: 'The session ends in {{count}} seconds',
    moreTime: 'Yes, more time',
    finish: 'No, finish',
  },
  disconnected: {
    title: 'One moment, please…',
    message: 'The kiosk is reconnecting.',
  },
};

/** The shape every language's strings must have: the same keys as English, any text. */
export type KioskStrings = DeepStrings<typeof en>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
