import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EvolisCommandDecoder, MAX_COMMAND_LINE, MAX_DBC_PAYLOAD } from './command-decoder.ts';
import { withSentinelsAndLrc } from '../magstripe/track-text.ts';
import { encodeCommand } from './command-encoder.ts';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** Feeds `bytes` one byte at a time, as the worst fragmentation a serial port gives. */
function byteByByte(decoder: EvolisCommandDecoder, bytes: Uint8Array) {
  return [...bytes].flatMap((byte) => decoder.push(Uint8Array.of(byte)));
}

describe('EvolisCommandDecoder', () => {
  it('decodes commands with and without arguments, ignoring bytes before ESC', () => {
    const decoder = new EvolisCommandDecoder();
    expect(decoder.push(latin1('\x00\x00\x1bRst\r\x1bRm;1\r'))).toEqual([
      { kind: 'command', command: 'Rst', args: [], payload: null },
      { kind: 'command', command: 'Rm', args: ['1'], payload: null },
    ]);
    // Dm's track is the rest of the line: track 2 starts with its `;` sentinel.
    expect(decoder.push(latin1('\x1bDm;2;;4000001234567899=2512201123?2\r'))).toEqual([
      { kind: 'command', command: 'Dm', args: ['2', ';4000001234567899=2512201123?2'], payload: null },
    ]);
    expect(decoder.push(latin1('\x1bDm;3;;?;\r'))).toEqual([
      { kind: 'command', command: 'Dm', args: ['3', ';?;'], payload: null },
    ]);
  });

  it('reads a Dbc payload of exactly its length, CR and ESC included, in any fragmentation', () => {
    const payload = Uint8Array.of(0x0d, 0x1b, 0x3b, 0x00, 0xff);
    const bytes = Buffer.concat([
      encodeCommand('Dbc', ['k', 648, payload.length], payload),
      encodeCommand('Sp'),
    ]);
    const expected = [
      { kind: 'command', command: 'Dbc', args: ['k', '648', '5'], payload: Buffer.from(payload) },
      { kind: 'command', command: 'Sp', args: [], payload: null },
    ];
    expect(new EvolisCommandDecoder().push(bytes)).toEqual(expected);
    expect(byteByByte(new EvolisCommandDecoder(), bytes)).toEqual(expected);
  });

  it('a Dbc with too few arguments is a command without payload (the printer answers PARAM)', () => {
    expect(new EvolisCommandDecoder().push(latin1('\x1bDbc;k;648\r'))).toEqual([
      { kind: 'command', command: 'Dbc', args: ['k', '648'], payload: null },
    ]);
  });

  it('reports broken commands and resynchronises at the next ESC', () => {
    const decoder = new EvolisCommandDecoder();
    expect(decoder.push(latin1('\x1bR st\r\x1bRs\x1bRst\r'))).toEqual([
      { kind: 'invalid', reason: expect.stringMatching(/not a command/) },
      { kind: 'invalid', reason: expect.stringMatching(/cut by ESC/) },
      { kind: 'command', command: 'Rst', args: [], payload: null },
    ]);
    expect(decoder.push(latin1('\x1b\r'))).toEqual([{ kind: 'invalid', reason: expect.any(String) }]);
  });

  it('bounds a line and resynchronises', () => {
    const decoder = new EvolisCommandDecoder();
    const long = latin1(`\x1bDm;1;${'A'.repeat(MAX_COMMAND_LINE)}\r`);
    expect(decoder.push(long)).toEqual([
      { kind: 'invalid', reason: expect.stringMatching(/longer than 512/) },
    ]);
    expect(decoder.push(latin1('\x1bRst\r'))).toEqual([
      { kind: 'command', command: 'Rst', args: [], payload: null },
    ]);
  });

  it('bounds a Dbc length and checks the CR after the payload', () => {
    const decoder = new EvolisCommandDecoder();
    expect(decoder.push(latin1(`\x1bDbc;k;648;${MAX_DBC_PAYLOAD + 1};\x00\x00\x1bRst\r`))).toEqual([
      { kind: 'invalid', reason: expect.stringMatching(/not 0 to 200000/) },
      { kind: 'command', command: 'Rst', args: [], payload: null },
    ]);
    expect(decoder.push(latin1('\x1bDbc;k;1;x;\x1bRst\r'))).toEqual([
      { kind: 'invalid', reason: expect.stringMatching(/length "x"/) },
      { kind: 'command', command: 'Rst', args: [], payload: null },
    ]);
    expect(decoder.push(latin1('\x1bDbc;k;1;2;abX\x1bRst\r'))).toEqual([
      { kind: 'invalid', reason: expect.stringMatching(/not followed by CR/) },
      { kind: 'command', command: 'Rst', args: [], payload: null },
    ]);
    expect(decoder.push(latin1('\x1bDbc;k;0;0;\r'))).toEqual([
      { kind: 'command', command: 'Dbc', args: ['k', '0', '0'], payload: Buffer.alloc(0) },
    ]);
  });

  it('never throws, and finds a valid command after any random bytes once they end (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 700 }), { maxLength: 8 }), (chunks) => {
        const decoder = new EvolisCommandDecoder();
        for (const chunk of chunks) decoder.push(chunk);
        // Whatever state the garbage left, CR ends a line and a Dbc payload of up to 200 000 bytes
        // at worst; after that the decoder is back at an ESC.
        decoder.push(new Uint8Array(MAX_DBC_PAYLOAD + 1).fill(0x0d));
        expect(decoder.push(latin1('\x1bRst\r'))).toEqual([
          { kind: 'command', command: 'Rst', args: [], payload: null },
        ]);
      }),
      { numRuns: 200 },
    );
  });

  it('carries any track 2 or 3 in Dm, whatever its sentinel and LRC (property)', () => {
    const track = fc.stringMatching(/^[0-9:<=>]{0,37}$/).map((data) => withSentinelsAndLrc(2, data));
    fc.assert(
      fc.property(track, (full) => {
        expect(new EvolisCommandDecoder().push(encodeCommand('Dm', [2, full]))).toEqual([
          { kind: 'command', command: 'Dm', args: ['2', full], payload: null },
        ]);
      }),
    );
  });

  it('decodes whatever the encoder writes (property)', () => {
    const arg = fc
      .string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) })
      .filter((s) => !s.includes(';'));
    const command = fc.stringMatching(/^[A-Za-z]{1,8}$/).filter((name) => name !== 'Dbc' && name !== 'Dm');
    fc.assert(
      fc.property(command, fc.array(arg, { maxLength: 5 }), (name, args) => {
        const frames = new EvolisCommandDecoder().push(encodeCommand(name, args));
        expect(frames).toEqual([{ kind: 'command', command: name, args, payload: null }]);
      }),
    );
  });
});
