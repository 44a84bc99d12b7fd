import { HelpOptions } from '../../components/help-options.tsx';
import { useKioskT } from '../../language-context.ts';
import { IdentifyBackButton, IdentifyFooter } from './identify-buttons.tsx';
import { type IdentifyStepProps, IdentifyStepFrame } from './identify-frame.tsx';
import { IdentifyMessageLine } from './identify-message-line.tsx';

/** Identification gave up for this visit: why, who can help, and another way to identify. */
export function IdentifyFailedStep({ identify, frame, cancel }: IdentifyStepProps) {
  const t = useKioskT();
  return (
    <IdentifyStepFrame
      frame={frame}
      step="failed"
      method={identify.method}
      heading={t('identify.failed.title')}
    >
      <div className="card-failed identify-failed">
        <div className="card-failed__what">
          {identify.message === null ? (
            <p className="screen__message">{t('identify.failed.generic')}</p>
          ) : (
            <IdentifyMessageLine identify={identify} />
          )}
        </div>
        <HelpOptions
          titleKey="identify.failed.helpTitle"
          tellerKey="identify.failed.teller"
          otherKeys={['identify.failed.staff', 'identify.failed.helpLine']}
          tellerTestId="identify-call-teller"
          className="identify-help"
        />
      </div>
      <IdentifyFooter back={<IdentifyBackButton label={t('identify.otherWay')} />} cancel={cancel} />
    </IdentifyStepFrame>
  );
}
