import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, UnauthorizedError } from '../api/technician-api.ts';

export interface SimulatorAction {
  /** An action is under way: its buttons wait for it. */
  busy: boolean;
  /** Why the last action was refused, ready to show; null after a success. */
  failure: string | null;
  run: (action: () => Promise<void>) => Promise<void>;
}

/**
 * Runs one simulator action at a time: an expired session goes back to the PIN, a refusal is
 * shown with its status, and the overview is refreshed afterwards either way, since even a
 * refused action may have changed the device.
 */
export function useSimulatorAction(onChanged: () => void, onUnauthorized: () => void): SimulatorAction {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const run = useCallback(
    async (action: () => Promise<void>) => {
      setBusy(true);
      setFailure(null);
      try {
        await action();
      } catch (error) {
        if (error instanceof UnauthorizedError) return onUnauthorized();
        setFailure(t('simulator.actionFailed', { status: error instanceof ApiError ? error.status : '—' }));
      } finally {
        setBusy(false);
        onChanged();
      }
    },
    [onChanged, onUnauthorized, t],
  );

  return { busy, failure, run };
}
