import type { Session } from 'electron';
import type { Logger } from '../../platform/log.ts';
import { isPermissionAllowed, isPermissionCheckAllowed } from './permission-policy.ts';

/** Applies the permission policy to the session the kiosk window uses. */
export function hardenSession(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl, details);
    if (!allowed) log.warn('permission refused', { permission });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionCheckAllowed(permission, requestingOrigin, details),
  );
  // Device choosers (HID, serial, USB, Bluetooth) are for the runtime's drivers, never for the page.
  session.setDevicePermissionHandler(() => false);
}
