import { rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { encodeHidFrame, HidFrameDecoder } from '../../device-drivers/codecs/hid/frame.ts';
import type { Logger } from '../../platform/log.ts';

export interface HidSocketServer {
  /** The cable is in: the socket is listening (whether a host is connected or not). */
  readonly plugged: boolean;
  readonly hostConnected: boolean;
  /** Listens on the socket path (a stale file from a killed run is removed first). */
  plugIn(): Promise<void>;
  /** Pulls the cable: drops the host and stops listening, so connecting fails until plugged in. */
  unplug(): Promise<void>;
  /** Sends one input report to the host; false when there is none (the report goes nowhere). */
  send(report: Uint8Array): boolean;
  stop(): Promise<void>;
}

/**
 * The simulated USB cable: a Unix socket carrying `[u8 length][report]` frames (docs/hid-scanners.md).
 * One host at a time; a second connection is closed at once. Output reports from the host are read
 * and counted; a frame that breaks the framing drops the host, as the kiosk side does.
 */
export function createHidSocketServer(options: {
  socketPath: string;
  logger: Logger;
  onOutputReport?: (report: Uint8Array) => void;
}): HidSocketServer {
  const { socketPath, logger } = options;
  let server: Server | null = null;
  let host: Socket | null = null;

  const accept = (socket: Socket) => {
    if (host) {
      logger.warn('second host connection refused');
      socket.destroy();
      return;
    }
    host = socket;
    logger.info('host connected');
    const decoder = new HidFrameDecoder();
    socket.on('data', (chunk: Buffer) => {
      const result = decoder.push(chunk);
      for (const report of result.reports) options.onOutputReport?.(report);
      if (!result.ok) {
        logger.warn('host sent a bad frame; dropping it', { reason: result.error });
        socket.destroy();
      }
    });
    socket.on('error', (error) => logger.debug('host socket error', { error }));
    socket.on('close', () => {
      if (host === socket) host = null;
      logger.info('host disconnected');
    });
  };

  return {
    get plugged() {
      return server !== null;
    },
    get hostConnected() {
      return host !== null;
    },
    async plugIn() {
      if (server) return;
      await rm(socketPath, { force: true });
      const listening = createServer(accept);
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(socketPath, () => {
          listening.off('error', reject);
          resolve();
        });
      });
      server = listening;
    },
    async unplug() {
      const listening = server;
      server = null;
      host?.destroy();
      host = null;
      if (listening) await new Promise<void>((resolve) => listening.close(() => resolve()));
      await rm(socketPath, { force: true });
    },
    send(report) {
      if (!host || host.destroyed) return false;
      host.write(encodeHidFrame(report));
      return true;
    },
    async stop() {
      await this.unplug();
    },
  };
}
