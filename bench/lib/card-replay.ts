import { join } from 'node:path';
import { SerialPort } from 'serialport';
import {
  type IssuedCardData,
  luhnCheckDigit,
  type MonoBitmap,
  type PrintedCard,
} from '../../contracts/index.ts';
import {
  encodeCommand,
  encodeKPanelDownload,
  EVOLIS_COMMAND as C,
  EvolisReplyDecoder,
} from '../../device-drivers/codecs/evolis/index.ts';
import { type ManagedChild, startChild } from '../../launcher/child-process.ts';
import { renderCardFront } from '../../main/runtime/card-issuing/personalisation/card-front.ts';
import { cardTracks } from '../../main/runtime/card-issuing/personalisation/card-tracks.ts';
import { BYTE_TIME_115200_MS } from '../../simulators/card-printer/card-printer-timings.ts';

/**
 * The card's data as the bank issued it, rebuilt from what the simulator shows of a card it made
 * (track 1, masked): names, expiry, service code and discretionary data as they were, and a
 * number with the same first six and last four digits (the six in between are chosen to pass the
 * Luhn check). Its front and tracks have the same lengths as the original's, which is what the
 * printer's wire time depends on.
 */
export function cardLike(printed: PrintedCard): IssuedCardData {
  const track1 = printed.tracks.find((t) => t.track === 1)?.masked ?? '';
  const match = /^%B(\d{6})\*{6}(\d{4})\^([^/^]+)\/([^^]*)\^(\d{4})(\d{3})(\d*)\?/.exec(track1);
  if (!match) throw new Error('the printed card has no readable track 1');
  const [, first6, last4, surname, givenNames, expiry, serviceCode, discretionary] =
    match as unknown as string[];
  let pan = '';
  for (let digit = 0; digit <= 9; digit++) {
    const candidate = `${first6}00000${digit}${last4}`;
    if (luhnCheckDigit(candidate.slice(0, 15)) === Number(candidate[15])) {
      pan = candidate;
      break;
    }
  }
  if (!pan) throw new Error('no number with these first and last digits passes the Luhn check');
  return {
    cardId: '00000000-0000-4000-8000-000000000000',
    pan,
    surname: surname!.trim(),
    givenNames: givenNames!.trim(),
    expiry: expiry!,
    serviceCode: serviceCode!,
    discretionary: discretionary || '0',
  };
}

/** One replayed job: its time on the wire and in the printer, and where the replay's clock stood. */
export interface ReplayedJob {
  /** First command written → the `Se` reply's CR read. */
  elapsedMs: number;
  /** performance.now() when the first command was written. */
  startedAt: number;
  /** Commands and reply bytes before the pick (`Si`), which the simulator does not count into the card. */
  prePickBytes: number;
  commands: string[];
  /** Each command with its bytes on the wire, both ways (frame, reply line and its CR). */
  exchanges: Array<{ command: string; bytes: number }>;
}

/**
 * The serial floor of a card job: a second card printer simulator (same program, realistic
 * timing, 115 200 baud pacing) driven by a bare serialport client that sends the runtime's command
 * sequence for one card, each command as soon as the reply to the one before is complete. No
 * runtime, backend, journal or bridge: what remains beyond the simulated mechanical and wire time
 * is the simulator's own timers and the PTY.
 */
export class CardJobReplay {
  private constructor(
    private readonly child: ManagedChild,
    readonly controlUrl: string,
    private readonly port: SerialPort,
    private readonly decoder: EvolisReplyDecoder,
    private readonly lines: string[],
    private readonly wake: { fn: (() => void) | null },
  ) {}

  /** `onLogLine` gets the replay simulator's log lines, its command trace (debug level) included. */
  static async start(
    rootDir: string,
    dir: string,
    onLogLine: (child: string, line: string) => void,
  ): Promise<CardJobReplay> {
    const hostLink = join(dir, 'card-replay.host');
    const child = await startChild({
      name: 'card-printer-replay',
      command: process.execPath,
      args: [
        '--import',
        'tsx',
        join(rootDir, 'simulators', 'card-printer', 'main.ts'),
        '--host-link',
        hostLink,
        '--device-link',
        join(dir, 'card-replay.device'),
        '--control-port',
        '0',
        '--timing',
        'realistic',
        '--auto-take-ms',
        '0',
      ],
      cwd: rootDir,
      env: { VENTANILLA_LOG_LEVEL: 'debug' },
      logFile: join(dir, 'card-printer-replay.log'),
      readyTimeoutMs: 20_000,
      onLogLine: (line) => onLogLine('card-printer-replay', line),
    });
    const port = new SerialPort({ path: hostLink, baudRate: 115_200, autoOpen: false });
    const decoder = new EvolisReplyDecoder();
    const lines: string[] = [];
    const wake: { fn: (() => void) | null } = { fn: null };
    port.on('data', (chunk: Buffer) => {
      lines.push(...decoder.push(chunk));
      wake.fn?.();
    });
    port.on('error', () => {});
    try {
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    } catch (error) {
      await child.stop();
      throw error;
    }
    return new CardJobReplay(child, String(child.ready.controlUrl), port, decoder, lines, wake);
  }

