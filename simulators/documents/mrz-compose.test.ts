import { describe, expect, it } from 'vitest';
import {
  checkDigit,
  composeMrz,
  expectedDocument,
  type MrzFields,
  nameField,
  transliterate,
} from './mrz-compose.ts';

// ICAO 9303's own specimens use the fictional state UTO; the specimen set uses real codes.
const ANNA = {
  issuingState: 'UTO',
  surname: 'Eriksson',
  givenNames: 'Anna María',
  nationality: 'UTO',
  birthDate: '740812',
  sex: 'F',
  expiryDate: '120415',
} as const;

describe('check digits', () => {
  it('follow weights 7, 3, 1 with letters 10-35 and fillers 0', () => {
    expect(checkDigit('L898902C3')).toBe('6');
    expect(checkDigit('740812')).toBe('2');
    expect(checkDigit('120415')).toBe('9');
    expect(checkDigit('<<<<<<<<<<<<<<')).toBe('0');
    expect(checkDigit('D23145890')).toBe('7');
  });

  it('refuse characters outside the MRZ set', () => {
    expect(() => checkDigit('a')).toThrow(/not an MRZ character/);
  });
});

describe('composeMrz against the ICAO 9303 specimens', () => {
  it('TD3 passport (../shared/DEVICES.md)', () => {
    const fields: MrzFields = {
      ...ANNA,
      format: 'TD3',
      documentCode: 'P',
      documentNumber: 'L898902C3',
      optionalData: 'ZE184226B',
    };
    expect(composeMrz(fields)).toEqual([
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
      'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
    ]);
  });

  it('TD1 card', () => {
    const fields: MrzFields = { ...ANNA, format: 'TD1', documentCode: 'I', documentNumber: 'D23145890' };
    expect(composeMrz(fields)).toEqual([
      'I<UTOD231458907<<<<<<<<<<<<<<<',
      '7408122F1204159UTO<<<<<<<<<<<6',
      'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    ]);
  });

  it('TD1 card whose number continues in the optional data', () => {
    const fields: MrzFields = { ...ANNA, format: 'TD1', documentCode: 'I', documentNumber: 'D23145890123' };
    expect(composeMrz(fields)).toEqual([
      'I<UTOD23145890<1233<<<<<<<<<<<',
      '7408122F1204159UTO<<<<<<<<<<<2',
      'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    ]);
  });

  it('TD2 card', () => {
    const fields: MrzFields = { ...ANNA, format: 'TD2', documentCode: 'I', documentNumber: 'D23145890' };
    expect(composeMrz(fields)).toEqual([
      'I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<',
      'D231458907UTO7408122F1204159<<<<<<<6',
    ]);
  });
});

describe('names', () => {
  it('lose accents, write two-letter forms, turn spaces and hyphens into fillers', () => {
    expect(transliterate("García-López d'Ávila")).toBe('GARCIA<LOPEZ<DAVILA');
    expect(transliterate('Müller Øster Straße')).toBe('MUELLER<OESTER<STRASSE');
  });

  it('are cut given names first, never ending on a filler', () => {
    const field = nameField('Papadopoulou Konstantinidou', 'Alexandra Evangelia Theodora', 30);
    expect(field).toHaveLength(30);
    expect(field.startsWith('PAPADOPOULOU<KONSTANTINIDOU<<A')).toBe(true);
    const cutAtSpace = nameField('Abcdefghij', 'Klmnopqrstu Vwxyzabcdefg', 23);
    expect(cutAtSpace).toBe('ABCDEFGHIJ<<KLMNOPQRSTU');
    // A surname cut where a space was does not leave three fillers before the given name.
    expect(nameField('Conceição Dell’Orto Popescu Popescu', 'Giulia', 30)).toBe(
      'CONCEICAO<DELLORTO<POPESCU<<GI',
    );
    expect(nameField('Abcdefghijklmnopqrstuvwxyzabcdefghij', 'Maria', 30)).toBe(
      'ABCDEFGHIJKLMNOPQRSTUVWXYZA<<M',
    );
  });
});

describe('expectedDocument', () => {
  it('holds the names as the MRZ has them', () => {
    const document = expectedDocument({
      ...ANNA,
      format: 'TD1',
      documentCode: 'ID',
      documentNumber: 'BAC456789',
      surname: 'Martín Ruiz',
      givenNames: 'Juan',
    });
    expect(document).toMatchObject({ surname: 'MARTIN RUIZ', givenNames: 'JUAN', sex: 'female' });
  });
});
