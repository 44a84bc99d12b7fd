import { describe, expect, it } from 'vitest';
import { CARD_PANEL_HEIGHT, CARD_PANEL_WIDTH } from '../../contracts/devices/card-printer.ts';
import { EvolisCommandDecoder } from '../../device-drivers/codecs/evolis/command-decoder.ts';
import { encodeCommand, encodeKPanelDownload } from '../../device-drivers/codecs/evolis/command-encoder.ts';
import { bankTrack1, bankTrack2 } from '../../device-drivers/codecs/magstripe/bank-format.ts';
import { CardPrinterModel, type CardPrinterModelOptions } from './card-printer-model.ts';
import { FAST_TIMINGS } from './card-printer-timings.ts';
import { toPrintedCard } from './simulated-card.ts';

const fields = { pan: '4000001234567899', expiry: '2512', serviceCode: '201', discretionary: '123' };
const TRACK1 = bankTrack1({ ...fields, surname: 'García', givenNames: 'Ana' });
const TRACK2 = bankTrack2(fields);

/** A panel with ink on every row: the first byte of each row is 0xF0. */
function inkedPanel() {
  const data = new Uint8Array((CARD_PANEL_WIDTH / 8) * CARD_PANEL_HEIGHT);
  for (let row = 0; row < CARD_PANEL_HEIGHT; row++) data[row * (CARD_PANEL_WIDTH / 8)] = 0xf0;
  return { width: CARD_PANEL_WIDTH, height: CARD_PANEL_HEIGHT, data };
}

/** A printer driven through the real codecs, as bytes would arrive from the host. */
function printer(options: Partial<CardPrinterModelOptions> = {}) {
  const model = new CardPrinterModel({
    feederCards: 100,
    ribbonPanels: 200,
    rejectCapacity: 20,
    timings: FAST_TIMINGS,
    now: () => new Date('2026-01-02T03:04:05Z'),
    random: () => 0.5,
    ...options,
  });
  const decoder = new EvolisCommandDecoder();
  /** Sends bytes; returns each reply line (null for silence) and the mechanical time. */
  const sendBytes = (bytes: Buffer) =>
    decoder.push(bytes).map((frame) => {
      const step = model.receive(frame);
      return { line: step.reply?.toString('latin1').replace(/\r$/, '') ?? null, ms: step.mechanicalMs };
    });
  const send = (command: string, ...args: (string | number)[]) =>
    sendBytes(encodeCommand(command, args))[0]!.line;
  const printPanel = () => sendBytes(encodeKPanelDownload(inkedPanel()))[0]!.line;
  /** Pick, encode and read back both tracks, print: a card inside, ready to eject. */
  const personalise = () => {
    expect(send('Ss')).toBe('OK');
    expect(send('Si')).toBe('OK');
    expect(send('Dm', 1, TRACK1)).toBe('OK');
    expect(send('Dm', 2, TRACK2)).toBe('OK');
    expect(send('Smw')).toBe('OK');
    expect(send('Rm', 1)).toBe(TRACK1);
    expect(send('Rm', 2)).toBe(TRACK2);
    expect(send('Sr')).toBe('OK');
    expect(printPanel()).toBe('OK');
    expect(send('Sp')).toBe('OK');
  };
  return { model, send, sendBytes, printPanel, personalise };
}

