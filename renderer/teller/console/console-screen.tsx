import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalDecision, CallErrorCode } from '../../../contracts/teller.ts';
import { CallVideo } from '../call/call-video.tsx';
import { useCallMedia } from '../call/use-call-media.ts';
import { useTellerSocket } from '../session/use-teller-socket.ts';
import { AckNotice } from './ack-notice.tsx';
import { ApprovalsList } from './approvals-list.tsx';
import { AuditLog } from './audit-log.tsx';
import { CallActions } from './call-actions.tsx';
import { CallTimeline } from './call-timeline.tsx';
import { CustomerContext } from './customer-context.tsx';
import { HeaderBar } from './header-bar.tsx';
import { OfferBanner } from './offer-banner.tsx';
import { QueueList } from './queue-list.tsx';
import { SupervisorPanel } from './supervisor-panel.tsx';
import { since, useNow } from './time.ts';
import { TransferPicker } from './transfer-picker.tsx';
import { useDocumentImage } from './use-document-image.ts';

/** TELLER_EVENTS of contracts/teller.ts (the page takes contracts as types only). */
const EVENTS = {
  presence: 'teller:presence',
  accept: 'teller:accept',
  decline: 'teller:decline',
  transfer: 'teller:transfer',
  end: 'teller:end',
  action: 'teller:action',
  decide: 'teller:decide',
} as const;

export interface ConsoleScreenProps {
  token: string;
  onSignOut: () => void;
  onUnauthorized: () => void;
}

/** The signed-in console: everything the backend pushes as `teller:state`, and the teller's answers. */
export function ConsoleScreen({ token, onSignOut, onUnauthorized }: ConsoleScreenProps) {
  const { t } = useTranslation();
  const { state, connection, badState, emit, onSignal } = useTellerSocket(token, onUnauthorized);
  const now = useNow();
  const [refusal, setRefusal] = useState<CallErrorCode | null>(null);
  const [pending, setPending] = useState(false);
  const call = state?.call ?? null;
  const media = useCallMedia(call, emit, onSignal);
  const image = useDocumentImage(token, call?.callId ?? null, call?.document?.hasImage ?? false);

  /** Sends one request; a refusal is shown, and the caller learns whether it was taken. */
  const send = useCallback(
    async (event: string, payload: unknown): Promise<boolean> => {
      setPending(true);
      try {
        const ack = await emit(event, payload);
        setRefusal(ack.ok ? null : ack.error.code);
        return ack.ok;
      } finally {
        setPending(false);
      }
    },
    [emit],
  );

  if (!state) {
    return (
      <main className="connecting" aria-busy="true">
        <p role="status">{badState ? t('connection.badState') : t(`connection.${connection}`)}</p>
      </main>
    );
  }

  const offline = connection !== 'connected';
  const disabled = pending || offline;
  const callId = call?.callId ?? '';
  const act = (action: { kind: 'message' | 'prompt'; text: string } | { kind: 'askIdScan' }) =>
    send(EVENTS.action, { callId, action });

  return (
    <div className="console" data-view="console">
      <HeaderBar
        me={state.me}
        onPresence={(presence) => void send(EVENTS.presence, { presence })}
        onSignOut={onSignOut}
      />
      {offline && (
        <p role="status" className="notice notice--warning" data-testid="connection-lost">
          {t(`connection.${connection}`)}
        </p>
      )}
      {badState && (
        <p role="alert" className="notice notice--error">
          {t('connection.badState')}
        </p>
      )}
      {refusal && <AckNotice code={refusal} onDismiss={() => setRefusal(null)} />}
      {state.offer && !call && (
        <OfferBanner
          offer={state.offer}
          now={now}
          disabled={disabled}
          onAccept={(id) => void send(EVENTS.accept, { callId: id })}
          onDecline={(id) => void send(EVENTS.decline, { callId: id })}
        />
      )}
      <div className="console__grid">
        <div className="console__main">
          {call ? (
            <div className="call" data-testid="call-panel" data-call-id={call.callId} data-leg={call.leg}>
              <CallVideo
                kioskName={call.kioskName}
                duration={since(call.acceptedAt, now)}
                {...media}
                onToggleMute={media.toggleMute}
                onToggleCamera={media.toggleCamera}
                onEnd={() => void send(EVENTS.end, { callId })}
                ending={pending}
              />
              <CallActions
                disabled={disabled}
                onMessage={(text) => act({ kind: 'message', text })}
                onPrompt={(text) => act({ kind: 'prompt', text })}
                onAskIdScan={() => void act({ kind: 'askIdScan' })}
              />
              <ApprovalsList
                approvals={call.approvals}
                disabled={disabled}
                onDecide={(approvalId: string, decision: ApprovalDecision) =>
                  void send(EVENTS.decide, { callId, approvalId, decision })
                }
              />
              <CallTimeline entries={call.timeline} />
            </div>
          ) : (
            <p className="panel idle muted">{t('idle')}</p>
          )}
          <QueueList
            queue={state.queue}
            now={now}
            canAccept={!call && !disabled}
            onAccept={(id) => void send(EVENTS.accept, { callId: id })}
          />
        </div>
        <aside className="console__side">
          {call && <CustomerContext call={call} image={image} />}
          {call && (
            <TransferPicker
              tellers={state.tellers}
              myId={state.me.tellerId}
              disabled={disabled}
              onTransfer={(toTellerId) => void send(EVENTS.transfer, { callId, toTellerId })}
            />
          )}
          {state.me.role === 'supervisor' && state.supervisor && (
            <SupervisorPanel view={state.supervisor} now={now} />
          )}
          <AuditLog token={token} onUnauthorized={onUnauthorized} />
        </aside>
      </div>
    </div>
  );
}
