import { z } from 'zod';

/**
 * Completion codes of a device operation, after XFS4IoT's completion payload. Every
 * operation resolves to one of these; none rejects for a device-side failure.
 */
export const CompletionCode = z.enum([
  'success',
  'canceled',
  'timeout',
  'deviceNotReady',
  'hardwareError',
  'userError',
  'invalidData',
  'unsupported',
  'internalError',
  'fraudAttempt',
  'sequenceError',
]);
export type CompletionCode = z.infer<typeof CompletionCode>;

export type OperationResult<T> =
  | { code: 'success'; value: T }
  | { code: Exclude<CompletionCode, 'success'>; errorCode?: string; message: string };

/** The one call shape of every device operation: a request and an abort signal in, a result out. */
export type DeviceOperation<Request, Response> = (
  request: Request,
  options: { signal?: AbortSignal },
) => Promise<OperationResult<Response>>;

export type Unsubscribe = () => void;

export function succeeded<T>(value: T): OperationResult<T> {
  return { code: 'success', value };
}

export function failed<T = never>(
  code: Exclude<CompletionCode, 'success'>,
  message: string,
  errorCode?: string,
): OperationResult<T> {
  return errorCode === undefined ? { code, message } : { code, message, errorCode };
}
