import { useEffect, useState } from 'react';
import type { SpecimenDocumentInfo } from '../../../contracts/simulator-control.ts';
import { fetchSpecimenDocuments, UnauthorizedError } from '../api/technician-api.ts';

export interface SpecimenDocuments {
  /** Undefined until loaded. */
  documents: SpecimenDocumentInfo[] | undefined;
  failed: boolean;
}

/**
 * The ID scanner simulator's documents. The list is fixed while a simulator runs, so it is loaded
 * once, and again when `changeKey` changes (the simulator came back, e.g. after an unplug).
 */
export function useSpecimenDocuments(changeKey: string, onUnauthorized: () => void): SpecimenDocuments {
  const [documents, setDocuments] = useState<SpecimenDocumentInfo[] | undefined>(undefined);
  const [failed, setFailed] = useState(false);

  // `changeKey` is the trigger: the effect does not read it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: it is why it runs again
  useEffect(() => {
    let current = true;
    fetchSpecimenDocuments().then(
      (next) => {
        if (!current) return;
        setDocuments(next);
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
  }, [changeKey, onUnauthorized]);

  return { documents, failed };
}
