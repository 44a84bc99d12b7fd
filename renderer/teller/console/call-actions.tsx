import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface CallActionsProps {
  disabled: boolean;
  /** Resolves true when the backend took it, so the text box is cleared only then. */
  onMessage: (text: string) => Promise<boolean>;
  onPrompt: (text: string) => Promise<boolean>;
  onAskIdScan: () => void;
}

const MAX_TEXT = 500;

function TextAction({
  label,
  submitLabel,
  inputTestId,
  sendTestId,
  disabled,
  onSend,
}: {
  label: string;
  submitLabel: string;
  inputTestId: string;
  sendTestId: string;
  disabled: boolean;
  onSend: (text: string) => Promise<boolean>;
}) {
  const inputId = useId();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    setSending(true);
    try {
      if (await onSend(trimmed)) setText('');
    } finally {
      setSending(false);
    }
  }
  return (
    <form className="text-action" onSubmit={submit}>
      <label htmlFor={inputId}>{label}</label>
      <div className="text-action__row">
        <input
          id={inputId}
          type="text"
          maxLength={MAX_TEXT}
          value={text}
          data-testid={inputTestId}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" data-testid={sendTestId} disabled={disabled || sending || !text.trim()}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** What the teller can push to the kiosk's screen: a message, a yes/no question, an ID scan request. */
export function CallActions({ disabled, onMessage, onPrompt, onAskIdScan }: CallActionsProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="panel actions" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('actions.title')}</h2>
      <TextAction
        label={t('actions.message')}
        submitLabel={t('actions.messageSend')}
        inputTestId="message-input"
        sendTestId="message-send"
        disabled={disabled}
        onSend={onMessage}
      />
      <TextAction
        label={t('actions.prompt')}
        submitLabel={t('actions.promptSend')}
        inputTestId="prompt-input"
        sendTestId="prompt-send"
        disabled={disabled}
        onSend={onPrompt}
      />
      <button type="button" data-testid="ask-id-scan" disabled={disabled} onClick={onAskIdScan}>
        {t('actions.askIdScan')}
      </button>
    </section>
  );
}
