import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  type CardOrderLookupByDocumentRequest,
  type IdentityDocumentSummary,
  MrzDocument,
  MrzLine,
} from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type { SqliteDatabase } from '../../../platform/sqlite.ts';
import { summarizeDocument } from './document-summary.ts';
import type { IdentityKey } from './identity-key.ts';

/**
 * Identity captures: the documents read at this kiosk, kept encrypted in the kiosk database
 * (table `identity_captures`, migration 5) from the read until the flow or session that needs
 * them ends, and never longer than `lifetimeMs`.
 *
 * Each row is a JSON capture sealed with AES-256-GCM under the kiosk's identity data key
 * (identity-key.ts), a fresh 96-bit IV per row, and the capture id as additional authenticated
 * data (a row's ciphertext moved under another id does not open). Only ids, times and the
 * ciphertext reach SQLite, its WAL or its shared memory file. Nothing of a document is logged:
 * log lines carry the capture id at most.
 *
 * Limit: the JSON text of a capture is a JavaScript string while it is sealed or opened, and
 * strings cannot be overwritten; the byte buffers are zeroed after use, the strings are left to
 * the garbage collector.
 */
export interface IdentityCapture {
  document: MrzDocument;
  lines: string[];
  /** The scanned image, only when the MRZ was read from one. */
  image?: Uint8Array;
  imageMime?: 'image/png' | 'image/jpeg';
}

export interface StoredCapture extends IdentityCapture {
  captureId: string;
  sessionId: string;
  createdAt: number;
  expiresAt: number;
}

export interface CaptureStore {
  /** Seals and stores a capture for a session; answers its id. */
  put(sessionId: string, capture: IdentityCapture): string;
  /** The capture, or null when it is missing, expired or does not open (tampered, other key). */
  get(captureId: string): StoredCapture | null;
  /** What the confirmation screen shows of a capture, or null like `get`. */
  summary(captureId: string): IdentityDocumentSummary | null;
  deleteForSession(sessionId: string): number;
  deleteCapture(captureId: string): boolean;
  /** Deletes captures past their lifetime; answers how many. */
  sweepExpired(now?: number): number;
  count(): number;
}

export interface CaptureStoreOptions {
  db: SqliteDatabase;
  key: IdentityKey;
  log: Logger;
  now?: () => number;
  /** How long a capture may live at most; a customer's session never lasts longer. */
  lifetimeMs?: number;
}

export const CAPTURE_LIFETIME_MS = 15 * 60_000;

const PAYLOAD_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What is sealed: the capture with its image as base64 text. */
const CapturePayload = z.object({
  v: z.literal(PAYLOAD_VERSION),
  document: MrzDocument,
  lines: z.array(MrzLine).max(3),
  image: z.string().optional(),
  imageMime: z.enum(['image/png', 'image/jpeg']).optional(),
});
type CapturePayload = z.infer<typeof CapturePayload>;

interface CaptureRow {
  id: string;
  session_id: string;
  created_at: number;
  expires_at: number;
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  key_id: string;
}

