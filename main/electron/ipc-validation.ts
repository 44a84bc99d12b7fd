import { BridgeCall, type BridgeErrorCode, MAX_BRIDGE_MESSAGE_BYTES } from '../../contracts/bridge.ts';
import { isKioskPage } from './app-origin.ts';

/** The frame an IPC message came from (Electron's `event.senderFrame`). */
export interface IpcSender {
  url: string;
  /** The top frame of the window; a subframe never speaks for the kiosk. */
  isMainFrame: boolean;
}

export type IpcRejectionCode = 'forbidden-sender' | BridgeErrorCode;

export type IpcValidation =
  | { ok: true; call: BridgeCall }
  | { ok: false; error: { code: IpcRejectionCode; message: string } };

const KNOWN_METHODS: ReadonlySet<string> = new Set(
  BridgeCall.options.map((option) => option.shape.method.value),
);

function reject(code: IpcRejectionCode, message: string): IpcValidation {
  return { ok: false, error: { code, message } };
}

function serialisedSize(payload: unknown): number | null {
  try {
    const text = JSON.stringify(payload);
    return text === undefined ? null : Buffer.byteLength(text, 'utf8');
  } catch {
    // Cycles and BigInts cannot be a bridge call.
    return null;
  }
}

/**
 * Checks one `kiosk:call` message before it reaches the runtime: who sent it, how big it is and
 * whether it is a bridge call. Never throws, whatever the renderer sends.
 */
export function validateIpcCall(sender: IpcSender, payload: unknown): IpcValidation {
  if (!sender.isMainFrame) return reject('forbidden-sender', 'bridge calls come only from the top frame');
  if (!isKioskPage(sender.url))
    return reject('forbidden-sender', 'bridge calls come only from the kiosk page');

  const size = serialisedSize(payload);
  if (size === null) return reject('invalid-message', 'the call is not serialisable as JSON');
  if (size > MAX_BRIDGE_MESSAGE_BYTES) {
    return reject('invalid-message', `the call is ${size} bytes; the limit is ${MAX_BRIDGE_MESSAGE_BYTES}`);
  }

  const parsed = BridgeCall.safeParse(payload);
  if (parsed.success) return { ok: true, call: parsed.data };

  const method =
    typeof payload === 'object' && payload !== null ? (payload as { method?: unknown }).method : undefined;
  if (typeof method !== 'string') return reject('invalid-message', 'the call has no method');
  if (!KNOWN_METHODS.has(method)) return reject('unknown-method', 'the bridge has no such method');
  return reject('invalid-params', `invalid params for ${method}`);
}
