import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSocatPair } from './socat-pair.ts';

const linkPath = (name: string) => join(tmpdir(), `ventanilla-socat-${process.pid}-${Date.now()}-${name}`);

describe('socat PTY pair', () => {
  it('carries every byte value from one end to the other and cleans up on stop', async () => {
    const pair = await startSocatPair({ hostLink: linkPath('host'), deviceLink: linkPath('device') });
    try {
      const host = await open(pair.hostPath, 'r+');
      const device = await open(pair.devicePath, 'r+');
      const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      await host.write(all);
      const received: Buffer[] = [];
      let total = 0;
      while (total < all.length) {
        const { buffer, bytesRead } = await device.read(Buffer.alloc(512), 0, 512, null);
        received.push(buffer.subarray(0, bytesRead));
        total += bytesRead;
      }
      expect(Buffer.concat(received)).toEqual(all);
      await host.close();
      await device.close();
    } finally {
      await pair.stop();
    }
    expect(pair.process.exitCode !== null || pair.process.signalCode !== null).toBe(true);
    expect(existsSync(pair.hostPath)).toBe(false);
    expect(existsSync(pair.devicePath)).toBe(false);
  });

  it('replaces stale links left by an earlier run', async () => {
    const hostLink = linkPath('stale-host');
    const deviceLink = linkPath('stale-device');
    const first = await startSocatPair({ hostLink, deviceLink });
    first.process.kill('SIGKILL');
    await first.exited;
    const second = await startSocatPair({ hostLink, deviceLink });
    expect(existsSync(hostLink)).toBe(true);
    await second.stop();
  });
});
