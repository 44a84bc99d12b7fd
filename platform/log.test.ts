import { describe, expect, it } from 'vitest';
import { createMemoryLogger, redact } from './log.ts';

describe('log', () => {
  it('redacts fields that may carry personal data or secrets', () => {
    expect(
      redact({ kioskId: 'k1', secret: 's', holderName: 'ANNA', pan: '4111', pin: '1234', code: 'x' }),
    ).toEqual({
      kioskId: 'k1',
      secret: '[redacted]',
      holderName: '[redacted]',
      pan: '[redacted]',
      pin: '[redacted]',
      code: 'x',
    });
  });

  it('keeps its own message and level even when a field is named like them', () => {
    const log = createMemoryLogger('c');
    log.warn('printer offline', { message: 'link lost', level: 'debug' });
    const line = JSON.parse(log.lines[0]!);
    expect(line).toMatchObject({ message: 'printer offline', level: 'warn', component: 'c' });
  });
});
