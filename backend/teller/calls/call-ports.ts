import type {
  AuditAction,
  CallSignal,
  CallStatus,
  CallTopic,
  IceServer,
  TellerActionMessage,
  TellerConsoleState,
  TellerProfile,
} from '../../../contracts/teller.ts';
import type { Language } from '../../../contracts/language.ts';

/**
 * What the call router needs from the rest of the backend, as small interfaces of its own: the
 * audit log, the callback store and the clock are wired in backend/server.ts, and unit tests pass
 * fakes.
 */

export interface AuditSink {
  record(entry: {
    tellerId: string;
    username: string;
    action: AuditAction;
    callId?: string;
    kioskId?: string;
    detail?: string;
  }): void;
}

export interface CallbackSink {
  /** Stores a callback request (the phone number sealed); throws when it could not be stored. */
  record(request: {
    kioskId: string;
    language: Language;
    topic: CallTopic;
    phone: string;
    callId: string;
  }): void;
  /** Callback requests stored, for supervisors. */
  count(): number;
}

/** Turns a console's bearer token into its teller, or null when unknown, expired or revoked. */
export interface TellerTokenVerifier {
  verify(token: string): TellerProfile | null;
}

export interface TimerHandle {
  cancel(): void;
}

/** Time and timers, replaced by a fake clock in unit tests. */
export interface CallClock {
  now(): number;
  after(ms: number, action: () => void): TimerHandle;
}

export const systemClock: CallClock = {
  now: () => Date.now(),
  after(ms, action) {
    const timer = setTimeout(action, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

/** Where the router's messages go: the kiosk's link and the teller's consoles (every tab). */
export interface CallRouterOutputs {
  kioskStatus(kioskId: string, status: CallStatus): void;
  kioskAction(kioskId: string, message: TellerActionMessage): void;
  kioskSignal(kioskId: string, signal: CallSignal): void;
  tellerState(tellerId: string, state: TellerConsoleState): void;
  tellerSignal(tellerId: string, signal: CallSignal): void;
}

export interface CallRouterOptions {
  iceServers: readonly IceServer[];
  /** How long a console rings before the call goes to the next teller. */
  offerTimeoutMs: number;
  /** How long an active call waits for its lost kiosk to resume. */
  kioskReconnectGraceMs: number;
  /** How long a teller's call waits for the lost console to come back before it is queued again. */
  tellerReconnectGraceMs: number;
}

export const DEFAULT_CALL_ROUTER_OPTIONS: CallRouterOptions = {
  iceServers: [],
  offerTimeoutMs: 20_000,
  kioskReconnectGraceMs: 20_000,
  tellerReconnectGraceMs: 20_000,
};
