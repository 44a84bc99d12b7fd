import { describe, expect, it } from 'vitest';
import { bankTrack1, bankTrack2, trackOneName } from './bank-format.ts';
import { validateTrack } from './track-text.ts';

const card = { pan: '4000001234567899', expiry: '2512', serviceCode: '201', discretionary: '123' };

describe('bank format (ISO/IEC 7813)', () => {
  it('builds track 1 with format code B and the name as SURNAME/GIVEN NAMES', () => {
    expect(bankTrack1({ ...card, surname: 'García', givenNames: 'Ana' })).toBe(
      '%B4000001234567899^GARCIA/ANA^2512201123?-',
    );
  });

  it('builds track 2', () => {
    expect(bankTrack2(card)).toBe(';4000001234567899=2512201123?2');
  });

  it('keeps the name in the track 1 character set', () => {
    expect(trackOneName('Núñez de la Peña', 'María José')).toBe('NUNEZ DE LA PENA/MARIA JOSE');
    expect(trackOneName("O'Brien-Smith", 'Ann_Marie')).toBe("O'BRIEN-SMITH/ANN MARIE");
    expect(trackOneName('Madonna', '')).toBe('MADONNA');
  });

  it('truncates the name to 26 characters and to what fits the track', () => {
    const track = bankTrack1({ ...card, surname: 'Fernández de Córdoba y Aguilar', givenNames: 'Gonzalo' });
    expect(track).toContain('^FERNANDEZ DE CORDOBA Y AGU^');
    expect(validateTrack(1, track)).toEqual({ ok: true });
    const longDiscretionary = { ...card, pan: '4000001234567899123', discretionary: '1'.repeat(34) };
    const tight = bankTrack1({ ...longDiscretionary, surname: 'Fernández', givenNames: 'Gonzalo' });
    expect(tight).toHaveLength(79);
    expect(tight).toContain('^FERNANDEZ/GON^');
  });

  it('refuses fields that are not bank format', () => {
    expect(() => bankTrack2({ ...card, pan: '12345' })).toThrow(/PAN/);
    expect(() => bankTrack2({ ...card, expiry: '2513' })).toThrow(/YYMM/);
    expect(() => bankTrack2({ ...card, serviceCode: '20' })).toThrow(/service code/);
    expect(() => bankTrack2({ ...card, discretionary: '12A' })).toThrow(/digits/);
    expect(() => bankTrack2({ ...card, pan: '4000001234567899123', discretionary: '1'.repeat(11) })).toThrow(
      /at most 37/,
    );
    expect(() => bankTrack1({ ...card, surname: 'A', givenNames: 'B', discretionary: '1^2' })).toThrow(/\^/);
    expect(() =>
      bankTrack1({
        ...card,
        pan: '4000001234567899123',
        surname: 'Fernández',
        givenNames: 'Gonzalo',
        discretionary: '1'.repeat(47),
      }),
    ).toThrow(/no room/);
  });
});