describe('card printer model: a whole job', () => {
  it('picks, encodes, reads back, prints, ejects; the customer takes the card', () => {
    const { model, send, personalise } = printer();
    expect(send('Rst')).toBe('READY;PRINTER_READY');
    expect(send('Rfv')).toMatch(/^VENTANILLA-SIM/);
    personalise();
    expect(send('Rcp')).toBe('inPrinter');
    expect(send('Seo')).toBe('OK');
    expect(send('Se')).toBe('OK');
    expect(send('Rcp')).toBe('atExit');
    expect(model.take()).toBe(true);
    expect(model.take()).toBe(false);
    expect(send('Rcp')).toBe('none');
    expect(send('Rco')).toBe('1;1;0');
    expect(send('Rsp')).toBe('99;0;199;0;0;20');
    const card = toPrintedCard(model.lastCard()!);
    expect(card).toMatchObject({
      id: 1,
      location: 'taken',
      printed: true,
      pickedAt: '2026-01-02T03:04:05.000Z',
    });
    expect(card.tracks).toEqual([
      { track: 1, valid: true, masked: '%B400000******7899^GARCIA/ANA^2512201123?-' },
      { track: 2, valid: true, masked: ';400000******7899=2512201123?2' },
    ]);
    const { pick, writeStripe, readTrack, print, eject } = FAST_TIMINGS;
    expect(card.mechanicalMs).toBe(pick + writeStripe + 2 * readTrack + print + eject);
    expect(model.lastCard()!.ink![0]).toBe(0xf0);
  });

  it('reports the mechanical time of each step so the process can delay the reply', () => {
    const { sendBytes } = printer();
    const steps = sendBytes(Buffer.concat(['Ss', 'Si', 'Seo', 'Rst'].map((c) => encodeCommand(c))));
    expect(steps.map((step) => step.ms)).toEqual([0, FAST_TIMINGS.pick, FAST_TIMINGS.eject, 0]);
  });

  it('counts wire time into the card when a byte time is given', () => {
    const { model, send } = printer({ byteTimeMs: 1 });
    send('Si');
    // ESC Si CR (4 bytes) + OK CR (3 bytes).
    expect(model.lastCard()!.mechanicalMs).toBe(FAST_TIMINGS.pick + 7);
  });

  it('rejects a card from inside or from the exit into the bin', () => {
    const { model, send } = printer();
    send('Si');
    expect(send('Ser')).toBe('OK');
    send('Si');
    send('Seo');
    expect(send('Ser')).toBe('OK');
    expect(send('Rco')).toBe('2;1;2');
    expect(model.supplies().rejectBinCards).toBe(2);
    expect(model.lastCard()!.location).toBe('rejectBin');
    expect(send('Rcp')).toBe('none');
  });
});

describe('card printer model: sequencing', () => {
  it('answers SEQ for steps without a card, a pick with one inside, writing before a download', () => {
    const { send, printPanel } = printer();
    for (const command of ['Smw', 'Sp', 'Seo', 'Ser']) expect(send(command), command).toBe('ERR;SEQ');
    expect(send('Rm', 1)).toBe('ERR;SEQ');
    expect(send('Si')).toBe('OK');
    expect(send('Si')).toBe('ERR;SEQ');
    expect(send('Smw')).toBe('ERR;SEQ'); // no track downloaded
    expect(send('Sp')).toBe('ERR;SEQ'); // no panel downloaded
    expect(printPanel()).toBe('OK');
    expect(send('Seo')).toBe('OK');
    // At the exit: nothing more to encode, print or eject, and no second pick.
    expect(send('Dm', 2, TRACK2)).toBe('OK');
    for (const command of ['Smw', 'Sp', 'Seo', 'Si']) expect(send(command), command).toBe('ERR;SEQ');
  });

  it('Se drops what was downloaded', () => {
    const { send } = printer();
    send('Si');
    send('Dm', 2, TRACK2);
    send('Se');
    expect(send('Smw')).toBe('ERR;SEQ');
  });

  it('answers CDE for unknown or unparsable commands and PARAM for bad arguments', () => {
    const { send, sendBytes } = printer();
    expect(send('Xyz')).toBe('ERR;CDE');
    expect(sendBytes(Buffer.from('\x1b12\r', 'latin1'))[0]!.line).toBe('ERR;CDE');
    expect(send('Rst', 1)).toBe('ERR;PARAM');
    expect(send('Dm', 4, TRACK2)).toBe('ERR;PARAM');
    expect(send('Dm', 2, ';123?0')).toBe('ERR;PARAM'); // wrong LRC
    expect(send('Dm', 1, TRACK2)).toBe('ERR;PARAM'); // a track 2 on track 1
    expect(send('Rm', 'x')).toBe('ERR;PARAM');
    expect(sendBytes(encodeCommand('Dbc', ['k', 648, 1], Uint8Array.of(0)))[0]!.line).toBe('ERR;PARAM'); // 1 row, not 648
    expect(sendBytes(encodeCommand('Dbc', ['y', 648, 648], new Uint8Array(648)))[0]!.line).toBe('ERR;PARAM');
    expect(sendBytes(encodeCommand('Dbc', ['k', 648, 648], new Uint8Array(648)))[0]!.line).toBe('OK');
  });

  it('reading a track that was never written fails like a bad stripe', () => {
    const { send } = printer();
    send('Si');
    send('Dm', 2, TRACK2);
    send('Smw');
    expect(send('Rm', 2)).toBe(TRACK2);
    expect(send('Rm', 3)).toBe('ERR;ERR_READ_MAGNETIC');
    expect(send('Rst')).toBe('WARNING;INF_CARD_INSIDE'); // an unwritten track is no write failure
  });

  it('a card inside with no job open is INF_CARD_INSIDE', () => {
    const { send } = printer();
    send('Ss');
    send('Si');
    expect(send('Rst')).toBe('READY;PRINTER_READY');
    send('Se');
    expect(send('Rst')).toBe('WARNING;INF_CARD_INSIDE');
  });
});

