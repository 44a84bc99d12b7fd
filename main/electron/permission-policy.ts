import { isAppOrigin, isOnAppOrigin } from './app-origin.ts';

/**
 * What Chromium asks before a page gets a powerful API. The kiosk needs exactly one: the camera
 * and microphone for the video-teller call. Everything else (geolocation, notifications, clipboard,
 * HID, serial, display capture, ...) is refused, so a compromised renderer cannot reach it.
 *
 * The detail types are the parts of Electron's `PermissionRequest` / `MediaAccessPermissionRequest`
 * and `PermissionCheckHandlerHandlerDetails` these decisions read.
 */
export interface PermissionRequestDetails {
  isMainFrame: boolean;
  requestingUrl: string;
  securityOrigin?: string;
  mediaTypes?: ReadonlyArray<string>;
}

export interface PermissionCheckDetails {
  isMainFrame: boolean;
  requestingUrl?: string;
  securityOrigin?: string;
  /** Set only for cross-origin subframes. */
  embeddingOrigin?: string;
  mediaType?: string;
}

const ALLOWED_MEDIA_TYPES: ReadonlySet<string> = new Set(['video', 'audio']);

/** An optional origin or URL given by Chromium must, when present, be the app's. */
function absentOrOnAppOrigin(value: string | undefined): boolean {
  return value === undefined || isOnAppOrigin(value);
}

/**
 * `session.setPermissionRequestHandler`: grants 'media' (camera, microphone) to the kiosk page's
 * main frame on the app origin, nothing else. `requestingOrigin` may be an origin or the frame's URL.
 */
export function isPermissionAllowed(
  permission: string,
  requestingOrigin: string,
  details: PermissionRequestDetails,
): boolean {
  if (permission !== 'media') return false;
  if (!(isAppOrigin(requestingOrigin) || isOnAppOrigin(requestingOrigin))) return false;
  if (!details.isMainFrame || !isOnAppOrigin(details.requestingUrl)) return false;
  if (!absentOrOnAppOrigin(details.securityOrigin)) return false;
  const mediaTypes = details.mediaTypes ?? [];
  return mediaTypes.length > 0 && mediaTypes.every((type) => ALLOWED_MEDIA_TYPES.has(type));
}

/**
 * `session.setPermissionCheckHandler`: the synchronous "is it granted?" Chromium asks before and
 * besides requests. Same rule; a check whose media type is unknown is refused.
 */
export function isPermissionCheckAllowed(
  permission: string,
  requestingOrigin: string,
  details: PermissionCheckDetails,
): boolean {
  if (permission !== 'media') return false;
  if (!isAppOrigin(requestingOrigin)) return false;
  if (!details.isMainFrame || details.embeddingOrigin !== undefined) return false;
  if (!absentOrOnAppOrigin(details.requestingUrl) || !absentOrOnAppOrigin(details.securityOrigin))
    return false;
  return details.mediaType !== undefined && ALLOWED_MEDIA_TYPES.has(details.mediaType);
}
