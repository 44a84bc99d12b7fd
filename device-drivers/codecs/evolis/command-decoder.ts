import { CR, ESC } from './command-encoder.ts';
import { REST_OF_LINE_ARGUMENT } from './commands.ts';

export type EvolisCommandFrame =
  | { kind: 'command'; command: string; args: string[]; payload: Buffer | null }
  | { kind: 'invalid'; reason: string };

/** Longest command line (without a `Dbc` payload) the printer accepts. */
export const MAX_COMMAND_LINE = 512;
/** Largest `Dbc` payload: a 1016 × 648 panel uncompressed is 648 × 128 = 82 944 bytes. */
export const MAX_DBC_PAYLOAD = 200_000;

/** Command whose arguments end with the length of a binary payload that follows them. */
const BINARY_COMMAND = 'Dbc';
/** `Dbc;<panel>;<rows>;<length>;`: the payload starts after the fourth `;`. */
const BINARY_HEADER_SEPARATORS = 4;

type State =
  | { mode: 'skipping' }
  | { mode: 'line'; bytes: number[]; separators: number }
  | { mode: 'payload'; head: string[]; payload: Buffer; filled: number }
  | { mode: 'payloadEnd'; head: string[]; payload: Buffer };

/**
 * The printer side of the wire: bytes in, in any fragmentation; commands out. Bytes before an
 * ESC are ignored. A line that cannot be a command, is too long, or is cut by an ESC comes out as
 * `invalid` (the printer answers `ERR;CDE`) and the decoder resynchronises at the next ESC.
 * Never throws; memory is bounded by MAX_COMMAND_LINE and MAX_DBC_PAYLOAD.
 */
export class EvolisCommandDecoder {
  private state: State = { mode: 'skipping' };

  push(chunk: Uint8Array): EvolisCommandFrame[] {
    const out: EvolisCommandFrame[] = [];
    let at = 0;
    while (at < chunk.length) {
      const state = this.state;
      if (state.mode === 'payload') {
        // Payload bytes are binary (CR and ESC included): copy them in one go.
        const take = Math.min(chunk.length - at, state.payload.length - state.filled);
        state.payload.set(chunk.subarray(at, at + take), state.filled);
        state.filled += take;
        at += take;
        if (state.filled === state.payload.length)
          this.state = { mode: 'payloadEnd', head: state.head, payload: state.payload };
        continue;
      }
      this.pushByte(chunk[at++]!, out);
    }
    return out;
  }

  private pushByte(byte: number, out: EvolisCommandFrame[]): void {
    const state = this.state;
    switch (state.mode) {
      case 'skipping':
        if (byte === ESC) this.state = { mode: 'line', bytes: [], separators: 0 };
        return;
      case 'payloadEnd':
        if (byte === CR) {
          const [command, ...args] = state.head;
          out.push({ kind: 'command', command: command!, args, payload: state.payload });
          this.state = { mode: 'skipping' };
        } else {
          this.fail(out, 'Dbc payload not followed by CR', byte);
        }
        return;
      case 'line':
        this.pushLineByte(state, byte, out);
        return;
      case 'payload':
        return; // handled in push()
    }
  }

  private pushLineByte(
    state: Extract<State, { mode: 'line' }>,
    byte: number,
    out: EvolisCommandFrame[],
  ): void {
    if (byte === CR) {
      out.push(parseLine(Buffer.from(state.bytes).toString('latin1')));
      this.state = { mode: 'skipping' };
      return;
    }
    if (byte === ESC) {
      out.push({ kind: 'invalid', reason: 'command cut by ESC before its CR' });
      this.state = { mode: 'line', bytes: [], separators: 0 };
      return;
    }
    if (state.bytes.length >= MAX_COMMAND_LINE) {
      this.fail(out, `command line longer than ${MAX_COMMAND_LINE} bytes`, byte);
      return;
    }
    state.bytes.push(byte);
    if (byte !== 0x3b) return;
    state.separators++;
    if (state.separators === BINARY_HEADER_SEPARATORS) this.startPayloadIfBinary(state, out);
  }

  /** After `Dbc;<panel>;<rows>;<length>;`: the next `length` bytes are the payload. */
  private startPayloadIfBinary(state: Extract<State, { mode: 'line' }>, out: EvolisCommandFrame[]): void {
    const head = Buffer.from(state.bytes).toString('latin1').split(';').slice(0, BINARY_HEADER_SEPARATORS);
    if (head[0] !== BINARY_COMMAND) return;
    const lengthText = head[3]!;
    const length = /^\d{1,7}$/.test(lengthText) ? Number(lengthText) : Number.NaN;
    if (!(length <= MAX_DBC_PAYLOAD)) {
      out.push({
        kind: 'invalid',
        reason: `Dbc payload length ${JSON.stringify(lengthText)} is not 0 to ${MAX_DBC_PAYLOAD}`,
      });
      this.state = { mode: 'skipping' };
      return;
    }
    const payload = Buffer.alloc(length);
    this.state =
      length === 0 ? { mode: 'payloadEnd', head, payload } : { mode: 'payload', head, payload, filled: 0 };
  }

  /** Reports the broken command and skips to the next ESC (which may be `byte` itself). */
  private fail(out: EvolisCommandFrame[], reason: string, byte: number): void {
    out.push({ kind: 'invalid', reason });
    this.state = byte === ESC ? { mode: 'line', bytes: [], separators: 0 } : { mode: 'skipping' };
  }
}

function parseLine(line: string): EvolisCommandFrame {
  const [command, ...args] = line.split(';');
  if (command === undefined || !/^[A-Za-z]{1,8}$/.test(command))
    return { kind: 'invalid', reason: `not a command: ${JSON.stringify(line.slice(0, 40))}` };
  const restAt = REST_OF_LINE_ARGUMENT[command];
  if (restAt !== undefined && args.length > restAt + 1)
    return {
      kind: 'command',
      command,
      args: [...args.slice(0, restAt), args.slice(restAt).join(';')],
      payload: null,
    };
  return { kind: 'command', command, args, payload: null };
}
