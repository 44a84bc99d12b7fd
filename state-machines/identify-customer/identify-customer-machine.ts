import { assign, type EventObject, fromCallback, setup } from 'xstate';
import type { IdentifyMessage } from '../../contracts/index.ts';
import type {
  IdentifyContext,
  IdentifyInput,
  IdentifyMachineEvent,
  IdentifyOutput,
  ReadAppCodeOutput,
  ScanDocumentInput,
  ScanDocumentOutput,
} from './identify-customer-types.ts';

/**
 * The identify-customer step, invoked by a flow as a child:
 *
 *   idScan: scanning ─ accepted → confirmDocument ─ "yes, this is me" → (done: document)
 *              │ not certain, unreadable, expired (one attempt each); nothing placed (free)
 *              └→ rescan ─ "scan again" → scanning          no attempts left → failed
 *   qr:     scanningQr ─ verified, of a kind the flow takes → (done: app code)
 *              │ forged, expired, unknown, another kind (one attempt each); no code (free)
 *              └→ rescan ─ "scan again" → scanningQr        no attempts left → failed
 *   a scanner that does not work → failed;  "back" from anywhere but a read → (back)
 *
 * A document whose check digits do not all pass never reaches `confirmDocument`: the runtime's
 * reader rejects it, and the customer is asked to rescan, then told where to get help.
 *
 * The machine is pure and holds no personal data: the runtime keeps the read document encrypted
 * under `captureId` and fills the confirmation screen from it. Restoring a persisted snapshot
 * re-runs the scan of the state it was in: a scan keeps nothing, so it simply starts again.
 */

/** Failed reads before the step gives up, unless the flow says otherwise. */
export const IDENTIFY_MAX_ATTEMPTS = 3;

function notProvided(name: string) {
  return fromCallback<EventObject, ScanDocumentInput>(() => {
    throw new Error(`identify-customer machine: actor '${name}' was not provided by the runtime`);
  });
}

/** A failed read costs one attempt; the last one ends on `failed` with `tooManyAttempts`. */
function spendAttempt(context: IdentifyContext, message: IdentifyMessage) {
  const attemptsLeft = Math.max(0, context.attemptsLeft - 1);
  return {
    attemptsLeft,
    message: attemptsLeft > 0 ? message : ('tooManyAttempts' as const),
    captureId: null,
  };
}

type Scanned = Extract<IdentifyMachineEvent, { type: 'IDENTIFY_SCANNED' }>;
type CodeRead = Extract<IdentifyMachineEvent, { type: 'IDENTIFY_CODE_READ' }>;

const scanned = (event: IdentifyMachineEvent): ScanDocumentOutput | null =>
  event.type === 'IDENTIFY_SCANNED' ? (event as Scanned).output : null;
const codeRead = (event: IdentifyMachineEvent): ReadAppCodeOutput | null =>
  event.type === 'IDENTIFY_CODE_READ' ? (event as CodeRead).output : null;

/** The message a failed document read shows, or null when the read did not fail. */
function scanFailure(output: ScanDocumentOutput | null): IdentifyMessage | null {
  if (output?.status === 'rejected') return output.reason;
  if (output?.status === 'accepted' && output.expired) return 'documentExpired';
  return null;
}

/** The message a refused code shows, or null when the code is one this flow takes. */
function codeFailure(output: ReadAppCodeOutput | null, context: IdentifyContext): IdentifyMessage | null {
  if (output?.status === 'refused') return output.reason;
  if (output?.status === 'verified' && !context.acceptKinds.includes(output.code.kind)) return 'qrWrongKind';
  return null;
}

