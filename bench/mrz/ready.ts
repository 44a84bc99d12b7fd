import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MrzReader } from '../../contracts/identity.ts';

const CLIENT = new URL('../../main/runtime/identity/ocr/mrz-reader-client.ts', import.meta.url);

/**
 * Worker ready time as the kiosk sees it: the runtime's reader client (OCR in a child process)
 * from `start()` to ready. Until that client exists, the in-process pipeline's start, and the
 * answer says which was measured.
 */
export async function readyTime(createPipeline: () => Promise<{ close(): Promise<void> }>): Promise<{
  ms: number;
  how: string;
}> {
  if (existsSync(fileURLToPath(CLIENT))) {
    const module = (await import(CLIENT.href)) as Record<string, unknown>;
    const factory = Object.entries(module).find(
      ([name, value]) => typeof value === 'function' && /^create.*Reader/i.test(name),
    );
    if (factory) {
      const reader = (factory[1] as (options?: object) => MrzReader)({});
      const started = performance.now();
      await reader.start();
      const deadline = Date.now() + 30_000;
      while (!reader.isReady() && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 5));
      const ms = performance.now() - started;
      const reported = reader.health().readyMs;
      await reader.stop();
      return {
        ms,
        how: `reader client \`${factory[0]}()\`: \`start()\` to \`isReady()\`, OCR child process included${
          reported === null ? '' : `; the client's own readyMs ${reported.toFixed(0)} ms`
        }`,
      };
    }
  }
  const started = performance.now();
  const pipeline = await createPipeline();
  const ms = performance.now() - started;
  await pipeline.close();
  return {
    ms,
    how: 'in-process `createMrzPipeline()` start (main/runtime/identity/ocr/mrz-reader-client.ts not there yet)',
  };
}
