import { SerialPortMock } from 'serialport';
import type { CardPosition, CardPrinterCounters } from '../../contracts/devices/card-printer.ts';
import {
  decompressPanelRows,
  EvolisCommandDecoder,
  encodeReplyLine,
  formatCounters,
  formatStatus,
  formatSupplies,
  MINOR,
  majorForMinors,
  PANEL_BYTES_PER_ROW,
} from '../codecs/evolis/index.ts';
import type { SerialPortLike } from '../transport/serial-link.ts';

/**
 * A card printer for unit tests, on `@serialport/binding-mock`: decodes each command with the
 * Evolis codec and answers like docs/card-printer-protocol.md says, from a small model (feeder,
 * ribbon, reject bin, card position, counters, stripe). `override` replaces the answer to a
 * command: a reply line, raw bytes, `null` for silence, or `undefined` for the model's answer.
 *
 * `log` lists, in order, every command received (`>Rst`) and every reply sent (`<OK`), so tests
 * can check that commands never overlap and which ones went out.
 */
export interface FakeCardPrinter {
  openPort: (path: string, baudRate: number) => SerialPortLike;
  model: {
    feederCards: number;
    ribbonPanels: number;
    rejectBinCards: number;
    rejectBinCapacity: number;
    coverOpen: boolean;
    jam: boolean;
    position: CardPosition;
    inSequence: boolean;
    counters: CardPrinterCounters;
    /** Tracks as written on the stripe of the card inside, by number. */
    stripe: Map<number, string>;
    /** The next stripe write is corrupt: every track reads back as ERR_READ_MAGNETIC. */
    corruptNextWrite: boolean;
    printed: number;
  };
  log: string[];
  /** Every byte written to the printer, for checks that nothing else went out. */
  written: () => Buffer;
  replyDelayMs: number;
  /** Per-command reply delay (e.g. a slow print); `replyDelayMs` for the others. */
  delays: Record<string, number>;
  override: (command: string, args: string[]) => string | Buffer | null | undefined;
  /** The customer takes the card at the exit. */
  take(): void;
  ports: SerialPortMock[];
}

