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
  needsBackend: boolean;
}

export const FLOW_REQUIREMENTS: readonly FlowRequirement[] = [
  { flow: 'cardIssuing', built: false, devices: ['cardPrinter', 'idScanner'], needsBackend: true },
  { flow: 'accountOpening', built: false, devices: ['idScanner'], needsBackend: false },
  { flow: 'cashDeposit', built: false, devices: ['billValidator', 'coinAcceptor'], needsBackend: false },
  { flow: 'cashWithdrawal', built: false, devices: ['coinHopper'], needsBackend: true },
  { flow: 'videoTeller', built: false, devices: [], needsBackend: true },
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
    if (r.needsBackend && !backendOnline) return { flow: r.flow, available: false, reason: 'offline' };
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
