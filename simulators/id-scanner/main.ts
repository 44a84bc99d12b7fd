import { IdScannerFault, type SimulatorState } from '../../contracts/simulator-control.ts';
import {
  COMMAND_TYPES,
  FrameDecoder,
  maxCommandPayload,
} from '../../device-drivers/codecs/id-scanner/index.ts';
import { HttpError } from '../../platform/http.ts';
import { createLogger } from '../../platform/log.ts';
import type { SimulatorControlHandler } from '../control-server.ts';
import { faultRoutes } from '../fault-routes.ts';
import { createSerialDeviceServer } from '../serial-device-server.ts';
import { startSimulatorProcess } from '../simulator-process.ts';
import { createDocumentSource } from './document-source.ts';
import { parseIdScannerArgs } from './id-scanner-args.ts';
import { IdScannerModel } from './id-scanner-model.ts';

/**
 * ID scanner simulator process, serial image mode (docs/id-scanner-protocol.md):
 *   --host-link <path> --device-link <path> --control-port <n, 0 = any> [--byte-delay-ms 0]
 *   [--timing fast|realistic] [--auto-remove-ms 1500]
 * Its own socat PTY pair with the scanner on the device end. Documents are laid on its glass
 * through the control API (`POST /place`); after a completed transfer the customer takes the
 * document back after `--auto-remove-ms`, so the next session starts with an empty glass.
 * Announces `VENTANILLA_READY {device, hostPath, controlUrl, pid}`; SIGTERM stops socat and exits.
 * Document images are personal data in real life: they are never logged, only their ids.
 */
const args = parseIdScannerArgs(process.argv.slice(2));
const logger = createLogger('simulator.idScanner');
const model = new IdScannerModel({ captureMs: args.captureMs });
const documents = createDocumentSource();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const newDecoder = () => new FrameDecoder({ acceptTypes: COMMAND_TYPES, maxPayload: maxCommandPayload });

let decoder = newDecoder();
/** The scanner works through one command at a time, in the order they arrived. */
let work: Promise<void> = Promise.resolve();
let autoRemove: NodeJS.Timeout | null = null;

const device = createSerialDeviceServer({
  hostLink: args.hostLink,
  deviceLink: args.deviceLink,
  byteDelayMs: args.byteDelayMs,
  logger,
  onData(chunk) {
    for (const item of decoder.push(chunk)) {
      // A corrupt command gets no answer: the host times out and asks again.
      if (item.kind !== 'frame') continue;
      const frame = item.frame;
      work = work
        .then(async () => {
          const step = model.receive(frame);
          if (step.delayMs > 0) await sleep(step.delayMs);
          for (const bytes of step.frames) await device.send(Buffer.from(bytes));
          if (step.transferDone) scheduleAutoRemove();
        })
        .catch((error: unknown) => logger.error('command failed', { error }));
    }
  },
  onPlugIn() {
    decoder = newDecoder();
  },
});

function cancelAutoRemove(): void {
  if (autoRemove) clearTimeout(autoRemove);
  autoRemove = null;
}

function scheduleAutoRemove(): void {
  cancelAutoRemove();
  if (args.autoRemoveMs === 0) return;
  const documentId = model.documentOnGlass();
  autoRemove = setTimeout(() => {
    autoRemove = null;
    if (documentId !== null && model.documentOnGlass() === documentId && model.remove())
      logger.info('document taken back', { documentId });
  }, args.autoRemoveMs);
}

const state = (): SimulatorState => model.state(device.plugged);

const handler: SimulatorControlHandler = {
  faults: model.supportedFaults,
  state,
  ...faultRoutes({ parse: (name) => IdScannerFault.parse(name), model, device, logger, state }),
  // Nothing to refill on a scanner.
  replenish: state,
  documents: () => documents.list(),
  async place(documentId) {
    const rendered = documents.render(documentId, 'scan');
    if (!rendered) throw new HttpError(404, 'no such document');
    cancelAutoRemove();
    const events = model.place({ id: documentId, ...rendered });
    for (const bytes of events) void device.send(Buffer.from(bytes));
    logger.info('document placed', { documentId, bytes: rendered.image.length });
    return state();
  },
  remove() {
    cancelAutoRemove();
    model.remove();
    logger.info('document removed');
    return state();
  },
  async documentImage(documentId) {
    const rendered = documents.render(documentId, 'preview');
    return rendered ? { bytes: rendered.image, mime: rendered.mime } : null;
  },
};

await startSimulatorProcess({
  device,
  handler,
  controlPort: args.controlPort,
  logger,
  ready: { device: 'idScanner', hostPath: args.hostLink },
  beforeStop: cancelAutoRemove,
});
