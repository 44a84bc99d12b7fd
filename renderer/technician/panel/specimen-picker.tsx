import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MrzReadResult } from '../../../contracts/identity.ts';
import type { SpecimenDocumentInfo } from '../../../contracts/simulator-control.ts';
import { specimenImageUrl } from '../api/technician-api.ts';
import { MrzResultView } from './mrz-result.tsx';

export interface SpecimenPickerProps {
  documents: SpecimenDocumentInfo[] | undefined;
  loadFailed: boolean;
  selectedId: string | null;
  onSelect: (documentId: string) => void;
  /** A simulator action is under way, or the simulator is unplugged: its buttons wait. */
  actionsDisabled: boolean;
  onPlace: () => void;
  onRemove: () => void;
  /** A test read is under way. */
  reading: boolean;
  onTestRead: () => void;
  result: MrzReadResult | null;
  /** Why the last test read failed, ready to show. */
  readFailure: string | null;
}

/**
 * The documents the ID scanner simulator knows: pick one, see it as the scanner would send it,
 * lay it on the glass (the kiosk then reads it as a customer's), or test-read it through the
 * kiosk's MRZ reader directly and see the result against the specimen's truth.
 */
export function SpecimenPicker(props: SpecimenPickerProps) {
  const { t } = useTranslation();
  const selectId = useId();
  const { documents, selectedId } = props;
  const selected = documents?.find((d) => d.id === selectedId) ?? null;
  return (
    <div className="specimen-picker" data-testid="specimen-picker">
      <h4>{t('scanners.documents.title')}</h4>
      {props.loadFailed && (
        <p role="alert" className="error">
          {t('scanners.documents.loadFailed')}
        </p>
      )}
      {documents === undefined && !props.loadFailed && (
        <p className="muted">{t('scanners.documents.loading')}</p>
      )}
      {documents?.length === 0 && <p className="muted">{t('scanners.documents.none')}</p>}
      {documents && documents.length > 0 && (
        <>
          <p>
            <label htmlFor={selectId}>{t('scanners.documents.pick')}</label>{' '}
            <select
              id={selectId}
              data-testid="specimen-select"
              value={selectedId ?? ''}
              onChange={(event) => props.onSelect(event.target.value)}
            >
              {documents.map((document) => (
                <option key={document.id} value={document.id}>
                  {document.label}
                </option>
              ))}
            </select>
          </p>
          {selected && (
            <div className="specimen-picker__body" data-document={selected.id}>
              <img
                className="specimen-picker__image"
                data-testid="specimen-image"
                alt={t('scanners.documents.image', { label: selected.label })}
                src={specimenImageUrl(selected.id)}
              />
              <dl className="facts facts--detail">
                <div>
                  <dt>{t('scanners.documents.format')}</dt>
                  <dd>{selected.format ?? t('scanners.documents.noFormat')}</dd>
                </div>
                <div>
                  <dt>{t('scanners.documents.condition')}</dt>
                  <dd>{selected.condition.join(', ')}</dd>
                </div>
                <div>
                  <dt>{t('scanners.documents.expected')}</dt>
                  <dd data-expected={selected.expected === 'reject' ? 'reject' : 'accept'}>
                    {selected.expected === 'reject'
                      ? t('scanners.documents.expectReject')
                      : t('scanners.documents.expectAccept')}
                  </dd>
                </div>
              </dl>
            </div>
          )}
          <p className="specimen-picker__actions">
            <button
              type="button"
              data-testid="specimen-place"
              disabled={props.actionsDisabled || selected === null}
              onClick={props.onPlace}
            >
              {t('scanners.documents.place')}
            </button>{' '}
            <button
              type="button"
              data-testid="specimen-remove"
              disabled={props.actionsDisabled}
              onClick={props.onRemove}
            >
              {t('scanners.documents.remove')}
            </button>{' '}
            <button
              type="button"
              data-testid="specimen-test-read"
              disabled={props.reading || selected === null}
              onClick={props.onTestRead}
            >
              {props.reading ? t('scanners.documents.reading') : t('scanners.documents.testRead')}
            </button>
          </p>
        </>
      )}
      {props.readFailure && (
        <p role="alert" className="error">
          {props.readFailure}
        </p>
      )}
      {props.result && <MrzResultView result={props.result} expected={selected?.expected ?? null} />}
    </div>
  );
}
