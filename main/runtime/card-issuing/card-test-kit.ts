import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AnyActorLogic, createActor, createMachine } from 'xstate';
import {
  type IssuedCardData,
  luhnCheckDigit,
  type ReceiptDocument,
  type ReceiptPrinter,
  succeeded,
} from '../../../contracts/index.ts';
import { createMemoryLogger } from '../../../platform/log.ts';
import { openDatabase } from '../../../platform/sqlite.ts';
import type {
  ProduceCardEvent,
  ProduceCardInput,
  ProduceCardOutput,
} from '../../../state-machines/card-issuing/card-issuing-types.ts';
import type { CardIssue } from '../backend/backend-link.ts';
import { openJournalStore } from '../journal/journal-store.ts';
import type { JournalStore } from '../journal/types.ts';
import { KIOSK_MIGRATIONS } from '../store/migrations.ts';
import { createCardDataVault } from './card-data-vault.ts';
import { type CardIssuingDeps, createCardIssuingActors } from './card-issuing-actors.ts';
import { createFakeCardPrinter } from './fake-card-printer.ts';

/** Test kit of the card issuing module: a real journal on a fresh SQLite file, fakes for devices. */

export const ORDER_REF = 'ord-7f3a9c21';

/** A valid card number: 15 random-looking digits and their Luhn check digit. */
export function testPan(seed: number): string {
  const body = `400000${String(100_000_000 + seed).slice(-9)}`;
  return `${body}${luhnCheckDigit(body)}`;
}

export function testCard(seed = 1): IssuedCardData {
  return {
    cardId: randomUUID(),
    pan: testPan(seed),
    surname: 'ESPINOSA',
    givenNames: 'ANA MARIA',
    expiry: '2911',
    serviceCode: '101',
    discretionary: '000123',
  };
}

export function openTestJournal(): { journal: JournalStore; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'ventanilla-card-')), 'kiosk.sqlite');
  return { journal: openJournalStore(openDatabase(path, KIOSK_MIGRATIONS)), path };
}

/** Everything SQLite wrote for this database (main file and WAL), as text, to search for data. */
export function databaseText(path: string): string {
  return [path, `${path}-wal`]
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');
}

export function createFakeReceiptPrinter() {
  const printed: ReceiptDocument[] = [];
  const printer: ReceiptPrinter = {
    device: 'receiptPrinter',
    start: async () => undefined,
    stop: async () => undefined,
    status: () => ({
      device: 'receiptPrinter',
      state: 'online',
      ready: true,
      detail: {},
      action: 'none',
      message: null,
      since: new Date().toISOString(),
    }),
    onStatus: () => () => undefined,
    refreshStatus: async () => succeeded(printer.status()),
    print: async (document) => {
      printed.push(document);
      return succeeded({ bytes: 100 });
    },
  };
  return { printer, printed };
}

export function setUpCardIssuing(overrides: Partial<CardIssuingDeps> = {}) {
  const { journal, path } = openTestJournal();
  const fake = createFakeCardPrinter();
  const receipts = createFakeReceiptPrinter();
  const vault = createCardDataVault();
  const issued: IssuedCardData[] = [];
  let nextIssue: (() => Promise<CardIssue>) | null = null;
  const recorded = { count: 0 };
  let activity = 0;
  const log = createMemoryLogger();
  const deps: CardIssuingDeps = {
    printer: fake.printer,
    receiptPrinter: receipts.printer,
    journal: () => journal,
    lookupCardOrder: async () => ({ status: 'notFound' }),
    issueCard: async () => {
      if (nextIssue) return nextIssue();
      const card = testCard(issued.length + 1);
      issued.push(card);
      return { status: 'approved', card };
    },
    vault,
    language: () => 'en',
    onActivity: () => {
      activity += 1;
    },
    onRecorded: () => {
      recorded.count += 1;
    },
    bankName: 'Banco',
    kioskId: 'k1',
    log,
    takeTimeoutMs: 30_000,
    ...overrides,
  };
  const card = createCardIssuingActors(deps);
  return {
    journal,
    path,
    fake,
    receipts,
    vault,
    issued,
    recorded,
    log,
    card,
    activity: () => activity,
    /** The next `issueCard` answers with this. */
    answerIssue(answer: () => Promise<CardIssue>) {
      nextIssue = answer;
    },
    records(type: string) {
      return journal.search({ type, limit: 100 }).map((entry) => entry.data as Record<string, unknown>);
    },
  };
}

/** Runs a promise actor to its output. */
export function runPromise<TOutput, TInput>(logic: AnyActorLogic, input: TInput): Promise<TOutput> {
  return new Promise((resolve, reject) => {
    const actor = createActor(logic, { input });
    actor.subscribe({ complete: () => resolve(actor.getSnapshot().output as TOutput), error: reject });
    actor.start();
  });
}

/** Runs the produce-card callback actor under a parent that keeps every event it sends. */
export function runProduce(
  logic: AnyActorLogic,
  input: ProduceCardInput,
): Promise<{ phases: string[]; result: ProduceCardOutput; produced: number }> {
  return new Promise((resolve) => {
    const events: ProduceCardEvent[] = [];
    const parent = createActor(
      createMachine({
        invoke: { src: logic, input },
        on: {
          '*': {
            actions: ({ event }) => {
              events.push(event as ProduceCardEvent);
              if (event.type === 'CARD_PRODUCED') {
                // Let any stray second CARD_PRODUCED arrive before answering.
                setTimeout(() => {
                  parent.stop();
                  resolve({
                    phases: events.flatMap((e) => (e.type === 'CARD_PHASE' ? [e.phase] : [])),
                    result: (event as Extract<ProduceCardEvent, { type: 'CARD_PRODUCED' }>).result,
                    produced: events.filter((e) => e.type === 'CARD_PRODUCED').length,
                  });
                }, 20);
              }
            },
          },
        },
      }),
    );
    parent.start();
  });
}
