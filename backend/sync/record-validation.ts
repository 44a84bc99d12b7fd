import { BUSINESS_RECORD_SCHEMAS, type BusinessRecordType } from '../../contracts/business-records.ts';
import { summariseIssues } from './issue-summary.ts';

/** A record's data, checked against its type's schema. */
export type ValidatedRecord =
  | {
      [T in BusinessRecordType]: { ok: true; type: T; data: (typeof BUSINESS_RECORD_SCHEMAS)[T]['_output'] };
    }[BusinessRecordType]
  | { ok: false; reason: string };

function isKnownType(type: string): type is BusinessRecordType {
  return Object.hasOwn(BUSINESS_RECORD_SCHEMAS, type);
}

/**
 * Validates `data` with the schema of `type`. A type this backend does not know is a rejection,
 * not an error: a newer kiosk must not block its own queue on an older backend.
 */
export function validateRecord(type: string, data: unknown): ValidatedRecord {
  if (!isKnownType(type)) return { ok: false, reason: `unknown record type ${type}` };
  const parsed = BUSINESS_RECORD_SCHEMAS[type].safeParse(data);
  if (!parsed.success) return { ok: false, reason: summariseIssues(parsed.error, `invalid ${type}: `) };
  return { ok: true, type, data: parsed.data } as ValidatedRecord;
}
