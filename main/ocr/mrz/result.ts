import type { MrzCheck, MrzReadResult, MrzRejectReason, MrzTimings } from '../../../contracts/identity.ts';
import type { Decision } from './correct.ts';

export const NO_TIME: MrzTimings = { decodeMs: 0, prepareMs: 0, ocrMs: 0, totalMs: 0 };

/** A rejection; `lines` are cut to what the contract carries (at most 4 of 64 characters). */
export function rejected(
  reason: MrzRejectReason,
  detail: string,
  timings: MrzTimings,
  lines: readonly string[] = [],
  checks: MrzCheck[] = [],
): MrzReadResult {
  return {
    status: 'rejected',
    reason,
    lines: lines.slice(0, 4).map((line) => line.slice(0, 64)),
    checks,
    detail: detail.slice(0, 300),
    timings,
  };
}

export function fromDecision(
  decision: Decision,
  seenLines: readonly string[],
  timings: MrzTimings,
): MrzReadResult {
  if (decision.ok) {
    return {
      status: 'accepted',
      document: decision.document,
      lines: decision.lines,
      checks: decision.checks,
      corrections: decision.corrections,
      timings,
    };
  }
  return rejected(decision.reason, decision.detail, timings, seenLines, decision.checks);
}
