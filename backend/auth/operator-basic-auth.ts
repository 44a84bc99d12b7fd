import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const OPERATOR_USER = 'operator';
export const OPERATOR_REALM = 'Ventanilla fleet';

/** Compares two strings in time that depends on neither: both are hashed to the same length first. */
function constantTimeEquals(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** True when the request carries HTTP Basic credentials of the operator. */
export function isOperator(req: IncomingMessage, operatorPassword: string): boolean {
  const header = req.headers.authorization;
  if (!header) return false;
  const match = /^Basic ([A-Za-z0-9+/=]{1,1024})$/i.exec(header.trim());
  if (!match) return false;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const userOk = constantTimeEquals(decoded.slice(0, colon), OPERATOR_USER);
  const passwordOk = constantTimeEquals(decoded.slice(colon + 1), operatorPassword);
  return userOk && passwordOk;
}
