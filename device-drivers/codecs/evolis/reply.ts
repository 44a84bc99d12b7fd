import { CR } from './command-encoder.ts';

/** One reply line from the printer, parsed (docs/card-printer-protocol.md, "Framing"). */
export type EvolisReply =
  | { kind: 'ok' }
  | { kind: 'error'; word: string }
  | { kind: 'values'; values: string[] };

/** Longest reply line the host accepts (a track 1 read back is 79 characters). */
export const MAX_REPLY_LINE = 512;

export function parseReply(line: string): EvolisReply {
  if (line === 'OK') return { kind: 'ok' };
  if (line === 'ERR' || line.startsWith('ERR;')) return { kind: 'error', word: line.split(';')[1] ?? '' };
  return { kind: 'values', values: line.split(';') };
}

/**
 * The reply to `Rm`: the track as read, taken whole, since tracks 2 and 3 start with the `;`
 * sentinel (and `parseReply` would split it into values), or the error.
 */
export function parseTrackReply(
  line: string,
): { kind: 'track'; track: string } | { kind: 'error'; word: string } {
  const reply = parseReply(line);
  return reply.kind === 'error' ? reply : { kind: 'track', track: line };
}

/** The reply line without its CR. */
export function formatReply(reply: EvolisReply): string {
  switch (reply.kind) {
    case 'ok':
      return 'OK';
    case 'error':
      return `ERR;${reply.word}`;
    case 'values':
      return reply.values.join(';');
  }
}

/** The reply line as it goes on the wire: latin1 text and its CR. */
export function encodeReplyLine(line: string): Buffer {
  return Buffer.concat([Buffer.from(line, 'latin1'), Buffer.of(CR)]);
}

/**
 * The host side of the wire: CR-terminated reply lines out of bytes in any fragmentation. LF and
 * NUL bytes are dropped (a printer may send CR LF, or pad with NULs); empty lines are skipped. A
 * line longer than MAX_REPLY_LINE is dropped up to its CR. Never throws.
 */
export class EvolisReplyDecoder {
  private bytes: number[] = [];
  private discarding = false;

  push(chunk: Uint8Array): string[] {
    const lines: string[] = [];
    for (const byte of chunk) {
      if (byte === CR) {
        if (!this.discarding && this.bytes.length > 0) lines.push(Buffer.from(this.bytes).toString('latin1'));
        this.bytes = [];
        this.discarding = false;
      } else if (byte === 0x0a || byte === 0x00 || this.discarding) {
        // dropped
      } else if (this.bytes.length >= MAX_REPLY_LINE) {
        this.bytes = [];
        this.discarding = true;
      } else {
        this.bytes.push(byte);
      }
    }
    return lines;
  }

  /** Forgets a partial line (e.g. after a timeout, so a late reply is not glued to the next). */
  reset(): void {
    this.bytes = [];
    this.discarding = false;
  }
}