export function openCaptureStore(options: CaptureStoreOptions): CaptureStore {
  const { db, log } = options;
  const { key, keyId } = options.key;
  const now = options.now ?? Date.now;
  const lifetimeMs = options.lifetimeMs ?? CAPTURE_LIFETIME_MS;

  const insert = db.prepare(
    `INSERT INTO identity_captures (id, session_id, created_at, expires_at, ciphertext, iv, tag, key_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const select = db.prepare('SELECT * FROM identity_captures WHERE id = ?');
  const removeOne = db.prepare('DELETE FROM identity_captures WHERE id = ?');
  const removeSession = db.prepare('DELETE FROM identity_captures WHERE session_id = ?');
  const removeExpired = db.prepare('DELETE FROM identity_captures WHERE expires_at <= ?');
  const countRows = db.prepare('SELECT count(*) AS n FROM identity_captures');

  /**
   * The summary of the one capture on the confirmation screen, decrypted once rather than at every
   * view publication. Memory only; dropped when its capture is deleted, expires or another replaces it.
   */
  let onScreen: {
    captureId: string;
    sessionId: string;
    expiresAt: number;
    summary: IdentityDocumentSummary;
  } | null = null;
  const forget = (matches: (entry: NonNullable<typeof onScreen>) => boolean) => {
    if (onScreen && matches(onScreen)) onScreen = null;
  };

  const seal = (captureId: string, payload: CapturePayload) => {
    const plaintext = Buffer.from(JSON.stringify(payload), 'utf8');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(captureId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    plaintext.fill(0);
    return { ciphertext, iv, tag: cipher.getAuthTag() };
  };

  /** Opens a row, or null (logged by id only) when it was sealed with another key or altered. */
  const open = (row: CaptureRow): CapturePayload | null => {
    if (row.key_id !== keyId) {
      log.warn('identity capture sealed with another key; dropped', { captureId: row.id });
      return null;
    }
    let plaintext: Buffer | null = null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, row.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(row.id, 'utf8'));
      decipher.setAuthTag(row.tag);
      plaintext = Buffer.concat([decipher.update(row.ciphertext), decipher.final()]);
    } catch {
      // GCM refused the tag: the ciphertext, IV, tag or id was changed. The error says nothing useful.
      log.error('identity capture failed authentication (altered in the database); dropped', {
        captureId: row.id,
      });
      return null;
    }
    try {
      const parsed = CapturePayload.safeParse(JSON.parse(plaintext.toString('utf8')));
      if (parsed.success) return parsed.data;
      log.error('identity capture opened but is not a capture of this version; dropped', {
        captureId: row.id,
      });
      return null;
    } catch {
      log.error('identity capture opened but is not JSON; dropped', { captureId: row.id });
      return null;
    } finally {
      plaintext.fill(0);
    }
  };

  /** The live row's payload; a row that expired or does not open is deleted on the way. */
  const load = (captureId: string): { row: CaptureRow; payload: CapturePayload } | null => {
    const row = select.get(captureId) as CaptureRow | undefined;
    if (!row) return null;
    if (row.expires_at <= now()) {
      removeOne.run(captureId);
      return null;
    }
    const payload = open(row);
    if (!payload) {
      removeOne.run(captureId);
      return null;
    }
    return { row, payload };
  };

  return {
    put(sessionId, capture) {
      const captureId = randomUUID();
      const payload: CapturePayload = {
        v: PAYLOAD_VERSION,
        document: MrzDocument.parse(capture.document),
        lines: [...capture.lines],
        ...(capture.image
          ? {
              image: Buffer.from(
                capture.image.buffer,
                capture.image.byteOffset,
                capture.image.byteLength,
              ).toString('base64'),
              imageMime: capture.imageMime ?? 'image/jpeg',
            }
          : {}),
      };
      const sealed = seal(captureId, payload);
      const createdAt = now();
      insert.run(
        captureId,
        sessionId,
        createdAt,
        createdAt + lifetimeMs,
        sealed.ciphertext,
        sealed.iv,
        sealed.tag,
        keyId,
      );
      return captureId;
    },

    get(captureId) {
      const loaded = load(captureId);
      if (!loaded) {
        forget((entry) => entry.captureId === captureId);
        return null;
      }
      const { row, payload } = loaded;
      return {
        captureId,
        sessionId: row.session_id,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        document: payload.document,
        lines: payload.lines,
        ...(payload.image !== undefined
          ? { image: new Uint8Array(Buffer.from(payload.image, 'base64')), imageMime: payload.imageMime }
          : {}),
      };
    },

    summary(captureId) {
      if (onScreen?.captureId === captureId) {
        if (onScreen.expiresAt > now()) return onScreen.summary;
        onScreen = null;
      }
      const loaded = load(captureId);
      if (!loaded) return null;
      const summary = summarizeDocument(loaded.payload.document, now());
      onScreen = {
        captureId,
        sessionId: loaded.row.session_id,
        expiresAt: loaded.row.expires_at,
        summary,
      };
      return summary;
    },

    deleteForSession(sessionId) {
      forget((entry) => entry.sessionId === sessionId);
      return removeSession.run(sessionId).changes;
    },

    deleteCapture(captureId) {
      forget((entry) => entry.captureId === captureId);
      return removeOne.run(captureId).changes > 0;
    },

    sweepExpired(at = now()) {
      forget((entry) => entry.expiresAt <= at);
      return removeExpired.run(at).changes;
    },

    count: () => (countRows.get() as { n: number }).n,
  };
}

/**
 * The three fields the card order lookup by document sends to the backend (which matches an HMAC
 * of them), or null when the capture is gone.
 */
export function cardOrderLookupRequest(
  captures: Pick<CaptureStore, 'get'>,
  captureId: string,
): CardOrderLookupByDocumentRequest | null {
  const capture = captures.get(captureId);
  if (!capture) return null;
  const { issuingState, documentNumber, birthDate } = capture.document;
  return { issuingState, documentNumber, birthDate };
}
