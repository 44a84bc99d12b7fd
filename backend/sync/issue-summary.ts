import type { z } from 'zod';

/** Longest reason sent back or stored: enough to find the field, never an echo of the payload. */
export const MAX_REASON_LENGTH = 300;

/** The first few validation issues as `path: message`, without the values that failed. */
export function summariseIssues(error: z.ZodError, prefix = ''): string {
  return `${prefix}${error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ')}`.slice(0, MAX_REASON_LENGTH);
}