export const identifyCustomerMachine = setup({
  types: {
    context: {} as IdentifyContext,
    events: {} as IdentifyMachineEvent,
    input: {} as IdentifyInput,
    output: {} as IdentifyOutput,
  },
  actors: {
    /**
     * Waits for a document on the scanner, reads its MRZ and, when accepted, stores it and
     * answers its `captureId`. Sends IDENTIFY_INPUT_SEEN, then exactly one IDENTIFY_SCANNED.
     * Stopping it (the customer went back, the session ended) cancels the scanner's wait.
     */
    scanDocument: notProvided('scanDocument'),
    /** Waits for a QR code and verifies it offline; IDENTIFY_INPUT_SEEN, then one IDENTIFY_CODE_READ. */
    readAppCode: notProvided('readAppCode'),
  },
  guards: {
    isMethod: ({ context }, params: { method: IdentifyContext['method'] }) =>
      context.method === params.method,
    documentAccepted: ({ event }) => {
      const output = scanned(event);
      return output?.status === 'accepted' && !output.expired;
    },
    // Guards run before actions: these count the read failing now.
    scanFailedWithAttemptsLeft: ({ context, event }) =>
      scanFailure(scanned(event)) !== null && context.attemptsLeft - 1 > 0,
    scanFailed: ({ event }) => scanFailure(scanned(event)) !== null,
    nothingPlaced: ({ event }) => scanned(event)?.status === 'noDocument',
    codeAccepted: ({ context, event }) => {
      const output = codeRead(event);
      return output?.status === 'verified' && codeFailure(output, context) === null;
    },
    codeRefusedWithAttemptsLeft: ({ context, event }) =>
      codeFailure(codeRead(event), context) !== null && context.attemptsLeft - 1 > 0,
    codeRefused: ({ context, event }) => codeFailure(codeRead(event), context) !== null,
    nothingShown: ({ event }) => codeRead(event)?.status === 'noCode',
  },
  actions: {
    newScan: assign({ scanId: () => globalThis.crypto.randomUUID(), inputSeen: false }),
    inputSeen: assign({ inputSeen: true }),
    keepDocument: assign(({ event }) => {
      const output = scanned(event);
      return output?.status === 'accepted' ? { captureId: output.captureId, message: null } : {};
    }),
    keepCode: assign(({ event }) => {
      const output = codeRead(event);
      return output?.status === 'verified' ? { code: output.code, message: null } : {};
    }),
    spendOnScan: assign(({ context, event }) =>
      spendAttempt(context, scanFailure(scanned(event)) ?? 'unreadable'),
    ),
    spendOnCode: assign(({ context, event }) =>
      spendAttempt(context, codeFailure(codeRead(event), context) ?? 'qrUnknown'),
    ),
    say: assign((_, params: { message: IdentifyMessage }) => ({ message: params.message })),
    dropDocument: assign({ captureId: null, message: null }),
  },
}).createMachine({
  id: 'identifyCustomer',
  initial: 'starting',
  context: ({ input }) => ({
    method: input.method,
    acceptKinds: input.acceptKinds,
    attemptsLeft: input.maxAttempts,
    message: null,
    inputSeen: false,
    scanId: '',
    captureId: null,
    code: null,
  }),
  output: ({ context }): IdentifyOutput => {
    if (context.captureId !== null) return { result: 'document', captureId: context.captureId };
    if (context.code !== null) return { result: 'appCode', code: context.code };
    return { result: 'back' };
  },
  states: {
    starting: {
      always: [
        { guard: { type: 'isMethod', params: { method: 'idScan' } }, target: 'scanning' },
        { target: 'scanningQr' },
      ],
    },
    scanning: {
      entry: 'newScan',
      invoke: {
        id: 'scanDocument',
        src: 'scanDocument',
        input: ({ context }) => ({ scanId: context.scanId }),
      },
      on: {
        IDENTIFY_INPUT_SEEN: { actions: 'inputSeen' },
        IDENTIFY_SCANNED: [
          { guard: 'documentAccepted', target: 'confirmDocument', actions: 'keepDocument' },
          { guard: 'scanFailedWithAttemptsLeft', target: 'rescan', actions: 'spendOnScan' },
          { guard: 'scanFailed', target: 'failed', actions: 'spendOnScan' },
          {
            guard: 'nothingPlaced',
            target: 'rescan',
            actions: { type: 'say', params: { message: 'noDocument' } },
          },
          { target: 'failed', actions: { type: 'say', params: { message: 'scannerUnavailable' } } },
        ],
        IDENTIFY_BACK: { target: 'back' },
      },
    },
    scanningQr: {
      entry: 'newScan',
      invoke: { id: 'readAppCode', src: 'readAppCode', input: ({ context }) => ({ scanId: context.scanId }) },
      on: {
        IDENTIFY_INPUT_SEEN: { actions: 'inputSeen' },
        IDENTIFY_CODE_READ: [
          { guard: 'codeAccepted', target: 'done', actions: 'keepCode' },
          { guard: 'codeRefusedWithAttemptsLeft', target: 'rescan', actions: 'spendOnCode' },
          { guard: 'codeRefused', target: 'failed', actions: 'spendOnCode' },
          {
            guard: 'nothingShown',
            target: 'rescan',
            actions: { type: 'say', params: { message: 'noCode' } },
          },
          { target: 'failed', actions: { type: 'say', params: { message: 'scannerUnavailable' } } },
        ],
        IDENTIFY_BACK: { target: 'back' },
      },
    },
    rescan: {
      on: {
        IDENTIFY_RESCAN: [
          { guard: { type: 'isMethod', params: { method: 'idScan' } }, target: 'scanning' },
          { target: 'scanningQr' },
        ],
        IDENTIFY_BACK: { target: 'back' },
      },
    },
    /** "Is this you?": the runtime shows the document kept under `captureId`. */
    confirmDocument: {
      on: {
        IDENTIFY_CONFIRM: { target: 'done' },
        // Wrong data on screen: that reading is dropped and the document read again, free.
        IDENTIFY_RESCAN: { target: 'scanning', actions: 'dropDocument' },
        IDENTIFY_BACK: { target: 'back', actions: 'dropDocument' },
      },
    },
    /** Identification failed for this visit: where to get help; back to choose another way. */
    failed: {
      on: { IDENTIFY_BACK: { target: 'back' } },
    },
    done: { type: 'final' },
    back: { type: 'final', entry: assign({ captureId: null, code: null }) },
  },
});

export type IdentifyCustomerMachine = typeof identifyCustomerMachine;
