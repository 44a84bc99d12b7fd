import { describe, expect, it } from 'vitest';
import { createActivityThrottle } from './activity-throttle.ts';

describe('activity throttle', () => {
  it('lets the first report through and then at most one per interval', () => {
    let clock = 10_000;
    const shouldReport = createActivityThrottle(2_000, () => clock);
    expect(shouldReport()).toBe(true);
    clock += 500;
    expect(shouldReport()).toBe(false);
    clock += 1_499;
    expect(shouldReport()).toBe(false);
    clock += 1;
    expect(shouldReport()).toBe(true);
  });
});
