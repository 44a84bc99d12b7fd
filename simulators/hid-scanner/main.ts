import { type SimulatorState, ScanCodeRequest } from '../../contracts/simulator-control.ts';
import { HttpError } from '../../platform/http.ts';
import { createLogger } from '../../platform/log.ts';
import type { SimulatorControlHandler } from '../control-server.ts';
import { faultRoutes } from '../fault-routes.ts';
import { startSimulatorProcess } from '../simulator-process.ts';
import { parseHidScannerArgs } from './hid-scanner-args.ts';
import { HidScannerModel } from './hid-scanner-model.ts';
import { createHidSocketServer } from './hid-socket-server.ts';
import { wedgeDocuments } from './wedge-documents.ts';

/**
 * HID scanner simulator process (docs/hid-scanners.md): a QR scanner in keyboard-wedge or HID POS
 * mode, or an ID scanner in keyboard-wedge mode.
 *   --device qrScanner|idScanner --mode hidWedge|hidPos --socket <path> --control-port <n, 0 = any>
 *   [--report-delay-ms 4] [--read-ms 300] [--prefix <text>] [--suffix <text>]
 * The kiosk's simulated HID transport connects to the Unix socket; reports go out one frame each,
 * paced like a real scanner. Announces `VENTANILLA_READY {device, mode, hostPath, controlUrl, pid}`
 * (hostPath is the socket); SIGTERM closes the socket and exits. Codes and MRZ text are never logged.
 */
const args = parseHidScannerArgs(process.argv.slice(2));
const logger = createLogger(`simulator.${args.device}`);
const model = new HidScannerModel({
  device: args.device,
  mode: args.mode,
  prefix: args.prefix,
  suffix: args.suffix,
});
const socket = createHidSocketServer({
  socketPath: args.socketPath,
  logger: logger.child('socket'),
  onOutputReport: (report) => logger.debug('output report', { bytes: report.length }),
});
const documents = args.device === 'idScanner' ? wedgeDocuments() : [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one thing's reports after whatever is being sent: a scanner types one code at a time. */
let typing: Promise<void> = Promise.resolve();
/** Things shown to the scanner whose reports are not all sent yet (in the state as `sending`). */
let queued = 0;
function sendPaced(reports: Uint8Array[], startDelayMs = 0): void {
  queued++;
  typing = typing
    .then(async () => {
      if (startDelayMs > 0) await sleep(startDelayMs);
      let sent = 0;
      for (const report of reports) {
        if (socket.send(report)) sent++;
        if (args.reportDelayMs > 0) await sleep(args.reportDelayMs);
      }
      logger.info('reports sent', { reports: reports.length, delivered: sent });
    })
    .catch((error: unknown) => logger.error('sending failed', { error }))
    .finally(() => {
      queued--;
    });
}

const state = (): SimulatorState => {
  const base = model.state(socket.plugged, socket.hostConnected);
  return { ...base, supplies: { ...base.supplies, sending: queued > 0 } };
};
const faultName = (name: string) => {
  if (!model.supportedFaults.includes(name)) throw new HttpError(400, `unknown fault ${name}`);
  return name;
};

const handler: SimulatorControlHandler = {
  faults: model.supportedFaults,
  state,
  ...faultRoutes({
    parse: faultName,
    model: {
      injectFault: (fault) => model.faults.add(fault),
      clearFault: (fault) => model.faults.delete(fault),
      clearAllFaults: () => model.faults.clear(),
    },
    device: socket,
    logger,
    state,
  }),
  replenish: () => state(),
  ...(args.device === 'qrScanner'
    ? {
        scan(text: string) {
          const request = ScanCodeRequest.safeParse({ text });
          if (!request.success) throw new HttpError(400, 'text must be 1 to 4096 characters');
          const reports = model.scan(text);
          if (!reports)
            throw new HttpError(400, 'a keyboard-wedge scanner cannot type this text on a US layout');
          sendPaced(reports);
          return state();
        },
      }
    : {
        documents: () => documents.map((doc) => doc.info),
        place(documentId: string) {
          const doc = documents.find((candidate) => candidate.info.id === documentId);
          if (!doc) throw new HttpError(404, 'no such document');
          sendPaced(model.place(doc.info.id, doc.lines), args.readMs);
          logger.info('document placed', { documentId });
          return state();
        },
        remove() {
          model.remove();
          return state();
        },
      }),
};

await startSimulatorProcess({
  device: socket,
  handler,
  controlPort: args.controlPort,
  logger,
  ready: { device: args.device, mode: args.mode, hostPath: args.socketPath },
});
