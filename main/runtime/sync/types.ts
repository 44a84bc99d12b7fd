import type { SyncBacklog, Unsubscribe } from '../../../contracts/index.ts';

/**
 * Sends the outbox to the backend over the kiosk's socket: bounded batches, one in flight, an ack
 * timeout, rows marked synced only from an ack's high-water mark, exponential backoff with jitter
 * while offline, and a resume from the backend's mark after every reconnect.
 */
export interface SyncClient {
  /** Wake the sender now (after a commit) instead of at its next tick. */
  nudge(): void;
  backlog(): SyncBacklog;
  onBacklog(listener: (backlog: SyncBacklog) => void): Unsubscribe;
  /** Resolves once the outbox is empty or `timeoutMs` passes (false then). */
  drained(timeoutMs: number): Promise<boolean>;
  stop(): void;
}
