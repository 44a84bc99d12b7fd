import { describe, expect, it } from 'vitest';
import { createReplyCollector } from './reply-line.ts';

/** Feeds `chunks` the way the link does: all bytes so far, on every chunk. */
function collect(...chunks: (string | number[])[]) {
  const collector = createReplyCollector();
  let received = Buffer.alloc(0);
  let done = false;
  for (const chunk of chunks) {
    received = Buffer.concat([
      received,
      typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : Buffer.from(chunk),
    ]);
    done = collector.isComplete(received);
  }
  return { done, reply: collector.reply() };
}

describe('reply collector', () => {
  it('completes at the CR, across chunks, with CR LF and NUL padding', () => {
    expect(collect('O', 'K\r')).toEqual({ done: true, reply: { kind: 'ok' } });
    expect(collect([0, 0], 'READY;PRINTER_READY\r\n')).toEqual({
      done: true,
      reply: { kind: 'values', values: ['READY', 'PRINTER_READY'] },
    });
    expect(collect('ERR;SEQ\r')).toEqual({ done: true, reply: { kind: 'error', word: 'SEQ' } });
  });

  it('waits for a line without its CR', () => {
    expect(collect('inPri')).toEqual({ done: false, reply: null });
  });

  it('tells padding from an unended line', () => {
    const collector = createReplyCollector();
    collector.isComplete(Buffer.from([0, 0, 0x0a]));
    expect(collector.heard()).toBe(false);
    collector.isComplete(Buffer.from([0, 0, 0x0a, 0x41]));
    expect(collector.heard()).toBe(true);
  });

  it('completes at once on a byte no reply holds, and has no reply then', () => {
    expect(collect('OK', [0x9c, 0x02])).toEqual({ done: true, reply: null });
  });

  it('ignores what follows the reply', () => {
    expect(collect('OK\r', [0xff, 0x13])).toEqual({ done: true, reply: { kind: 'ok' } });
  });
});
