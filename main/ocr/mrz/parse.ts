import { parse, type Details, type ParseResult } from 'mrz';
import type { MrzCheck, MrzCheckField, MrzDocument, MrzFormat } from '../../../contracts/identity.ts';

/**
 * Parses MRZ lines of an exact TD1/TD2/TD3 shape with the `mrz` library. The library also
 * validates issuing states against its list and rejects fictional ones (ICAO's own `UTO`
 * specimen), so the verdict here is built from its per-field details: every check digit, and
 * every field the document needs, must be valid; states only need to be three letters/fillers.
 */

export type MrzParse =
  | { ok: true; document: MrzDocument; checks: MrzCheck[] }
  | { ok: false; checks: MrzCheck[] /** Technician-facing, no personal data. */; problem: string };

const CHECK_FIELDS: Partial<Record<string, MrzCheckField>> = {
  documentNumberCheckDigit: 'documentNumber',
  birthDateCheckDigit: 'birthDate',
  expirationDateCheckDigit: 'expiryDate',
  personalNumberCheckDigit: 'personalNumber',
  compositeCheckDigit: 'composite',
};

/** Fields that must parse for a usable document (states are checked here, not by the library). */
const REQUIRED_FIELDS = ['documentCode', 'documentNumber', 'birthDate', 'expirationDate', 'sex', 'lastName'];

const FULL_DATE = /^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;
const STATE = /^[A-Z<]{3}$/;

export function checksOf(details: readonly Details[]): MrzCheck[] {
  const checks: MrzCheck[] = [];
  for (const detail of details) {
    const field = detail.field === null ? undefined : CHECK_FIELDS[detail.field];
    if (field !== undefined) checks.push({ field, valid: detail.valid });
  }
  return checks;
}

function detailOf(result: ParseResult, field: string): Details | undefined {
  return result.details.find((detail) => detail.field === field);
}

function clean(text: string): string {
  return text.replace(/<+$/, '').replaceAll('<', ' ').trim();
}

/** TD1/TD2 optional data without the continuation of a long document number. */
function optionalData(format: MrzFormat, lines: readonly string[]): string {
  if (format === 'TD3') return clean(lines[1]!.slice(28, 42));
  if (format === 'TD2') {
    const optional = lines[1]!.slice(28, 35);
    return clean(lines[1]![9] === '<' ? optional.slice(optional.indexOf('<') + 1) : optional);
  }
  let first = lines[0]!.slice(15, 30);
  if (lines[0]![14] === '<') first = first.slice(first.indexOf('<') + 1);
  return [clean(first), clean(lines[1]!.slice(18, 29))].filter((part) => part !== '').join(' ');
}

function sexOf(value: string | null | undefined): MrzDocument['sex'] | null {
  if (value === 'male' || value === 'female') return value;
  if (value === 'nonspecified') return 'unspecified';
  return null;
}

export function parseMrz(lines: readonly string[]): MrzParse {
  let result: ParseResult;
  try {
    result = parse(lines);
  } catch {
    return { ok: false, checks: [], problem: 'not an MRZ of a known format' };
  }
  const checks = checksOf(result.details);
  if (result.format !== 'TD1' && result.format !== 'TD2' && result.format !== 'TD3') {
    return { ok: false, checks, problem: `unsupported format ${result.format}` };
  }
  const format: MrzFormat = result.format;
  const failedChecks = checks.filter((check) => !check.valid).map((check) => check.field);
  if (failedChecks.length > 0) {
    return { ok: false, checks, problem: `check digits fail: ${failedChecks.join(', ')}` };
  }
  for (const field of REQUIRED_FIELDS) {
    if (detailOf(result, field)?.valid !== true) return { ok: false, checks, problem: `${field} is invalid` };
  }
  const { fields } = result;
  const stateStart = 2;
  const issuingState = lines[0]!.slice(stateStart, stateStart + 3);
  const nationalityText = format === 'TD1' ? lines[1]!.slice(15, 18) : lines[1]!.slice(10, 13);
  const sex = sexOf(fields.sex);
  const birthDate = fields.birthDate ?? '';
  const expiryDate = fields.expirationDate ?? '';
  const documentNumber = result.documentNumber ?? '';
  if (!STATE.test(issuingState) || !STATE.test(nationalityText)) {
    return { ok: false, checks, problem: 'issuing state or nationality is not three letters' };
  }
  if (!FULL_DATE.test(birthDate) || !FULL_DATE.test(expiryDate)) {
    return { ok: false, checks, problem: 'a date is incomplete or not a calendar date' };
  }
  if (sex === null) return { ok: false, checks, problem: 'sex is invalid' };
  if (!/^[A-Z0-9]{1,24}$/.test(documentNumber)) {
    return { ok: false, checks, problem: 'document number is invalid' };
  }
  const firstName = detailOf(result, 'firstName');
  if (firstName !== undefined && !firstName.valid)
    return { ok: false, checks, problem: 'given names are invalid' };
  // A name that fills its field has no `<<`: all of it is the surname (the library would repeat it
  // as the given names).
  const nameField = format === 'TD1' ? lines[2]! : lines[0]!.slice(5);
  const hasGivenNames = nameField.replace(/<+$/, '').includes('<<');
  const document: MrzDocument = {
    format,
    documentCode: clean(lines[0]!.slice(0, 2)).replaceAll(' ', ''),
    issuingState,
    documentNumber,
    surname: fields.lastName ?? '',
    givenNames: hasGivenNames ? (fields.firstName ?? '') : '',
    nationality: nationalityText,
    birthDate,
    sex,
    expiryDate,
    optionalData: optionalData(format, lines),
  };
  return { ok: true, document, checks };
}
