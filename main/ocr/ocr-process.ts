import { createLogger } from '../../platform/log.ts';
import type { OcrReply, OcrRequest } from './ocr-protocol.ts';
import { createMrzPipeline, type MrzPipeline } from './pipeline.ts';
import { rejected } from './mrz/result.ts';
import { warmUpImage } from './warm-up.ts';

/**
 * The OCR child process: starts the pipeline, reads a warm-up image, says `ready`, then serves
 * reads one at a time. It exits when its parent goes (IPC channel closed) so it never outlives the
 * runtime. Nothing it logs carries document data.
 */

const log = createLogger('ocr-process');

function send(reply: OcrReply): void {
  process.send?.(reply);
}

async function main(): Promise<void> {
  if (!process.send) {
    log.error('started without an IPC channel');
    process.exit(2);
  }
  process.on('disconnect', () => process.exit(0));
  const started = performance.now();
  let pipeline: MrzPipeline;
  try {
    pipeline = await createMrzPipeline();
    await pipeline.read(warmUpImage());
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  const queue: OcrRequest[] = [];
  let busy = false;
  const next = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    for (let request = queue.shift(); request !== undefined; request = queue.shift()) {
      try {
        send({ type: 'result', id: request.id, result: await pipeline.read(request.image) });
      } catch (error) {
        log.error('read failed', { error: error instanceof Error ? error.message : String(error) });
        const timings = { decodeMs: 0, prepareMs: 0, ocrMs: 0, totalMs: 0 };
        send({
          type: 'result',
          id: request.id,
          result: rejected('ocrUnavailable', 'the OCR failed', timings),
        });
      }
    }
    busy = false;
  };
  process.on('message', (message: OcrRequest) => {
    if (message?.type !== 'read' || !(message.image instanceof Uint8Array)) return;
    queue.push(message);
    void next();
  });
  send({ type: 'ready', readyMs: performance.now() - started });
}

void main();