describe('card printer model: supplies', () => {
  it('warns when the feeder is near empty and the ribbon low, errs when they are out', () => {
    const { send } = printer({ feederCards: 10, ribbonPanels: 10 });
    expect(send('Rst')).toBe('READY;PRINTER_READY');
    for (let i = 0; i < 9; i++) {
      send('Si');
      send('Ser');
    }
    expect(send('Rsp')).toBe('1;1;10;0;9;20');
    expect(send('Rst')).toBe('WARNING;INF_FEEDER_NEAR_EMPTY');
    send('Si');
    send('Ser');
    expect(send('Rst')).toBe('ERROR;FEEDER_EMPTY');
    expect(send('Si')).toBe('ERR;FEEDER_EMPTY');
  });

  it('refuses to pick with the reject bin full, and a reject into a full bin', () => {
    const { model, send } = printer({ rejectCapacity: 1 });
    send('Si');
    expect(send('Ser')).toBe('OK');
    expect(send('Rst')).toBe('ERROR;ERR_REJECT_BOX_FULL');
    expect(send('Si')).toBe('ERR;ERR_REJECT_BOX_FULL');
    model.replenish();
    expect(send('Si')).toBe('OK');
    model.injectFault('rejectBinFull');
    expect(send('Ser')).toBe('ERR;ERR_REJECT_BOX_FULL');
    expect(send('Rcp')).toBe('inPrinter');
  });

  it('replenish refills cards and ribbon, empties the bin and clears the supply faults', () => {
    const { model, send } = printer({ feederCards: 5 });
    send('Si');
    send('Ser');
    model.injectFault('feederEmpty');
    model.injectFault('ribbonEnded');
    expect(send('Rsp')).toBe('0;1;0;1;1;20');
    model.replenish();
    expect(send('Rsp')).toBe('5;0;200;0;0;20');
    expect(model.state(true).faults).toEqual([]);
    expect(send('Rco')).toBe('1;0;1'); // counters are lifetime: replenish keeps them
  });
});

