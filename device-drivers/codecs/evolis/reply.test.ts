import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EvolisReplyDecoder,
  encodeReplyLine,
  formatReply,
  MAX_REPLY_LINE,
  parseReply,
  parseTrackReply,
} from './reply.ts';

describe('parseReply / formatReply', () => {
  it('tells OK, errors and values apart', () => {
    expect(parseReply('OK')).toEqual({ kind: 'ok' });
    expect(parseReply('ERR;RIBBON_ENDED')).toEqual({ kind: 'error', word: 'RIBBON_ENDED' });
    expect(parseReply('ERR')).toEqual({ kind: 'error', word: '' });
    expect(parseReply('READY;PRINTER_READY')).toEqual({ kind: 'values', values: ['READY', 'PRINTER_READY'] });
    expect(parseReply(';4000001234567899=2512201123?2')).toEqual({
      kind: 'values',
      values: ['', '4000001234567899=2512201123?2'],
    });
  });

  it('takes an Rm reply whole, sentinel and all', () => {
    expect(parseTrackReply(';4000001234567899=2512201123?2')).toEqual({
      kind: 'track',
      track: ';4000001234567899=2512201123?2',
    });
    expect(parseTrackReply('ERR;ERR_READ_MAGNETIC')).toEqual({ kind: 'error', word: 'ERR_READ_MAGNETIC' });
  });

  it('formats what it parses', () => {
    for (const line of ['OK', 'ERR;SEQ', '12;0;200;0;0;20', 'atExit'])
      expect(formatReply(parseReply(line))).toBe(line);
    expect(encodeReplyLine('OK')).toEqual(Buffer.from('OK\r'));
  });
});

describe('EvolisReplyDecoder', () => {
  it('splits CR-terminated lines in any fragmentation, dropping LF and NUL', () => {
    const decoder = new EvolisReplyDecoder();
    expect(decoder.push(Buffer.from('O'))).toEqual([]);
    expect(decoder.push(Buffer.from('K\r\nERR;S'))).toEqual(['OK']);
    expect(decoder.push(Buffer.from('EQ\r\0\r'))).toEqual(['ERR;SEQ']);
  });

  it('drops an oversize line up to its CR, then goes on', () => {
    const decoder = new EvolisReplyDecoder();
    expect(decoder.push(Buffer.from(`${'x'.repeat(MAX_REPLY_LINE + 1)}\rOK\r`))).toEqual(['OK']);
    expect(decoder.push(Buffer.from('x'.repeat(MAX_REPLY_LINE)))).toEqual([]);
    expect(decoder.push(Buffer.from('\r'))).toEqual(['x'.repeat(MAX_REPLY_LINE)]);
  });

  it('reset forgets a partial line', () => {
    const decoder = new EvolisReplyDecoder();
    decoder.push(Buffer.from('REA'));
    decoder.reset();
    expect(decoder.push(Buffer.from('OK\r'))).toEqual(['OK']);
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 800 })), (chunks) => {
        const decoder = new EvolisReplyDecoder();
        for (const chunk of chunks)
          for (const line of decoder.push(chunk)) expect(line.length).toBeLessThanOrEqual(MAX_REPLY_LINE);
      }),
    );
  });
});
