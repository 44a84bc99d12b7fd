import { useEffect, useState } from 'react';
import { fetchDocumentImage } from '../api/teller-api.ts';

export type DocumentImage =
  | { state: 'none' }
  | { state: 'loading' }
  | { state: 'ready'; url: string }
  | { state: 'failed' };

/**
 * The shared document's scanned page, fetched with the bearer token (an <img src> cannot carry it)
 * and shown from a blob URL, which is revoked when the document or the call goes away.
 */
export function useDocumentImage(token: string, callId: string | null, hasImage: boolean): DocumentImage {
  const [image, setImage] = useState<DocumentImage>({ state: 'none' });
  useEffect(() => {
    if (!callId || !hasImage) {
      setImage({ state: 'none' });
      return;
    }
    let url: string | null = null;
    let cancelled = false;
    setImage({ state: 'loading' });
    fetchDocumentImage(token, callId)
      .then((blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setImage({ state: 'ready', url });
      })
      .catch(() => {
        if (!cancelled) setImage({ state: 'failed' });
      });
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [token, callId, hasImage]);
  return image;
}
