import { describe, expect, it } from 'vitest';
import { MrzReadResult } from '../../../contracts/identity.ts';
import { readMrzText } from './read-text.ts';
import { td1, td3 } from './test-mrz.ts';

const ICAO = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

describe('readMrzText', () => {
  it('accepts ICAO’s specimen although the library does not know the state UTO', () => {
    const result = readMrzText(ICAO);
    expect(MrzReadResult.parse(result)).toBeTruthy();
    expect(result.status).toBe('accepted');
    if (result.status !== 'accepted') return;
    expect(result.document).toMatchObject({
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'UTO',
      documentNumber: 'L898902C3',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      nationality: 'UTO',
      birthDate: '740812',
      sex: 'female',
      expiryDate: '120415',
      optionalData: 'ZE184226B',
    });
    expect(result.checks.every((check) => check.valid)).toBe(true);
    expect(result.checks.map((check) => check.field)).toContain('composite');
  });

  it('strips a scanner’s prefix, suffix and CR line ends', () => {
    const lines = td1({
      number: 'BAC456789',
      birth: '900101',
      sex: 'M',
      expiry: '310630',
      names: 'MARTIN<RUIZ<<JUAN',
    });
    const result = readMrzText([`\u0002${lines[0]}\r\n${lines[1]}\r\n${lines[2]}\r\n\u0003`]);
    expect(result.status).toBe('accepted');
    if (result.status !== 'accepted') return;
    expect(result.document).toMatchObject({
      format: 'TD1',
      documentCode: 'ID',
      documentNumber: 'BAC456789',
      surname: 'MARTIN RUIZ',
      givenNames: 'JUAN',
      sex: 'male',
    });
  });

  it('rejects one wrong character without correcting it', () => {
    const lines = td3({
      names: 'WANG<<XIAOMING',
      number: 'E12345678',
      birth: '780720',
      sex: 'M',
      expiry: '320101',
    });
    const wrong = [lines[0], lines[1].replace('780720', '780726')];
    const result = readMrzText(wrong);
    expect(result).toMatchObject({ status: 'rejected', reason: 'checkDigits' });
    if (result.status === 'rejected')
      expect(result.checks.find((c) => c.field === 'birthDate')?.valid).toBe(false);
  });

  it('rejects wrong shapes and random text', () => {
    expect(readMrzText([ICAO[0]!, ICAO[1]!.slice(1)]).status).toBe('rejected');
    expect(readMrzText(['hello world'])).toMatchObject({ status: 'rejected', reason: 'unreadable' });
    expect(readMrzText(['\u0000\u0001 !?'])).toMatchObject({ status: 'rejected', reason: 'noMrz' });
    expect(readMrzText(['x'.repeat(100_000)]).status).toBe('rejected');
  });
});

describe('names that fill their field', () => {
  it('gives no given names when there is no << separator (all of it is the surname)', () => {
    const lines = td3({
      names: 'STRAUSS<BRZECZYSZCZYKIEWICZ<BRZECZYSZCZ',
      number: '080242463',
      birth: '031218',
      sex: 'F',
      expiry: '350119',
    });
    const result = readMrzText(lines);
    expect(result).toMatchObject({
      status: 'accepted',
      document: { surname: 'STRAUSS BRZECZYSZCZYKIEWICZ BRZECZYSZCZ', givenNames: '' },
    });
  });
});
