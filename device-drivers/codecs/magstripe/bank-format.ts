import { TRACK_FORMATS } from './track-formats.ts';
import { withSentinelsAndLrc } from './track-text.ts';

/**
 * Bank card tracks per ISO/IEC 7813 (format code `B` on track 1), complete with sentinels and LRC.
 *   track 1: %B<PAN>^<SURNAME>/<GIVEN NAMES>^<YYMM><service code><discretionary>?<LRC>
 *   track 2: ;<PAN>=<YYMM><service code><discretionary>?<LRC>
 */
export interface BankTrack2Fields {
  /** 12 to 19 digits. */
  pan: string;
  /** YYMM. */
  expiry: string;
  /** Three digits, e.g. `201` (international, chip, normal authorisation). */
  serviceCode: string;
  /** Issuer data; digits only on track 2. */
  discretionary: string;
}

export interface BankTrack1Fields extends BankTrack2Fields {
  surname: string;
  givenNames: string;
}

/** ISO/IEC 7813 limits the track 1 name field to 2–26 characters. */
const NAME_FIELD_MAX = 26;
const NAME_FIELD_MIN = 2;

export function bankTrack1(fields: BankTrack1Fields): string {
  checkCommonFields(fields);
  const { separator, maxChars } = TRACK_FORMATS[1];
  const discretionary = fields.discretionary.toUpperCase();
  if (discretionary.includes(separator))
    throw new Error(`track 1: discretionary data cannot hold ${separator}`);
  const before = `B${fields.pan}${separator}`;
  const after = `${separator}${fields.expiry}${fields.serviceCode}${discretionary}`;
  // Room for the name once sentinels and LRC (3 characters) are counted.
  const room = Math.max(0, Math.min(NAME_FIELD_MAX, maxChars - 3 - before.length - after.length));
  const name = trackOneName(fields.surname, fields.givenNames).slice(0, room).trimEnd();
  if (name.length < NAME_FIELD_MIN) throw new Error('track 1: no room for the cardholder name');
  return withSentinelsAndLrc(1, before + name + after);
}

export function bankTrack2(fields: BankTrack2Fields): string {
  checkCommonFields(fields);
  if (!/^\d*$/.test(fields.discretionary)) throw new Error('track 2: discretionary data must be digits');
  return withSentinelsAndLrc(
    2,
    `${fields.pan}${TRACK_FORMATS[2].separator}${fields.expiry}${fields.serviceCode}${fields.discretionary}`,
  );
}

/**
 * `SURNAME/GIVEN NAMES` in the track 1 character set: accents dropped (Ñ → N), upper case,
 * anything else that is not a letter, space, `.`, `-` or `'` becomes a space.
 */
export function trackOneName(surname: string, givenNames: string): string {
  const clean = (part: string) =>
    part
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toUpperCase()
      .replace(/[^A-Z .'-]/g, ' ')
      .replace(/ +/g, ' ')
      .trim();
  const given = clean(givenNames);
  return given === '' ? clean(surname) : `${clean(surname)}/${given}`;
}

function checkCommonFields(fields: BankTrack2Fields): void {
  if (!/^\d{12,19}$/.test(fields.pan)) throw new Error('PAN must be 12 to 19 digits');
  if (!/^\d{2}(0[1-9]|1[0-2])$/.test(fields.expiry)) throw new Error('expiry must be YYMM');
  if (!/^\d{3}$/.test(fields.serviceCode)) throw new Error('service code must be 3 digits');
}
