import { TouchButton } from '../components/touch-button.tsx';
import { useKioskT } from '../language-context.ts';
import { useCallTeller } from './call-context.ts';

/**
 * "Need help?" on every customer screen: opens a call to a teller about the flow on screen.
 * Hidden while a call is open (the teller is already there, or being found).
 */
export function NeedHelpButton() {
  const t = useKioskT();
  const callTeller = useCallTeller();
  if (!callTeller) return null;
  return (
    <TouchButton variant="secondary" className="need-help" data-testid="need-help" onClick={callTeller}>
      <span className="need-help__label">{t('call.needHelp')}</span>
      <span className="need-help__detail">{t('call.needHelpDetail')}</span>
    </TouchButton>
  );
}
