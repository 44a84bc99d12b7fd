import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MrzReadResult } from '../../../contracts/identity.ts';
import type { SimulatorState } from '../../../contracts/simulator-control.ts';
import {
  ApiError,
  placeDocument,
  removeDocument,
  testReadDocument,
  UnauthorizedError,
} from '../api/technician-api.ts';
import { SpecimenPicker } from './specimen-picker.tsx';
import { useSimulatorAction } from './use-simulator-action.ts';
import { useSpecimenDocuments } from './use-specimen-documents.ts';

interface IdScannerSimulatorProps {
  simulator: SimulatorState;
  onChanged: () => void;
  onUnauthorized: () => void;
}

/** What only the ID scanner simulator offers: its documents, placed on the glass or test-read. */
export function IdScannerSimulator({ simulator, onChanged, onUnauthorized }: IdScannerSimulatorProps) {
  const { t } = useTranslation();
  const { documents, failed } = useSpecimenDocuments(String(simulator.plugged), onUnauthorized);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const selectedId = chosenId ?? documents?.[0]?.id ?? null;
  const action = useSimulatorAction(onChanged, onUnauthorized);
  const [reading, setReading] = useState(false);
  const [result, setResult] = useState<MrzReadResult | null>(null);
  const [readFailure, setReadFailure] = useState<string | null>(null);

  const select = useCallback((documentId: string) => {
    setChosenId(documentId);
    setResult(null);
    setReadFailure(null);
  }, []);

  const testRead = useCallback(async () => {
    if (selectedId === null) return;
    setReading(true);
    setResult(null);
    setReadFailure(null);
    try {
      setResult(await testReadDocument(selectedId));
    } catch (error) {
      if (error instanceof UnauthorizedError) return onUnauthorized();
      const status = error instanceof ApiError ? error.status : '—';
      setReadFailure(
        status === 404 ? t('scanners.documents.noReader') : t('scanners.documents.readFailed', { status }),
      );
    } finally {
      setReading(false);
    }
  }, [selectedId, onUnauthorized, t]);

  return (
    <>
      <SpecimenPicker
        documents={documents}
        loadFailed={failed}
        selectedId={selectedId}
        onSelect={select}
        actionsDisabled={action.busy || !simulator.plugged}
        onPlace={() => selectedId !== null && action.run(() => placeDocument(selectedId))}
        onRemove={() => action.run(removeDocument)}
        reading={reading}
        onTestRead={testRead}
        result={result}
        readFailure={readFailure}
      />
      {action.failure && (
        <p role="alert" className="error">
          {action.failure}
        </p>
      )}
    </>
  );
}
