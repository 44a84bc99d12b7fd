import { createHmac } from 'node:crypto';
import type { CardOrderLookupByDocumentRequest } from '../../contracts/identity.ts';

/** The three MRZ fields that name one document of one person. */
export type DocumentKey = CardOrderLookupByDocumentRequest;

/**
 * The keyed hash kept instead of a document: HMAC-SHA256 of `issuingState|documentNumber|birthDate`
 * as the MRZ prints them (upper case, fillers kept in the state), hex. A bare hash would not do:
 * document numbers and birth dates are few enough to hash them all and find the match.
 */
export function documentHash(key: Buffer, document: DocumentKey): string {
  return createHmac('sha256', key)
    .update(`${document.issuingState}|${document.documentNumber}|${document.birthDate}`, 'utf8')
    .digest('hex');
}
