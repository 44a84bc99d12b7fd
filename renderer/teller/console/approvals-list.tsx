import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActiveCall, ApprovalDecision } from '../../../contracts/teller.ts';

export interface ApprovalsListProps {
  approvals: ActiveCall['approvals'];
  disabled: boolean;
  onDecide: (approvalId: string, decision: ApprovalDecision) => void;
}

/** Steps a kiosk flow cannot complete without the teller: what to decide, and the decision. */
export function ApprovalsList({ approvals, disabled, onDecide }: ApprovalsListProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="panel approvals" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('approvals.title')}</h2>
      {approvals.length === 0 ? (
        <p className="muted">{t('approvals.empty')}</p>
      ) : (
        <ul className="approvals__list">
          {approvals.map((approval) => (
            <li
              key={approval.approvalId}
              className={approval.decision ? 'approval approval--decided' : 'approval'}
              data-testid="approval"
              data-approval-id={approval.approvalId}
              data-decision={approval.decision ?? 'pending'}
            >
              <h3>{t(`approvals.kind.${approval.kind}`)}</h3>
              <p className="muted">
                {t('approvals.step', { flow: t(`flows.${approval.flow}`), step: approval.step })}
              </p>
              <dl className="pairs">
                {Object.entries(approval.summary).map(([key, value]) => (
                  <div key={key}>
                    <dt>{key}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
              {approval.decision ? (
                <p className={`decision decision--${approval.decision}`}>
                  {t(`approvals.decided.${approval.decision}`)}
                </p>
              ) : (
                <div className="buttons">
                  <button
                    type="button"
                    className="primary"
                    data-testid="approval-approve"
                    disabled={disabled}
                    onClick={() => onDecide(approval.approvalId, 'approved')}
                  >
                    {t('approvals.approve')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    data-testid="approval-reject"
                    disabled={disabled}
                    onClick={() => onDecide(approval.approvalId, 'rejected')}
                  >
                    {t('approvals.reject')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
