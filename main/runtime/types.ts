import type {
  BridgeCall,
  CallSignal,
  CashLevels,
  Currency,
  DeviceId,
  DeviceStatus,
  KioskView,
  SimulatorState,
  SyncBacklog,
  TechnicianOverview,
  Unsubscribe,
  MrzReadResult,
  MrzReaderHealth,
} from '../../contracts/index.ts';
import type { CashExchangeEndRequest, CashExchangeStartRequest } from './cash/exchange-requests.ts';
import type { ExchangeEnded, ExchangeStarted } from './cash/types.ts';
import type { JournalEntry } from './journal/types.ts';

export interface JournalQuery {
  type?: string;
  from?: string;
  to?: string;
  limit: number;
  beforeSeq?: number;
}

/** Where a device's simulator can be controlled (simulation mode only). */
export interface SimulatorEndpoint {
  device: DeviceId;
  controlUrl: string;
}

/** A USB HID device: found by its ids through node-hid, or a simulator's socket. */
export type HidEndpoint =
  | { transport: 'nodeHid'; vendorId: number; productId: number }
  | { transport: 'simulated'; socketPath: string };

export type IdScannerConfig = { mode: 'serialImage'; path: string } | { mode: 'hidWedge'; hid: HidEndpoint };
export interface QrScannerConfig {
  mode: 'hidWedge' | 'hidPos';
  hid: HidEndpoint;
}

export interface RuntimeConfig {
  kioskId: string;
  /** The kiosk's own Ed25519 private key (PKCS8 PEM) that signs its backend tokens; never logged. */
  kioskPrivateKey: string;
  backendUrl: string;
  /** SQLite file of the kiosk's local store. */
  databasePath: string;
  /** Serial path of the receipt printer (a real port or the host end of a simulator's PTY pair). */
  receiptPrinterPath: string | null;
  /** Serial paths of the ccTalk cash devices; null where the kiosk has none. */
  billValidatorPath: string | null;
  coinAcceptorPath: string | null;
  coinHopperPath: string | null;
  /** Serial path of the card printer; null where the kiosk has none. */
  cardPrinterPath: string | null;
  /** The ID document scanner: serial image mode (OCR in the kiosk) or HID keyboard wedge; null if none. */
  idScanner: IdScannerConfig | null;
  /** The QR/barcode scanner (USB HID); null if none. */
  qrScanner: QrScannerConfig | null;
  /** The backend's Ed25519 public key (SPKI PEM) that app codes are signed with; null: QR codes are not taken. */
  appCodePublicKey: string | null;
  /**
   * Entry of the OCR worker's process: a bundle (`.mjs`) or the source (`.ts`, run through tsx);
   * null: the source next to the runtime.
   */
  ocrProcessEntry: string | null;
  /** Longest one MRZ read may take before its worker is restarted. */
  ocrTimeoutMs: number;
  /** How long the ID or QR scanner waits for the customer before asking again. */
  scanTimeoutMs: number;
  /** Cards one order may take from the feeder in one visit (2 = one retry). */
  cardMaxAttempts: number;
  /** How long an issued card waits at the exit before the printer takes it back. */
  cardTakeTimeoutMs: number;
  currency: Currency;
  /** The most one deposit may reach while offline, in minor units. */
  offlineDepositLimit: number;
  /** Devices whose loss puts the kiosk out of service. */
  requiredDevices: DeviceId[];
  /** Idle time before "Do you need more time?", and how long that prompt waits. */
  inactivityMs: number;
  timeoutPromptMs: number;
  /** How long the goodbye screen stays before attract. */
  goodbyeMs: number;
  /**
   * The video teller call: how long the customer waits in the queue before a callback is offered,
   * how long a call lost with the backend link may take to come back, how long the "call ended"
   * screen stays, and how long the backend may take to queue a request.
   */
  call: { queueTimeoutMs: number; reconnectMs: number; endedMs: number; requestTimeoutMs: number };
  heartbeatMs: number;
  /** Status poll period of serial devices. */
  devicePollMs: number;
  /** Technician PIN (from config; compared in constant time). */
  technicianPin: string;
  simulators: SimulatorEndpoint[];
  /** Bank name printed on receipts. */
  bankName: string;
  softwareVersion: string;
}

/**
 * The kiosk runtime under plain Node: the one authority for flows and devices. Its bridge
 * side (`handleCall`, `getView`, `onView`) is what Electron IPC and the browser host's WebSocket
 * call; neither adds behaviour of its own.
 */
export interface KioskRuntime {
  readonly config: RuntimeConfig;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Serves one bridge call, already validated against `BridgeCall` by the transport. */
  handleCall(call: BridgeCall): Promise<unknown>;
  getView(): KioskView;
  onView(listener: (view: KioskView) => void): Unsubscribe;
  /** Signaling of the video teller call from the teller, for the UI's peer connection. */
  onSignal(listener: (signal: CallSignal) => void): Unsubscribe;
  deviceStatuses(): DeviceStatus[];
  /** The electronic journal, newest first, for the technician panel. */
  searchJournal(query: JournalQuery): JournalEntry[];
  /** The outbox backlog; null before the runtime has started. */
  syncBacklog(): SyncBacklog | null;
  technicianOverview(simulators: SimulatorState[]): TechnicianOverview;
  /**
   * Cash held (the ledger's `levels()`); null when the kiosk has no cash devices. Optional until
   * the runtime has a cash ledger: the technician API answers 404 without it.
   */
  cashLevels?(): CashLevels | null;
  /** Starts a technician's replenishment or emptying; throws `CashExchangeError` when refused. */
  startCashExchange?(request: CashExchangeStartRequest): ExchangeStarted;
  /** Ends it with what the technician counted; throws `CashExchangeError` when refused. */
  endCashExchange?(request: CashExchangeEndRequest): ExchangeEnded;
  /**
   * Technician test read: runs an image (a simulator's specimen, never a customer's document)
   * through the kiosk's MRZ reader. Optional until the runtime has an MRZ reader.
   */
  readMrzForTechnician?(image: Uint8Array): Promise<MrzReadResult>;
  /** The MRZ reader's worker state; null when the kiosk has no ID scanner. */
  mrzReaderHealth?(): MrzReaderHealth | null;
}
