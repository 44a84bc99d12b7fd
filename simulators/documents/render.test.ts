import { loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { SpecimenDocumentInfo } from '../../contracts/simulator-control.ts';
import { documentById, listSpecimenDocuments } from './catalogue.ts';
import { renderDocument, SPECIMENS, specimenById } from './specimens.ts';

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47];

describe('renderDocument', () => {
  const passport = specimenById('passport-esp')!;

  it('renders a TD3 page at 300 dpi on the glass, as JPEG by default and PNG on request', async () => {
    const jpeg = renderDocument(passport, 'clean', 1);
    expect(jpeg.mime).toBe('image/jpeg');
    expect([...jpeg.bytes.slice(0, 3)]).toEqual(JPEG);
    // 125 × 88 mm plus 3 mm of glass each side at 300 dpi.
    expect(jpeg.width).toBe(1546);
    expect(jpeg.height).toBe(1109);
    const image = await loadImage(Buffer.from(jpeg.bytes));
    expect(image.width).toBe(1546);
    const png = renderDocument(passport, 'clean', 1, { encoding: 'png' });
    expect([...png.bytes.slice(0, 4)]).toEqual(PNG);
    expect(png.mime).toBe('image/png');
  });

  it('is reproducible from its seed, and the seed changes a degradation', () => {
    const a = renderDocument(passport, 'noise+rotation+jpeg', 5);
    const b = renderDocument(passport, 'noise+rotation+jpeg', 5);
    const c = renderDocument(passport, 'noise+rotation+jpeg', 6);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(Buffer.from(a.bytes).equals(Buffer.from(c.bytes))).toBe(false);
    expect(a.mime).toBe('image/jpeg');
  });

  it('keeps the jpeg condition lossy even when PNG is asked for', () => {
    expect(renderDocument(passport, 'jpeg', 1, { encoding: 'png' }).mime).toBe('image/jpeg');
  });

  it('renders TD1 cards and the pages that are no document', () => {
    const card = renderDocument(specimenById('idcard-esp')!, 'clean', 1);
    expect(card.width).toBe(1081);
    for (const id of ['blank-page', 'photo-no-text', 'mrz-half-covered', 'random-text']) {
      const page = renderDocument(specimenById(id)!, 'clean', 1);
      expect(page.bytes.length).toBeGreaterThan(1000);
    }
  });
});

describe('specimens', () => {
  it('carry valid MRZs of real state codes; non-documents expect a reject', () => {
    for (const specimen of SPECIMENS) {
      if (specimen.kind === 'document') {
        expect(specimen.lines, specimen.id).not.toBeNull();
        expect(specimen.fields?.issuingState).not.toBe('UTO');
      } else {
        expect(specimen.lines, specimen.id).toBeNull();
      }
    }
    expect(new Set(SPECIMENS.map((specimen) => specimen.id)).size).toBe(SPECIMENS.length);
  });
});

describe('catalogue', () => {
  it('lists every document in every condition under ids the contract accepts', () => {
    const list = listSpecimenDocuments();
    for (const info of list) SpecimenDocumentInfo.parse(info);
    expect(list.find((info) => info.id === 'passport-esp')?.expected).toEqual({
      accept: [...specimenById('passport-esp')!.lines!],
    });
    expect(list.find((info) => info.id === 'passport-chn:noise+blur')?.condition).toEqual(['noise', 'blur']);
    expect(list.find((info) => info.id === 'blank-page')?.expected).toBe('reject');
  });

  it('finds documents by id and refuses unknown ones', () => {
    expect(documentById('idcard-esp:rotation')?.condition).toBe('rotation');
    expect(documentById('idcard-esp')?.condition).toBe('clean');
    for (const id of ['nobody', 'idcard-esp:sunburn', 'idcard-esp:clean', 'blank-page:noise', 'a:b:c']) {
      expect(documentById(id), id).toBeUndefined();
    }
  });
});