  get pid(): number | undefined {
    return this.child.process.pid;
  }

  /** Writes one command and resolves with its reply line. */
  private exchange(frame: Buffer, timeoutMs = 20_000): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wake.fn = null;
        reject(new Error(`replay: no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      const look = () => {
        const line = this.lines.shift();
        if (line === undefined) return;
        clearTimeout(timer);
        this.wake.fn = null;
        resolve(line);
      };
      this.wake.fn = look;
      this.port.write(frame);
    });
  }

  /**
   * The runtime's commands for one card (main/runtime/card-issuing/produce-card.ts through
   * device-drivers/card-printer/card-printer-job.ts): the state read before the pick, `Ss`, `Si`,
   * the state read after it, both tracks downloaded, written and read back, the front selected,
   * downloaded and printed, the eject and `Se`. Then the card is taken at the control API.
   */
  async job(card: IssuedCardData, panel: MonoBitmap = renderCardFront(card)): Promise<ReplayedJob> {
    const tracks = cardTracks(card);
    const state = [encodeCommand(C.cardPosition), encodeCommand(C.counters), encodeCommand(C.supplies)];
    const sequence: Array<{ name: string; frame: Buffer }> = [
      ...state.map((frame, i) => ({ name: [C.cardPosition, C.counters, C.supplies][i]!, frame })),
      { name: C.sequenceStart, frame: encodeCommand(C.sequenceStart) },
      { name: C.pickCard, frame: encodeCommand(C.pickCard) },
      ...state.map((frame, i) => ({ name: [C.cardPosition, C.counters, C.supplies][i]!, frame })),
      { name: C.downloadTrack, frame: encodeCommand(C.downloadTrack, [1, tracks.track1]) },
      { name: C.downloadTrack, frame: encodeCommand(C.downloadTrack, [2, tracks.track2]) },
      { name: C.writeStripe, frame: encodeCommand(C.writeStripe) },
      { name: C.readTrack, frame: encodeCommand(C.readTrack, [1]) },
      { name: C.readTrack, frame: encodeCommand(C.readTrack, [2]) },
      { name: C.selectFront, frame: encodeCommand(C.selectFront) },
      { name: C.downloadKPanel, frame: encodeKPanelDownload(panel) },
      { name: C.print, frame: encodeCommand(C.print) },
      { name: C.eject, frame: encodeCommand(C.eject) },
      { name: C.sequenceEnd, frame: encodeCommand(C.sequenceEnd) },
    ];
    this.lines.length = 0;
    this.decoder.reset();
    const exchanges: ReplayedJob['exchanges'] = [];
    const started = performance.now();
    for (const { name, frame } of sequence) {
      const reply = await this.exchange(frame);
      exchanges.push({ command: name, bytes: frame.length + reply.length + 1 });
      if (reply.startsWith('ERR')) throw new Error(`replay: ${name} answered ${reply}`);
    }
    const elapsedMs = performance.now() - started;
    const pick = exchanges.findIndex((e) => e.command === C.pickCard);
    const prePickBytes = exchanges.slice(0, pick).reduce((sum, e) => sum + e.bytes, 0);
    const taken = await fetch(new URL('/take', this.controlUrl), { method: 'POST' });
    if (taken.status !== 200) throw new Error(`replay: take answered HTTP ${taken.status}`);
    return { elapsedMs, startedAt: started, prePickBytes, commands: sequence.map((s) => s.name), exchanges };
  }

  /** What the simulator counted for the card it made last. */
  async lastCard(): Promise<PrintedCard> {
    return (await (await fetch(new URL('/cards/last', this.controlUrl))).json()) as PrintedCard;
  }

  async stop(): Promise<void> {
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
    await this.child.stop();
  }
}

/** Wire time of `bytes` at the simulator's 115 200 baud. */
export const wireMs = (bytes: number): number => bytes * BYTE_TIME_115200_MS;
