import type { ReactNode } from 'react';
import type { IdentifyView } from '../../../../contracts/identity.ts';
import { ConfirmDocumentStep } from './confirm-document-step.tsx';
import type { IdentifyFrame } from './identify-frame.tsx';
import { IdentifyFailedStep } from './identify-failed-step.tsx';
import { IdentifyProgressStep } from './identify-progress-step.tsx';
import { PlaceDocumentStep } from './place-document-step.tsx';
import { RescanStep } from './rescan-step.tsx';
import { ScanQrStep } from './scan-qr-step.tsx';

interface IdentifyScreenProps {
  identify: IdentifyView;
  /** The flow's frame (main landmark and heading) around each step. */
  frame: IdentifyFrame;
  /** The flow's Cancel, shown beside Back. */
  cancel?: ReactNode;
}

/** Identifying the customer with an ID document or the app's QR code: one screen per step. */
export function IdentifyScreen(props: IdentifyScreenProps) {
  switch (props.identify.step) {
    case 'placeDocument':
      return <PlaceDocumentStep {...props} />;
    case 'reading':
    case 'verifyingQr':
      return <IdentifyProgressStep {...props} />;
    case 'rescan':
      return <RescanStep {...props} />;
    case 'confirmDocument':
      return <ConfirmDocumentStep {...props} />;
    case 'scanQr':
      return <ScanQrStep {...props} />;
    case 'failed':
      return <IdentifyFailedStep {...props} />;
  }
}
