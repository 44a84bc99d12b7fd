import { describe, expect, it, vi } from 'vitest';
import type { IdentityDocumentSummary, IdentifyView } from '../../../contracts/index.ts';
import { withDocument } from './identity-view.ts';

const SUMMARY: IdentityDocumentSummary = {
  kind: 'idCard',
  surname: 'MARTIN RUIZ',
  givenNames: 'JUAN',
  documentNumber: 'BAC456789',
  nationality: 'ESP',
  issuingState: 'ESP',
  birthDate: '1990-01-01',
  expiryDate: '2031-06-30',
  sex: 'male',
};
const view = (step: IdentifyView['step']): IdentifyView => ({
  method: 'idScan',
  step,
  attemptsLeft: 3,
  message: null,
  document: null,
});

describe('withDocument', () => {
  it('fills the document only on the confirmation step', () => {
    const summary = vi.fn((id: string) => (id === 'c1' ? SUMMARY : null));
    expect(withDocument(view('confirmDocument'), 'c1', { summary }).document).toEqual(SUMMARY);
    for (const step of ['placeDocument', 'reading', 'rescan', 'failed'] as const) {
      expect(withDocument(view(step), 'c1', { summary }).document).toBeNull();
    }
    expect(summary).toHaveBeenCalledTimes(1);
  });

  it('shows no document for a capture that is gone, or none on screen', () => {
    const summary = vi.fn(() => null);
    expect(withDocument(view('confirmDocument'), 'gone', { summary }).document).toBeNull();
    expect(withDocument(view('confirmDocument'), null, { summary }).document).toBeNull();
  });

  it('clears a document a stale view still carried', () => {
    const stale = { ...view('rescan'), document: SUMMARY };
    expect(withDocument(stale, 'c1', { summary: () => SUMMARY }).document).toBeNull();
  });
});
