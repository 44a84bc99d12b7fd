import { useCallback, useEffect, useState } from 'react';
import type { CashLevels } from '../../../contracts/backend-protocol.ts';
import { fetchCashLevels, UnauthorizedError } from '../api/cash-api.ts';

/** How often the cash table is refreshed: counts change as customers deposit. */
const CASH_POLL_MS = 5000;

export interface CashLevelsState {
  /** Undefined until the first answer; null on a kiosk without cash. */
  levels: CashLevels | null | undefined;
  failed: boolean;
  refresh: () => void;
  /** Shows levels already known (an exchange's answer) without waiting for the next poll. */
  show: (levels: CashLevels) => void;
}

export function useCashLevels(onUnauthorized: () => void): CashLevelsState {
  const [levels, setLevels] = useState<CashLevels | null | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation only asks for a new fetch.
  useEffect(() => {
    let current = true;
    const load = () =>
      fetchCashLevels().then(
        (answer) => {
          if (!current) return;
          setLevels(answer);
          setFailed(false);
        },
        (error: unknown) => {
          if (!current) return;
          if (error instanceof UnauthorizedError) return onUnauthorized();
          setFailed(true);
        },
      );
    void load();
    const timer = setInterval(load, CASH_POLL_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [generation, onUnauthorized]);

  const refresh = useCallback(() => setGeneration((n) => n + 1), []);
  return { levels, failed, refresh, show: setLevels };
}
