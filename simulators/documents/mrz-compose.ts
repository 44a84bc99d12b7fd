import { MRZ_SHAPE, type MrzDocument, type MrzFormat } from '../../contracts/identity.ts';

/**
 * Builds the machine readable zone of a document from its fields (ICAO 9303 parts 3–6), so the
 * specimen set carries MRZs whose check digits are right by construction and a reader's result can
 * be compared with the truth field by field.
 */

/** A document's data as printed in its visual zone; names may carry accents, the MRZ will not. */
export interface MrzFields {
  format: MrzFormat;
  /** `P`, `PO`, `I`, `ID`, `AC`… */
  documentCode: string;
  issuingState: string;
  /** Letters and digits; longer than 9 continues in the optional data (TD1, TD2). */
  documentNumber: string;
  surname: string;
  /** Given names separated by spaces. */
  givenNames: string;
  nationality: string;
  /** YYMMDD */
  birthDate: string;
  sex: 'M' | 'F' | '<';
  /** YYMMDD */
  expiryDate: string;
  /** TD3 personal number (14), TD1 optional data of line 1 and TD2's (after any continuation). */
  optionalData?: string;
  /** TD1 only: the optional data of line 2 (11). */
  optionalData2?: string;
}

const FILLER = '<';

/** ICAO 9303 check digit: weights 7, 3, 1; digits as such, A–Z 10–35, `<` 0; sum mod 10. */
export function checkDigit(text: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    sum += charValue(text[i]!) * weights[i % 3]!;
  }
  return String(sum % 10);
}

function charValue(char: string): number {
  if (char >= '0' && char <= '9') return char.charCodeAt(0) - 48;
  if (char >= 'A' && char <= 'Z') return char.charCodeAt(0) - 55;
  if (char === FILLER) return 0;
  throw new Error(`not an MRZ character: ${JSON.stringify(char)}`);
}

/**
 * Latin letters that ICAO 9303 part 3 (6.A) writes with two letters in the MRZ; other accented
 * letters lose their accent (NFD and combining marks removed).
 */
const TWO_LETTER: Record<string, string> = {
  Ä: 'AE',
  Å: 'AA',
  Æ: 'AE',
  Ö: 'OE',
  Ø: 'OE',
  Ü: 'UE',
  ß: 'SS',
  Þ: 'TH',
  Œ: 'OE',
  Ĳ: 'IJ',
};

/** A name as the MRZ writes it: upper case A–Z, spaces and hyphens as `<`, apostrophes and commas dropped. */
export function transliterate(name: string): string {
  let out = '';
  for (const char of name.toUpperCase()) {
    const two = TWO_LETTER[char];
    if (two) {
      out += two;
      continue;
    }
    const base = char.normalize('NFD').replace(/\p{M}/gu, '');
    if (/^[A-Z]$/.test(base)) out += base;
    else if (base === ' ' || base === '-' || base === FILLER) out += FILLER;
    else if (base === 'Ð' || base === 'Đ') out += 'D';
    else if (base === 'Ł') out += 'L';
    else if (base === 'Ħ') out += 'H';
    else if (base === 'I' || base === 'İ' || base === 'ı') out += 'I';
    // Apostrophes, commas, full stops and anything else have no MRZ form.
  }
  return out.replace(/<+/g, FILLER).replace(/^<|<$/g, '');
}

/**
 * The name field: surname, `<<`, given names. When it does not fit, the given names are cut first
 * (ICAO 9303 part 3 4.6.4), then the surname, keeping at least one letter of a given name; fillers
 * left at the cut are dropped, so a cut name never ends in a separator.
 */
export function nameField(surname: string, givenNames: string, length: number): string {
  const primary = transliterate(surname);
  const secondary = transliterate(givenNames);
  let field = secondary ? `${primary}<<${secondary}` : primary;
  if (field.length > length) {
    if (secondary && primary.length + 3 <= length) {
      field = field.slice(0, length);
    } else if (secondary) {
      // A surname cut at a space would leave `<<<` before the given name: cut it at a letter.
      const cut = primary.slice(0, length - 3).replace(/<+$/, '');
      field = `${cut}<<${secondary.slice(0, length - cut.length - 2)}`;
    } else {
      field = primary.slice(0, length);
    }
    field = field.replace(/<+$/, '');
  }
  return pad(field, length);
}

function pad(text: string, length: number): string {
  if (text.length > length) throw new Error(`field longer than ${length}: ${text.length}`);
  return text + FILLER.repeat(length - text.length);
}

function code(text: string, length: number): string {
  if (!/^[A-Z0-9<]*$/.test(text)) throw new Error('MRZ field with characters outside A-Z 0-9 <');
  return pad(text, length);
}

function assertDate(date: string): void {
  if (!/^\d{6}$/.test(date)) throw new Error('dates are YYMMDD');
}

