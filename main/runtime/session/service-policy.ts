import type {
  DeviceId,
  DeviceStatus,
  FlowId,
  MenuItem,
  OutOfServiceReason,
  ServiceMode,
} from '../../../contracts/index.ts';

/**
 * Which flows this software has, and what each needs. A flow that is not built is shown in the
 * menu as unavailable — never offered and then faked.
 */
export interface FlowRequirement {
  flow: FlowId;
  built: boolean;
  devices: DeviceId[];
  /**
   * The offline policy (docs/offline-policy.md, kept equal to this table by a test):
   * `needsBackend` — refused while offline, the customer is told why;
   * `captureOffline` — captured now, journaled, completed by the backend at sync, within limits.
   */
  offline: 'needsBackend' | 'captureOffline';
}

export const FLOW_REQUIREMENTS: readonly FlowRequirement[] = [
  // Offline the flow still takes the order code and offers delivery by mail (a request captured
  // and completed at sync); printing a card always needs the bank.
  { flow: 'cardIssuing', built: true, devices: ['cardPrinter'], offline: 'captureOffline' },
  { flow: 'accountOpening', built: false, devices: ['idScanner'], offline: 'captureOffline' },
  {
    flow: 'cashDeposit',
    built: true,
    devices: ['billValidator', 'coinAcceptor'],
    offline: 'captureOffline',
  },
  { flow: 'cashWithdrawal', built: false, devices: ['coinHopper'], offline: 'needsBackend' },
  // A teller is reached through the backend only; the call needs no device of the kiosk's own
  // (the camera and microphone belong to the screen's computer).
  { flow: 'videoTeller', built: true, devices: [], offline: 'needsBackend' },
];

export function menuFor(
  devices: readonly DeviceStatus[],
  backendOnline: boolean,
  requirements: readonly FlowRequirement[] = FLOW_REQUIREMENTS,
): MenuItem[] {
  const ready = new Set(devices.filter((d) => d.ready).map((d) => d.device));
  return requirements.map((r) => {
    if (!r.built) return { flow: r.flow, available: false, reason: 'notBuilt' };
    if (!r.devices.every((d) => ready.has(d)))
      return { flow: r.flow, available: false, reason: 'deviceDown' };
    if (r.offline === 'needsBackend' && !backendOnline)
      return { flow: r.flow, available: false, reason: 'offline' };
    return { flow: r.flow, available: true, reason: null };
  });
}

/**
 * The kiosk takes customers unless the bank has put it out of service or a device it cannot work
 * without is not ready. Losing the backend link alone does not close the kiosk: offline work is
 * decided flow by flow.
 */
export function serviceFor(
  devices: readonly DeviceStatus[],
  requiredDevices: readonly DeviceId[],
  backendService: ServiceMode,
): { inService: boolean; reason: OutOfServiceReason | null } {
  if (!backendService.inService) return { inService: false, reason: 'backend' };
  const byId = new Map(devices.map((d) => [d.device, d]));
  const missing = requiredDevices.filter((id) => !byId.get(id)?.ready);
  if (missing.length > 0) return { inService: false, reason: 'device' };
  return { inService: true, reason: null };
}
