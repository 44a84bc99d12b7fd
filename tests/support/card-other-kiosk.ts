import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { KIOSK_NAMESPACE } from '../../contracts/backend-protocol.ts';
import { CARD_ISSUE_EVENT, CardIssueAck } from '../../contracts/card-issuing.ts';
import { maskPan } from '../../contracts/card-number.ts';
import { SYNC_EVENTS, SyncAck, type SyncRecord } from '../../contracts/sync-protocol.ts';
import { signKioskToken } from '../backend-harness.ts';
import type { CardTestKiosk } from './card-backend-process.ts';

/** What became of a card the other kiosk took from its feeder; `pending`: not reported yet. */
export type OtherKioskCardFate = 'issued' | 'spoiled' | 'pending';

/**
 * Another kiosk of the branch, on the real backend protocol: it asks for card numbers and reports
 * what became of its cards through sync, as a kiosk does. Tests use it to put an order in the state
 * another kiosk's work leaves it in — issued, or out of attempts — while the kiosk under test
 * looks at it. It never prints anything: the card numbers stay in this object's memory only.
 */
export class OtherKiosk {
  private nextSeq = 1;
  issueRequests = 0;

  constructor(
    private readonly kiosk: CardTestKiosk,
    private readonly backendUrl: () => string,
  ) {}

  /**
   * One card per attempt for `orderRef`, each reported with its fate (a pending one is not);
   * resolves once the backend applied every report.
   */
  async takeCards(orderRef: string, fates: OtherKioskCardFate[]): Promise<void> {
    await this.withSocket(async (socket) => {
      const records: Array<Omit<SyncRecord, 'seq'>> = [];
      for (const [index, fate] of fates.entries()) {
        const attemptId = randomUUID();
        const attempt = index + 1;
        this.issueRequests += 1;
        const ack = CardIssueAck.parse(
          await socket.timeout(5_000).emitWithAck(CARD_ISSUE_EVENT, { orderRef, attemptId, attempt }),
        );
        if (!ack.ok || !ack.approved) throw new Error(`the other kiosk got no card: ${JSON.stringify(ack)}`);
        const at = new Date().toISOString();
        const card = {
          attemptId,
          orderRef,
          cardId: ack.card.cardId,
          panMasked: maskPan(ack.card.pan),
          attempt,
        };
        if (fate === 'pending') continue;
        records.push(
          fate === 'issued'
            ? {
                idempotencyKey: randomUUID(),
                type: 'card.issued',
                occurredAt: at,
                data: { ...card, taken: true, detectedBy: 'flow', issuedAt: at },
              }
            : {
                idempotencyKey: randomUUID(),
                type: 'card.spoiled',
                occurredAt: at,
                data: { ...card, reason: 'jam', disposition: 'rejectBin', detectedBy: 'flow', spoiledAt: at },
              },
        );
      }
      if (records.length === 0) return;
      const hello = SyncAck.parse(await socket.timeout(5_000).emitWithAck(SYNC_EVENTS.hello, {}));
      if (!hello.ok) throw new Error(`sync hello refused: ${hello.error.message}`);
      this.nextSeq = hello.highWaterMark + 1;
      const batch = records.map((record) => ({ ...record, seq: this.nextSeq++ }));
      const ack = SyncAck.parse(
        await socket.timeout(5_000).emitWithAck(SYNC_EVENTS.batch, { records: batch }),
      );
      if (!ack.ok || ack.rejected.length > 0 || ack.highWaterMark !== this.nextSeq - 1) {
        throw new Error(`the backend did not apply the other kiosk's records: ${JSON.stringify(ack)}`);
      }
    });
  }

  private async withSocket(use: (socket: Socket) => Promise<void>): Promise<void> {
    const socket = io(new URL(KIOSK_NAMESPACE, this.backendUrl()).toString(), {
      auth: (deliver) => deliver(signKioskToken(this.kiosk.privateKey, { kioskId: this.kiosk.kioskId })),
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      await use(socket);
    } finally {
      socket.disconnect();
    }
  }
}