export function fakeCardPrinter(): FakeCardPrinter {
  const downloaded = new Map<number, string>();
  const chunks: Buffer[] = [];
  let busyUntil = 0;
  const fake: FakeCardPrinter = {
    openPort,
    model: {
      feederCards: 50,
      ribbonPanels: 500,
      rejectBinCards: 0,
      rejectBinCapacity: 20,
      coverOpen: false,
      jam: false,
      position: 'none',
      inSequence: false,
      counters: { picked: 0, ejected: 0, rejected: 0 },
      stripe: new Map(),
      corruptNextWrite: false,
      printed: 0,
    },
    log: [],
    written: () => Buffer.concat(chunks),
    replyDelayMs: 2,
    delays: {},
    override: () => undefined,
    take() {
      if (fake.model.position === 'atExit') fake.model.position = 'none';
    },
    ports: [],
  };
  const m = fake.model;

  const minors = (): string[] => {
    const words: string[] = [];
    if (m.coverOpen) words.push(MINOR.coverOpen);
    if (m.ribbonPanels === 0) words.push(MINOR.ribbonEnded);
    if (m.feederCards === 0) words.push(MINOR.feederEmpty);
    if (m.rejectBinCards >= m.rejectBinCapacity) words.push(MINOR.rejectBoxFull);
    if (m.jam) words.push(MINOR.mechanical);
    if (m.position === 'inPrinter' && !m.inSequence) words.push(MINOR.cardInside);
    return words.length > 0 ? words : [MINOR.printerReady];
  };

  const blocked = (): string | null => {
    if (m.coverOpen) return `ERR;${MINOR.coverOpen}`;
    if (m.jam) return `ERR;${MINOR.mechanical}`;
    return null;
  };

  const answer = (command: string, args: string[], payload: Buffer | null): string => {
    switch (command) {
      case 'Rst': {
        const words = minors();
        return formatStatus({ major: majorForMinors(words), minors: words });
      }
      case 'Rsp':
        return formatSupplies({
          feederCards: m.feederCards,
          feederNearEmpty: m.feederCards < 10,
          ribbonPanels: m.ribbonPanels,
          ribbonLow: m.ribbonPanels < 50,
          rejectBinCards: m.rejectBinCards,
          rejectBinCapacity: m.rejectBinCapacity,
        });
      case 'Rco':
        return formatCounters(m.counters);
      case 'Rcp':
        return m.position;
      case 'Ss':
        m.inSequence = true;
        return 'OK';
      case 'Se':
        m.inSequence = false;
        return 'OK';
      case 'Si': {
        const refusal = blocked();
        if (refusal) return refusal;
        if (m.feederCards === 0) return `ERR;${MINOR.feederEmpty}`;
        if (m.ribbonPanels === 0) return `ERR;${MINOR.ribbonEnded}`;
        if (m.position !== 'none') return 'ERR;SEQ';
        m.feederCards--;
        m.counters.picked++;
        m.position = 'inPrinter';
        m.stripe = new Map();
        return 'OK';
      }
      case 'Dm':
        downloaded.set(Number(args[0]), args.slice(1).join(';'));
        return 'OK';
      case 'Smw': {
        if (m.position !== 'inPrinter') return 'ERR;SEQ';
        const corrupt = m.corruptNextWrite;
        m.corruptNextWrite = false;
        m.stripe = corrupt ? new Map() : new Map(downloaded);
        downloaded.clear();
        return 'OK';
      }
      case 'Rm':
        return m.stripe.get(Number(args[0])) ?? 'ERR;ERR_READ_MAGNETIC';
      case 'Sr':
        return 'OK';
      case 'Dbc': {
        const rows = Number(args[1]);
        const ok = payload && decompressPanelRows(payload, PANEL_BYTES_PER_ROW, rows) !== null;
        return ok ? 'OK' : 'ERR;PARAM';
      }
      case 'Sp': {
        const refusal = blocked();
        if (refusal) return refusal;
        if (m.position !== 'inPrinter') return 'ERR;SEQ';
        if (m.ribbonPanels === 0) return `ERR;${MINOR.ribbonEnded}`;
        m.ribbonPanels--;
        m.printed++;
        return 'OK';
      }
      case 'Seo': {
        const refusal = blocked();
        if (refusal) return refusal;
        if (m.position !== 'inPrinter') return 'ERR;SEQ';
        m.position = 'atExit';
        m.counters.ejected++;
        return 'OK';
      }
      case 'Ser': {
        const refusal = blocked();
        if (refusal) return refusal;
        if (m.position === 'none') return 'ERR;SEQ';
        if (m.rejectBinCards >= m.rejectBinCapacity) return `ERR;${MINOR.rejectBoxFull}`;
        m.position = 'none';
        m.rejectBinCards++;
        m.counters.rejected++;
        return 'OK';
      }
      default:
        return 'ERR;CDE';
    }
  };

  function openPort(path: string, baudRate: number): SerialPortLike {
    const port = new SerialPortMock({ path, baudRate, autoOpen: false });
    const decoder = new EvolisCommandDecoder();
    const write = port.write.bind(port) as (
      data: Buffer,
      cb?: (error: Error | null | undefined) => void,
    ) => boolean;
    Object.assign(port, {
      write: (data: Buffer, cb?: (error: Error | null | undefined) => void) => {
        chunks.push(Buffer.from(data));
        const result = write(data, cb);
        for (const frame of decoder.push(data)) {
          const command = frame.kind === 'command' ? frame.command : '?';
          const args = frame.kind === 'command' ? frame.args : [];
          fake.log.push(`>${command}`);
          const custom = fake.override(command, args);
          const reply =
            custom !== undefined
              ? custom
              : frame.kind === 'command'
                ? answer(frame.command, frame.args, frame.payload)
                : 'ERR;CDE';
          if (reply === null) continue;
          // One command at a time, like the real mechanics: a reply waits for the previous one.
          busyUntil = Math.max(Date.now(), busyUntil) + (fake.delays[command] ?? fake.replyDelayMs);
          setTimeout(() => {
            if (!port.port?.isOpen) return;
            fake.log.push(`<${typeof reply === 'string' ? reply : `bytes:${reply.toString('hex')}`}`);
            port.port.emitData(typeof reply === 'string' ? encodeReplyLine(reply) : reply);
          }, busyUntil - Date.now());
        }
        return result;
      },
    });
    fake.ports.push(port);
    return port;
  }

  return fake;
}
