import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BootKeyboardDecoder, canType, encodeTyping, type KeyEvent, MODIFIER } from './boot-keyboard.ts';

const report = (...bytes: number[]) => Uint8Array.from([...bytes, 0, 0, 0, 0, 0, 0, 0, 0].slice(0, 8));

/** What a wedge reader would make of the events: characters, `\n` for Enter, `\t` for Tab. */
function typed(events: KeyEvent[]): string {
  return events
    .map((event) =>
      event.kind === 'char' ? event.char : event.kind === 'enter' ? '\n' : event.kind === 'tab' ? '\t' : '?',
    )
    .join('');
}

function decodeAll(reports: Uint8Array[]): KeyEvent[] {
  const decoder = new BootKeyboardDecoder();
  return reports.flatMap((r) => decoder.push(r));
}

const CODE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789<-_.';

describe('boot keyboard reports', () => {
  it('types letters with and without Shift, digits, < and the base64url punctuation', () => {
    const events = decodeAll([
      report(MODIFIER.leftShift, 0, 0x04), // A
      report(),
      report(0, 0, 0x05), // b
      report(),
      report(0, 0, 0x27), // 0
      report(MODIFIER.rightShift, 0, 0x36), // <
      report(),
      report(0, 0, 0x2d), // -
      report(MODIFIER.leftShift, 0, 0x2d), // _ (same key, Shift added: still held, no new char)
      report(),
      report(MODIFIER.leftShift, 0, 0x2d), // _
      report(0, 0, 0x37), // . (the - key went up, . went down)
      report(0, 0, 0x28), // Enter
      report(),
    ]);
    expect(typed(events)).toBe('Ab0<-_.\n');
  });

  it('types a key held across reports once and a rolled-over key when it appears', () => {
    const events = decodeAll([
      report(0, 0, 0x04),
      report(0, 0, 0x04),
      report(0, 0, 0x04, 0x05), // b goes down while a is held
      report(0, 0, 0x05),
      report(0, 0, 0x05, 0x04), // a again
      report(),
    ]);
    expect(typed(events)).toBe('aba');
  });

  it('skips ErrorRollOver reports without losing the keys held', () => {
    const events = decodeAll([report(0, 0, 0x04), report(0, 0, 1, 1, 1, 1, 1, 1), report(0, 0, 0x04)]);
    expect(typed(events)).toBe('a');
  });

  it('calls reports no keyboard sends invalid', () => {
    const decoder = new BootKeyboardDecoder();
    expect(decoder.push(Uint8Array.of(0, 0, 4))[0]?.kind).toBe('invalid');
    expect(decoder.push(report(0, 7, 4))[0]?.kind).toBe('invalid');
    expect(decoder.push(report(0, 0, 0, 4))[0]?.kind).toBe('invalid');
    expect(decoder.push(report(0, 0, 4, 4))[0]?.kind).toBe('invalid');
    expect(decoder.push(report(0, 0, 0xe1))[0]?.kind).toBe('invalid');
  });

  it('types nothing printable with Ctrl held', () => {
    expect(decodeAll([report(MODIFIER.leftCtrl, 0, 0x04)])).toEqual([{ kind: 'other', usage: 0x04 }]);
  });

  it('decodes what it encodes, doubled letters included', () => {
    const text = fc.stringMatching(new RegExp(`^[${CODE_CHARS.replace('-', '\\-')}\\n\\t ]{0,200}$`));
    fc.assert(
      fc.property(text, (value) => {
        expect(typed(decodeAll(encodeTyping(value)))).toBe(value);
      }),
    );
  });

  it('types every printable ASCII character on the US layout', () => {
    let ascii = '';
    for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
    expect(canType(ascii)).toBe(true);
    expect(typed(decodeAll(encodeTyping(ascii)))).toBe(ascii);
    expect(canType('é')).toBe(false);
    expect(() => encodeTyping('é')).toThrow(RangeError);
  });

  it('never throws on random reports and yields at most six events per report', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 64 }), { maxLength: 50 }), (reports) => {
        const decoder = new BootKeyboardDecoder();
        for (const r of reports) expect(decoder.push(r).length).toBeLessThanOrEqual(6);
      }),
    );
  });
});