/**
 * Document number, its check digit and the optional data that follows (TD1 line 1, TD2 line 2):
 * a number longer than 9 keeps its first 9 characters in the field, a `<` in place of the check
 * digit, and continues at the start of the optional data followed by the check digit of the
 * whole number (ICAO 9303 part 5 4.2.4 note j).
 */
function numberWithOptional(number: string, optional: string, optionalLength: number): string {
  if (number.length <= 9) {
    return code(number, 9) + checkDigit(code(number, 9)) + code(optional, optionalLength);
  }
  const rest = number.slice(9);
  const continued = `${rest}${checkDigit(number)}${optional ? `<${optional}` : ''}`;
  return `${number.slice(0, 9)}${FILLER}${code(continued, optionalLength)}`;
}

function compose(fields: MrzFields): string[] {
  for (const date of [fields.birthDate, fields.expiryDate]) assertDate(date);
  const documentCode = code(fields.documentCode, 2);
  const issuing = code(fields.issuingState, 3);
  const nationality = code(fields.nationality, 3);
  const birth = fields.birthDate + checkDigit(fields.birthDate);
  const expiry = fields.expiryDate + checkDigit(fields.expiryDate);
  const number = fields.documentNumber;
  if (!/^[A-Z0-9]{1,24}$/.test(number)) throw new Error('document numbers are 1-24 letters and digits');

  switch (fields.format) {
    case 'TD3': {
      if (number.length > 9) throw new Error('TD3 document numbers have at most 9 characters');
      const docNumber = code(number, 9) + checkDigit(code(number, 9));
      const personal = code(fields.optionalData ?? '', 14);
      // An empty personal number may carry `<` or 0 as its check digit; 0 is what checkDigit gives.
      const personalCheck = checkDigit(personal);
      const line1 = documentCode + issuing + nameField(fields.surname, fields.givenNames, 39);
      const body = `${docNumber}${nationality}${birth}${fields.sex}${expiry}${personal}${personalCheck}`;
      const composite = checkDigit(docNumber + birth + expiry + personal + personalCheck);
      return [line1, body + composite];
    }
    case 'TD2': {
      const numberAndOptional = numberWithOptional(number, fields.optionalData ?? '', 7);
      const docPart = numberAndOptional.slice(0, 10);
      const optional = numberAndOptional.slice(10);
      const line1 = documentCode + issuing + nameField(fields.surname, fields.givenNames, 31);
      const composite = checkDigit(docPart + birth + expiry + optional);
      return [line1, `${docPart}${nationality}${birth}${fields.sex}${expiry}${optional}${composite}`];
    }
    case 'TD1': {
      const upper = numberWithOptional(number, fields.optionalData ?? '', 15);
      const optional2 = code(fields.optionalData2 ?? '', 11);
      const line1 = documentCode + issuing + upper;
      const composite = checkDigit(upper + birth + expiry + optional2);
      const line2 = `${birth}${fields.sex}${expiry}${nationality}${optional2}${composite}`;
      return [line1, line2, nameField(fields.surname, fields.givenNames, 30)];
    }
  }
}

/** The MRZ lines of a document, checked against the format's shape. */
export function composeMrz(fields: MrzFields): string[] {
  const lines = compose(fields);
  const shape = MRZ_SHAPE[fields.format];
  if (lines.length !== shape.lines || lines.some((line) => line.length !== shape.length)) {
    throw new Error(`composed ${fields.format} MRZ has the wrong shape`);
  }
  return lines;
}

const SEX = { M: 'male', F: 'female', '<': 'unspecified' } as const;

function unfill(text: string): string {
  return text.replace(/<+/g, ' ').trim();
}

/**
 * What an exact reader reports for these fields (contracts/identity.ts `MrzDocument`): names as the
 * MRZ holds them (transliterated, truncated, fillers as spaces), the whole document number.
 */
export function expectedDocument(fields: MrzFields): MrzDocument {
  const lines = composeMrz(fields);
  const nameLine = fields.format === 'TD1' ? lines[2]! : lines[0]!.slice(5);
  const separator = nameLine.indexOf('<<');
  const surname = separator < 0 ? nameLine : nameLine.slice(0, separator);
  const givenNames = separator < 0 ? '' : unfill(nameLine.slice(separator + 2));
  return {
    format: fields.format,
    documentCode: fields.documentCode.replace(/</g, ''),
    issuingState: fields.issuingState,
    documentNumber: fields.documentNumber,
    surname: unfill(surname),
    givenNames,
    nationality: fields.nationality,
    birthDate: fields.birthDate,
    sex: SEX[fields.sex],
    expiryDate: fields.expiryDate,
    optionalData: unfill(
      fields.format === 'TD1'
        ? `${fields.optionalData ?? ''}<${fields.optionalData2 ?? ''}`
        : (fields.optionalData ?? ''),
    ),
  };
}
