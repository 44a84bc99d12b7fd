import type { MrzReadResult } from '../../contracts/identity.ts';

/** Messages between the runtime and the OCR process (Node IPC, advanced serialisation). */
export type OcrRequest = { type: 'read'; id: number; image: Uint8Array };

export type OcrReply =
  | { type: 'ready'; readyMs: number }
  | { type: 'result'; id: number; result: MrzReadResult }
  | { type: 'failed'; message: string };
