import type { CardIssuingView } from '../../../../contracts/card-issuing.ts';
import { ApprovingStep } from './approving-step.tsx';
import { AwaitingTellerStep } from './awaiting-teller-step.tsx';
import { CancelledStep } from './cancelled-step.tsx';
import { ChooseMethodStep } from './choose-method-step.tsx';
import { CompletingStep } from './completing-step.tsx';
import { ConfirmOrderStep } from './confirm-order-step.tsx';
import { DoneStep } from './done-step.tsx';
import { EnterCodeStep } from './enter-code-step.tsx';
import { FailedStep } from './failed-step.tsx';
import { IdentifyingStep } from './identifying-step.tsx';
import { LookingUpStep } from './looking-up-step.tsx';
import { MailRequestedStep } from './mail-requested-step.tsx';
import { OfferMailStep } from './offer-mail-step.tsx';
import { PresentingStep } from './presenting-step.tsx';
import { ProducingStep } from './producing-step.tsx';
import { RequestingMailStep } from './requesting-mail-step.tsx';

/** The card issuing flow: one screen per step of the runtime's card view. */
export function CardScreen({ card }: { card: CardIssuingView }) {
  switch (card.step) {
    case 'chooseMethod':
      return <ChooseMethodStep card={card} />;
    case 'enterCode':
      return <EnterCodeStep card={card} />;
    case 'identifying':
      return <IdentifyingStep card={card} />;
    case 'lookingUp':
      return <LookingUpStep />;
    case 'confirmOrder':
      return <ConfirmOrderStep card={card} />;
    case 'awaitingTeller':
      return <AwaitingTellerStep />;
    case 'offerMail':
      return <OfferMailStep card={card} />;
    case 'requestingMail':
      return <RequestingMailStep />;
    case 'mailRequested':
      return <MailRequestedStep />;
    case 'approving':
      return <ApprovingStep card={card} />;
    case 'producing':
      return <ProducingStep card={card} />;
    case 'presenting':
      return <PresentingStep card={card} />;
    case 'completing':
      return <CompletingStep card={card} />;
    case 'done':
      return <DoneStep card={card} />;
    case 'failed':
      return <FailedStep card={card} />;
    case 'cancelled':
      return <CancelledStep />;
  }
}
