import { useCallback, useEffect, useState } from 'react';
import type { PrintedCard } from '../../../contracts/simulator-control.ts';
import { fetchLastCard, UnauthorizedError } from '../api/technician-api.ts';

export interface LastCard {
  /** Undefined until first loaded; null when the printer has made no card yet. */
  card: PrintedCard | null | undefined;
  /** Changes with every load, so the image is fetched again along with the data. */
  version: number;
  /** The last load failed; what is shown may be stale. */
  failed: boolean;
  reload: () => void;
}

/**
 * The card printer simulator's last card, loaded again whenever `changeKey` changes (the
 * printer's status or the simulator's state moved) or on `reload`, rather than every second:
 * the image is the heavy part and only changes when the card does.
 */
export function useLastCard(changeKey: string, onUnauthorized: () => void): LastCard {
  const [card, setCard] = useState<PrintedCard | null | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const [failed, setFailed] = useState(false);
  const [reloads, setReloads] = useState(0);

  // `changeKey` and `reloads` are the triggers: the effect does not read them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: they are why it runs again
  useEffect(() => {
    let current = true;
    fetchLastCard().then(
      (next) => {
        if (!current) return;
        setCard(next);
        setVersion((v) => v + 1);
        setFailed(false);
      },
      (error) => {
        if (!current) return;
        if (error instanceof UnauthorizedError) onUnauthorized();
        else setFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, [changeKey, reloads, onUnauthorized]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { card, version, failed, reload };
}
