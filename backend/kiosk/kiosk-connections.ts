import type { Socket } from 'socket.io';

/**
 * The one live socket of each kiosk. A kiosk that reconnects (after a network blip the old
 * socket may not have noticed yet) replaces its previous socket, so messages for a kiosk go to
 * exactly one place and a stale socket cannot mark a live kiosk offline.
 */
export class KioskConnections {
  private readonly sockets = new Map<string, Socket>();

  /** Registers `socket` as the kiosk's connection and returns the socket it replaces, if any. */
  register(kioskId: string, socket: Socket): Socket | undefined {
    const previous = this.sockets.get(kioskId);
    this.sockets.set(kioskId, socket);
    return previous === socket ? undefined : previous;
  }

  /** Forgets `socket`; true when it was the kiosk's current connection. */
  unregister(kioskId: string, socket: Socket): boolean {
    if (this.sockets.get(kioskId) !== socket) return false;
    this.sockets.delete(kioskId);
    return true;
  }

  get(kioskId: string): Socket | undefined {
    return this.sockets.get(kioskId);
  }

  get size(): number {
    return this.sockets.size;
  }
}
