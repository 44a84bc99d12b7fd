import { cardEn } from './card/en.ts';
import { callEn } from './call/en.ts';
import { identifyEn } from './identify/en.ts';

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
  deposit: {
    cancel: 'Cancel',
    account: {
      title: 'Which account is the cash for?',
      hint: 'Type the account number (6 to 20 digits).',
      typedLabel: 'Account number',
      nothingTyped: 'No digits yet',
      delete: 'Delete',
      continue: 'Continue',
    },
    verifying: {
      title: 'Checking the account…',
    },
    confirmHolder: {
      title: 'Is this your account?',
      account: 'Account {{account}}',
      yes: 'Yes, it is',
      no: 'No, it is not',
    },
    inserting: {
      title: 'Insert your cash',
      instruction: 'Insert notes one at a time, and coins.',
      totalLabel: 'Counted so far',
      notes: 'Notes',
      coins: 'Coins',
      countLine: '{{count}} × {{amount}}',
      nothingYet: 'Nothing counted yet.',
      offlineLimit: 'Working offline: this deposit can be up to {{amount}}.',
      keptIfCancelled:
        'Cash already counted cannot be given back: if you cancel, {{amount}} is still credited to your account.',
      done: 'Done',
    },
    escrow: {
      title: '{{amount}} note',
      question: 'Add it to your deposit?',
      add: 'Add it',
      giveBack: 'Give it back',
    },
    routing: {
      title: 'One moment…',
      message: 'Handling your note.',
    },
    confirming: {
      title: 'Check your deposit',
      account: 'To account {{account}}',
      totalLabel: 'Total',
      deposit: 'Deposit {{amount}}',
    },
    completing: {
      title: 'Recording your deposit…',
    },
    done: {
      title: 'Deposit recorded',
      titleCancelled: 'Deposit cancelled: the cash already counted is recorded',
      credited: '{{amount}} is credited to account {{account}}.',
      creditedOffline:
        '{{amount}} will be credited to account {{account}} as soon as the kiosk reconnects to the bank.',
    },
    cancelled: {
      title: 'Deposit cancelled',
      message: 'Nothing was deposited. Please make sure you have taken all your cash.',
    },
    interrupted: {
      title: 'Deposit interrupted',
      credited: '{{amount}} counted before the problem is credited to account {{account}}.',
      creditedOffline:
        '{{amount}} counted before the problem will be credited to account {{account}} when the kiosk reconnects.',
      nothingCounted: 'Nothing was counted.',
      staff: 'If a note was not given back to you, please ask a member of staff.',
    },
    receipt: {
      printing: 'Printing your receipt…',
      printed: 'Please take your receipt.',
      unavailable: 'The receipt printer is not available, so there is no receipt this time.',
      failed: 'Your receipt could not be printed.',
    },
    message: {
      accountNotFound: 'That account was not found. Please check the number and try again.',
      holderRejected: 'Please type the number of the account you want to pay into.',
      noteRejected: 'That note could not be accepted. Please take it back.',
      fraud: 'The note reader stopped because a note looked suspicious.',
      jam: 'A note jammed in the note reader.',
      stackerFull: 'The kiosk cannot hold any more notes.',
      limitNoteGivenBack: 'That note would take this deposit over the offline limit, so it is given back.',
      limitReached: 'This deposit has reached the offline limit: no more cash can be added.',
      deviceDown: 'The cash reader stopped working.',
      noteReturned: 'Your note was given back. Please take it.',
      offlineDeposit:
        'The bank cannot be reached right now: the account holder cannot be checked, and the deposit is credited when the kiosk reconnects.',
    },
  },
  /** The card issuing flow: in card/, one file per language, to keep these files short. */
  card: cardEn,
  /** Identifying the customer (ID document or the app's QR code), shared by the flows: in identify/. */
  identify: identifyEn,
  /** The video teller call, over any screen: in call/. */
  call: callEn,
  disconnected: {
    title: 'One moment, please…',
    message: 'The kiosk is reconnecting.',
  },
};

/** The shape every language's strings must have: the same keys as English, any text. */
export type KioskStrings = DeepStrings<typeof en>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
