import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MrzReadResult } from '../contracts/identity.ts';
import { renderDocument, SPECIMENS } from '../simulators/documents/specimens.ts';
import { createMrzPipeline, type MrzPipeline } from '../main/ocr/pipeline.ts';

let pipeline: MrzPipeline;
beforeAll(async () => {
  pipeline = await createMrzPipeline();
});
afterAll(() => pipeline.close());

const render = (id: string, condition: 'clean' | 'rotation' = 'clean') =>
  renderDocument(SPECIMENS.find((s) => s.id === id)!, condition, 1).bytes;

describe('MRZ pipeline (real tesseract, offline)', () => {
  it('reads a specimen ID card exactly', async () => {
    const result = MrzReadResult.parse(await pipeline.read(render('idcard-esp')));
    expect(result.status).toBe('accepted');
    if (result.status === 'accepted') {
      expect(result.lines).toEqual(SPECIMENS.find((s) => s.id === 'idcard-esp')!.lines);
      expect(result.timings.totalMs).toBeGreaterThan(0);
    }
  });

  it('reads the demo passports exactly (the W of WANG, which the OCR engine reads as N, comes from its glyph)', async () => {
    for (const id of ['passport-esp', 'passport-chn']) {
      const result = await pipeline.read(render(id));
      expect(result.status, id).toBe('accepted');
      if (result.status === 'accepted')
        expect(result.lines).toEqual(SPECIMENS.find((s) => s.id === id)!.lines);
    }
  });

  it('never accepts pages that are no document or whose MRZ is covered', async () => {
    for (const specimen of SPECIMENS.filter((s) => s.lines === null)) {
      const result = await pipeline.read(renderDocument(specimen, 'clean', 1).bytes);
      expect(result.status, specimen.id).toBe('rejected');
    }
  });

  it('refuses bytes that are not an image', async () => {
    expect(await pipeline.read(new Uint8Array(100))).toMatchObject({ reason: 'invalidImage' });
  });
});
