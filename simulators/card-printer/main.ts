import { CardPrinterFault, type SimulatorState } from '../../contracts/simulator-control.ts';
import {
  type EvolisCommandFrame,
  EvolisCommandDecoder,
} from '../../device-drivers/codecs/evolis/command-decoder.ts';
import { HttpError } from '../../platform/http.ts';
import { createLogger } from '../../platform/log.ts';
import type { SimulatorControlHandler } from '../control-server.ts';
import { faultRoutes } from '../fault-routes.ts';
import { createSerialDeviceServer } from '../serial-device-server.ts';
import { startSimulatorProcess } from '../simulator-process.ts';
import { parseCardPrinterArgs } from './card-printer-args.ts';
import { CardPrinterModel, commandLength } from './card-printer-model.ts';
import { renderCardPng } from './render-card-png.ts';
import { toPrintedCard } from './simulated-card.ts';

/**
 * Card printer simulator process (docs/card-printer-protocol.md):
 *   --host-link <path> --device-link <path> --control-port <n, 0 = any> [--byte-delay-ms <ms>]
 *   [--timing fast|realistic] [--cards 100] [--ribbon-panels 200] [--reject-capacity 20]
 *   [--auto-take-ms 0]
 * Its own socat PTY pair with the printer on the device end; commands are carried out one at a
 * time, each reply sent once the step's mechanical time and the command's wire time have passed.
 * Announces `VENTANILLA_READY {device, hostPath, controlUrl, pid}`; SIGTERM stops socat and exits.
 */
const args = parseCardPrinterArgs(process.argv.slice(2));
const logger = createLogger('simulator.cardPrinter');
const model = new CardPrinterModel({
  feederCards: args.cards,
  ribbonPanels: args.ribbonPanels,
  rejectCapacity: args.rejectCapacity,
  timings: args.timings,
  byteTimeMs: args.byteDelayMs,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let decoder = new EvolisCommandDecoder();
/** The printer works through one command at a time, in the order they arrived. */
let work: Promise<void> = Promise.resolve();
let autoTake: NodeJS.Timeout | null = null;

const device = createSerialDeviceServer({
  hostLink: args.hostLink,
  deviceLink: args.deviceLink,
  byteDelayMs: args.byteDelayMs,
  logger,
  onData(chunk) {
    for (const frame of decoder.push(chunk)) {
      work = work
        .then(() => carryOut(frame))
        .catch((error: unknown) => logger.error('command failed', { error }));
    }
  },
  onPlugIn() {
    decoder = new EvolisCommandDecoder();
  },
});

async function carryOut(frame: EvolisCommandFrame): Promise<void> {
  const step = model.receive(frame);
  // Only the command name is logged: track arguments are card data.
  logger.debug('command', {
    command: frame.kind === 'command' ? frame.command : `invalid: ${frame.reason}`,
    mechanicalMs: step.mechanicalMs,
    silent: step.reply === null,
  });
  // The command's own bytes arrived at PTY speed; a real cable would have taken this long.
  const wireInMs = frame.kind === 'command' ? commandLength(frame) * args.byteDelayMs : 0;
  const waitMs = step.mechanicalMs + wireInMs;
  if (waitMs > 0) await sleep(waitMs);
  if (step.reply) await device.send(step.reply);
  scheduleAutoTake();
}

/** With `--auto-take-ms`, a customer takes each card that reaches the exit after that long. */
function scheduleAutoTake(): void {
  if (args.autoTakeMs === 0 || autoTake !== null || model.position() !== 'atExit') return;
  const cardId = model.lastCard()?.id;
  autoTake = setTimeout(() => {
    autoTake = null;
    if (model.lastCard()?.id === cardId && model.take()) logger.info('card taken', { cardId });
  }, args.autoTakeMs);
}

const state = (): SimulatorState => model.state(device.plugged);

const handler: SimulatorControlHandler = {
  faults: model.supportedFaults,
  state,
  ...faultRoutes({ parse: (name) => CardPrinterFault.parse(name), model, device, logger, state }),
  replenish() {
    model.replenish();
    return state();
  },
  take() {
    if (!model.take()) throw new HttpError(409, 'no card at the exit');
    logger.info('card taken', { cardId: model.lastCard()?.id });
    return state();
  },
  lastCard() {
    const card = model.lastCard();
    return card ? toPrintedCard(card) : null;
  },
  lastCardPng() {
    const card = model.lastCard();
    return card ? renderCardPng(card) : null;
  },
};

await startSimulatorProcess({
  device,
  handler,
  controlPort: args.controlPort,
  logger,
  ready: { device: 'cardPrinter', hostPath: args.hostLink },
  beforeStop() {
    if (autoTake) clearTimeout(autoTake);
  },
});
