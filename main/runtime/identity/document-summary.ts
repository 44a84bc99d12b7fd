import type { IdentityDocumentSummary, MrzDocument } from '../../../contracts/index.ts';

/**
 * The confirmation screen's view of a read document: dates as ISO `YYYY-MM-DD`, the kind of
 * document from its code.
 *
 * An MRZ gives years in two digits. A birth date cannot be in the future, so one that would be
 * (in this century) belongs to the 1900s; an expiry date is always in the 2000s (a document
 * that expired before 2000 is not carried any more).
 */
export function summarizeDocument(document: MrzDocument, now: number): IdentityDocumentSummary {
  return {
    kind: documentKind(document.documentCode),
    surname: document.surname,
    givenNames: document.givenNames,
    documentNumber: document.documentNumber,
    nationality: document.nationality,
    issuingState: document.issuingState,
    birthDate: birthDateIso(document.birthDate, now),
    expiryDate: expiryDateIso(document.expiryDate),
    sex: document.sex,
  };
}

/** `P…` passports; `I…`, `A…`, `C…` identity cards (ICAO 9303 part 5); anything else `other`. */
export function documentKind(documentCode: string): IdentityDocumentSummary['kind'] {
  const first = documentCode.charAt(0);
  if (first === 'P') return 'passport';
  if (first === 'I' || first === 'A' || first === 'C') return 'idCard';
  return 'other';
}

/** Today at the kiosk (local time) as `YYYY-MM-DD`. */
export function localIsoDate(now: number): string {
  const date = new Date(now);
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  const dd = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${mm}-${dd}`;
}

export function birthDateIso(yymmdd: string, now: number): string {
  const in2000s = `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
  return in2000s > localIsoDate(now) ? `19${in2000s.slice(2)}` : in2000s;
}

export function expiryDateIso(yymmdd: string): string {
  return `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

/** Whether the document's expiry date is before today (a document is valid on its expiry day). */
export function documentExpired(document: MrzDocument, now: number): boolean {
  return expiryDateIso(document.expiryDate) < localIsoDate(now);
}
