import { z } from 'zod';

/** The transaction flows a customer can pick from the home menu. */
export const FlowId = z.enum([
  'cardIssuing',
  'accountOpening',
  'cashDeposit',
  'cashWithdrawal',
  'videoTeller',
]);
export type FlowId = z.infer<typeof FlowId>;

/**
 * Why a menu entry cannot be chosen now. `notBuilt`: this software does not have the flow yet;
 * `deviceDown`: a device it needs is not ready; `offline`: it needs the backend and the kiosk is offline.
 */
export const UnavailableReason = z.enum(['notBuilt', 'deviceDown', 'offline']);
export type UnavailableReason = z.infer<typeof UnavailableReason>;

export const MenuItem = z.object({
  flow: FlowId,
  available: z.boolean(),
  reason: UnavailableReason.nullable(),
});
export type MenuItem = z.infer<typeof MenuItem>;