describe('card printer model: faults', () => {
  it('coverOpen: status error and every mechanical step refused; the card stays put', () => {
    const { model, send } = printer();
    send('Si');
    model.injectFault('coverOpen');
    expect(send('Rst')).toBe('ERROR;ERR_COVER_OPEN,INF_CARD_INSIDE');
    for (const command of ['Si', 'Seo', 'Ser']) expect(send(command)).toBe('ERR;ERR_COVER_OPEN');
    expect(send('Rcp')).toBe('inPrinter');
    model.clearFault('coverOpen');
    expect(send('Seo')).toBe('OK');
  });

  it('ribbonEnded: no pick, no print', () => {
    const { model, send, printPanel } = printer();
    send('Si');
    printPanel();
    model.injectFault('ribbonEnded');
    expect(send('Sp')).toBe('ERR;RIBBON_ENDED');
    expect(model.lastCard()!.ink).toBeNull();
    send('Ser');
    expect(send('Si')).toBe('ERR;RIBBON_ENDED');
    expect(send('Rst')).toBe('ERROR;RIBBON_ENDED');
    model.clearFault('ribbonEnded');
    expect(send('Rsp')).toBe('99;0;200;0;1;20');
  });

  it('ribbonEndsMidJob: the next print stops part way, the ribbon is empty', () => {
    const { model, send, printPanel } = printer({ random: () => 0.5 });
    model.injectFault('ribbonEndsMidJob');
    send('Si');
    printPanel();
    expect(send('Sp')).toBe('ERR;RIBBON_ENDED');
    expect(model.hasFault('ribbonEndsMidJob')).toBe(false);
    expect(model.supplies().ribbonPanels).toBe(0);
    expect(send('Rst')).toMatch(/^ERROR;RIBBON_ENDED/);
    const card = model.lastCard()!;
    expect(card.printed).toBe(false);
    // random 0.5 → the ribbon ends at half the card: rows 0–323 inked, 324 on blank.
    expect(card.ink![323 * 127]).toBe(0xf0);
    expect(card.ink![324 * 127]).toBe(0);
    expect(card.mechanicalMs).toBe(FAST_TIMINGS.pick + FAST_TIMINGS.print / 2);
  });

  it('feederEmpty: no card to pick', () => {
    const { model, send } = printer();
    model.injectFault('feederEmpty');
    expect(send('Si')).toBe('ERR;FEEDER_EMPTY');
    expect(send('Rco')).toBe('0;0;0');
    model.clearFault('feederEmpty');
    expect(send('Si')).toBe('OK');
  });

  it('cardJam: the next step after the pick jams, the card stays until staff remove it', () => {
    const { model, send } = printer();
    model.injectFault('cardJam');
    send('Ss');
    expect(send('Si')).toBe('OK');
    send('Dm', 2, TRACK2);
    expect(send('Smw')).toBe('ERR;ERR_MECHANICAL');
    expect(send('Rst')).toBe('ERROR;ERR_MECHANICAL');
    for (const command of ['Si', 'Seo', 'Ser', 'Sp']) expect(send(command)).toBe('ERR;ERR_MECHANICAL');
    expect(send('Rcp')).toBe('inPrinter');
    model.clearFault('cardJam');
    expect(send('Rcp')).toBe('none');
    expect(model.lastCard()!.location).toBe('rejectBin');
    // Removed by hand: the printer neither ejected nor rejected it.
    expect(send('Rco')).toBe('1;0;0');
    expect(model.supplies().rejectBinCards).toBe(0);
    expect(send('Rst')).toBe('READY;PRINTER_READY');
    expect(send('Si')).toBe('OK');
  });

  it('encodingFailure: the next write is corrupt, its read-back fails, the next card is fine', () => {
    const { model, send } = printer();
    model.injectFault('encodingFailure');
    send('Si');
    send('Dm', 1, TRACK1);
    send('Dm', 2, TRACK2);
    expect(send('Smw')).toBe('OK');
    expect(model.hasFault('encodingFailure')).toBe(false);
    expect(send('Rm', 1)).toBe('ERR;ERR_READ_MAGNETIC');
    expect(send('Rm', 2)).toBe('ERR;ERR_READ_MAGNETIC');
    expect(send('Rst')).toBe('ERROR;ERR_WRITE_MAGNETIC,INF_CARD_INSIDE');
    expect(toPrintedCard(model.lastCard()!).tracks.map((track) => track.valid)).toEqual([false, false]);
    expect(send('Ser')).toBe('OK');
    expect(send('Rst')).toBe('READY;PRINTER_READY');
    send('Si');
    send('Dm', 2, TRACK2);
    send('Smw');
    expect(send('Rm', 2)).toBe(TRACK2);
  });

  it('powerLossBeforeEject: silent after the print until cleared, then the card is still inside', () => {
    const { model, send, personalise } = printer();
    model.injectFault('powerLossBeforeEject');
    personalise();
    expect(send('Seo')).toBeNull();
    expect(send('Rst')).toBeNull();
    model.clearFault('powerLossBeforeEject');
    expect(send('Rst')).toBe('WARNING;INF_CARD_INSIDE');
    expect(send('Rcp')).toBe('inPrinter');
    expect(send('Rco')).toBe('1;0;0');
    expect(send('Ss')).toBe('OK');
    expect(send('Ser')).toBe('OK');
    expect(send('Se')).toBe('OK');
    expect(send('Rco')).toBe('1;0;1');
  });

  it('noReply: silent and nothing done; garbage: random bytes and nothing done', () => {
    const { model, send, sendBytes } = printer({ random: () => 0.25 });
    model.injectFault('noReply');
    expect(send('Si')).toBeNull();
    model.clearFault('noReply');
    expect(send('Rco')).toBe('0;0;0');
    model.injectFault('garbage');
    const [step] = sendBytes(encodeCommand('Si'));
    expect(step!.line).not.toBeNull();
    expect(step!.line).not.toBe('OK');
    model.clearAllFaults();
    expect(send('Rco')).toBe('0;0;0');
  });

  it('state for the control API', () => {
    const { model, send } = printer();
    send('Si');
    model.injectFault('coverOpen');
    expect(model.state(true)).toEqual({
      device: 'cardPrinter',
      faults: ['coverOpen'],
      supplies: {
        feederCards: 99,
        feederNearEmpty: false,
        ribbonPanels: 200,
        ribbonLow: false,
        rejectBinCards: 0,
        rejectBinCapacity: 20,
        picked: 1,
        ejected: 0,
        rejected: 0,
        position: 'inPrinter',
        lastCardId: 1,
      },
      plugged: true,
    });
  });
});
