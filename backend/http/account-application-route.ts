import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { HttpError, readJsonBody, sendJson } from '../../platform/http.ts';
import { AccountApplicationPrefill, openAccountApplication } from '../identity/account-applications.ts';
import type { CardOrderRouteDeps } from './card-order-route.ts';

/** Body of `POST /api/account-applications`. */
export const NewAccountApplication = z.strictObject({ prefill: AccountApplicationPrefill });

/**
 * Stores an account application pre-filled in the bank's app (its data sealed, see
 * db/sealed-value.ts) and answers `201 { applicationRef, appCode, appCodeExpiresAt,
 * expiresAt }`: the app shows the code as a QR code at the kiosk. 503 when app codes are not
 * configured, since the application could then never be brought to a kiosk.
 */
export async function createAccountApplication(
  req: IncomingMessage,
  res: ServerResponse,
  deps: CardOrderRouteDeps,
): Promise<void> {
  if (!deps.appCodes.enabled) throw new HttpError(503, 'app codes are not configured on this backend');
  const body = NewAccountApplication.safeParse(await readJsonBody(req, 4096));
  if (!body.success) {
    throw new HttpError(
      400,
      "body must be { prefill: { product: 'current' | 'savings', currency?: 'EUR', surname, givenNames " +
        '(1 to 40 characters each), email?, phone? } }',
    );
  }
  const now = new Date();
  const application = openAccountApplication(
    deps.stores.accountApplications,
    deps.identity.applicationData,
    body.data.prefill,
    now,
  );
  const code = deps.appCodes.accountApplication(application.applicationRef, application.expiresAt, now)!;
  deps.logger.info('account application stored', { applicationRef: application.applicationRef });
  sendJson(res, 201, {
    applicationRef: application.applicationRef,
    appCode: code.appCode,
    appCodeExpiresAt: code.expiresAt,
    expiresAt: application.expiresAt,
  });
}
