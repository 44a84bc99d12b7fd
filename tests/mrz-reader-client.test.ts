import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MrzReaderHealth } from '../contracts/identity.ts';
import { renderDocument, SPECIMENS } from '../simulators/documents/specimens.ts';
import {
  createMrzReaderClient,
  type MrzReaderClient,
} from '../main/runtime/identity/ocr/mrz-reader-client.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const specimen = SPECIMENS.find((s) => s.id === 'idcard-esp')!;
const image = renderDocument(specimen, 'clean', 1).bytes;

/** An OCR process that says it is ready and then never answers. */
const HANGING = [
  '-e',
  "process.send({ type: 'ready', readyMs: 1 }); process.on('message', () => {}); process.on('disconnect', () => process.exit(0));",
];

let reader: MrzReaderClient | null = null;
afterEach(async () => {
  await reader?.stop();
  reader = null;
});

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('MRZ reader client (real OCR process)', () => {
  it('reads a rendered specimen, survives a kill -9 mid-read, and reads again', async () => {
    reader = createMrzReaderClient({ backoffMs: { initial: 100, max: 1_000 }, readTimeoutMs: 15_000 });
    await expect(reader.readImage(image)).resolves.toMatchObject({ reason: 'ocrUnavailable' });
    await reader.start();
    expect(reader.isReady()).toBe(true);
    const health = MrzReaderHealth.parse(reader.health());
    expect(health.readyMs).toBeGreaterThan(0);
    expect(health.rssBytes).toBeGreaterThan(10_000_000);

    const first = await reader.readImage(image);
    expect(first.status).toBe('accepted');
    if (first.status === 'accepted') expect(first.lines).toEqual(specimen.lines);

    const pid = reader.pid()!;
    const reading = reader.readImage(image);
    process.kill(pid, 'SIGKILL');
    const killed = await reading;
    expect(killed.status).toBe('rejected');
    if (killed.status === 'rejected') expect(['timeout', 'ocrUnavailable']).toContain(killed.reason);

    await until(() => reader!.isReady());
    expect(reader.health().restarts).toBe(1);
    expect(reader.pid()).not.toBe(pid);
    expect((await reader.readImage(image)).status).toBe('accepted');
  }, 60_000);

  it('times out a read the OCR never answers, kills it and starts it again', async () => {
    reader = createMrzReaderClient({
      command: { execPath: process.execPath, args: HANGING },
      backoffMs: { initial: 50, max: 500 },
    });
    await reader.start();
    const pid = reader.pid();
    const result = await reader.readImage(image, { timeoutMs: 300 });
    expect(result).toMatchObject({ status: 'rejected', reason: 'timeout' });
    await until(() => reader!.isReady() && reader!.pid() !== pid);
    expect(reader.health().restarts).toBe(1);
  });

  it('refuses too large or non-image bytes before sending, and an excess of reads', async () => {
    reader = createMrzReaderClient({ command: { execPath: process.execPath, args: HANGING }, maxQueue: 1 });
    await reader.start();
    const huge = new Uint8Array(11 * 1024 * 1024);
    expect(await reader.readImage(huge)).toMatchObject({ reason: 'imageTooLarge' });
    expect(await reader.readImage(new TextEncoder().encode('not an image'))).toMatchObject({
      reason: 'invalidImage',
    });
    const pending = [
      reader.readImage(image, { timeoutMs: 500 }),
      reader.readImage(image, { timeoutMs: 500 }),
    ];
    expect(await reader.readImage(image)).toMatchObject({ reason: 'ocrUnavailable' });
    const [first, second] = await Promise.all(pending);
    expect(first).toMatchObject({ status: 'rejected', reason: 'timeout' });
    // The hung worker is killed for the first read's time-out; the read queued behind it ends
    // either on its own time-out or with the worker's end, whichever comes first on a loaded
    // machine. Both refuse the read; neither waits for ever.
    expect(second).toMatchObject({ status: 'rejected' });
    expect(['timeout', 'ocrUnavailable']).toContain((second as { reason: string }).reason);
    expect(reader.readText(['garbage']).status).toBe('rejected');
  });

  it('runs the OCR process from its esbuild bundle too', async () => {
    const bundle = join(root, 'dist/processes/ocr.mjs');
    reader = createMrzReaderClient({ command: { execPath: process.execPath, args: [bundle] } });
    await reader.start();
    expect(reader.isReady()).toBe(true);
    expect((await reader.readImage(image)).status).toBe('accepted');
  }, 60_000);
});
