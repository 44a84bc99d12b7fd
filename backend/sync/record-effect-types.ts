/**
 * A valid record whose effect contradicts what is already stored (the same session reported
 * twice under different sequences, say). It is stored as rejected, with this message as reason.
 */
export class RecordConflict extends Error {}

export interface EffectContext {
  kioskId: string;
  seq: number;
  occurredAt: string;
  /** When the backend consumed the record. */
  receivedAt: string;
}
