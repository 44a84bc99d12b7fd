import { useId } from 'react';
import type { TellerNote } from '../../../contracts/video-teller.ts';
import { useSendEvent } from '../bridge/bridge-context.ts';
import { TouchButton } from '../components/touch-button.tsx';
import { useKioskT } from '../language-context.ts';

/**
 * What the teller sent to the screen, newest last: messages to read, and questions answered with
 * Yes or No once (the answer then shows instead of the buttons).
 */
export function TellerNotes({ notes }: { notes: TellerNote[] }) {
  const t = useKioskT();
  const headingId = useId();
  if (notes.length === 0) return null;
  return (
    <section className="call-notes" aria-labelledby={headingId}>
      <h3 id={headingId} className="call-notes__title">
        {t('call.panel.notesTitle')}
      </h3>
      <ol className="call-notes__list" aria-live="polite">
        {notes.map((note) => (
          <li
            key={note.actionId}
            className={`call-note call-note--${note.kind}`}
            data-testid="call-note"
            data-note-kind={note.kind}
            data-answer={note.answer ?? undefined}
          >
            <p className="call-note__text">{note.text}</p>
            {note.kind === 'prompt' && <PromptAnswer note={note} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

function PromptAnswer({ note }: { note: TellerNote }) {
  const send = useSendEvent();
  const t = useKioskT();
  if (note.answer !== null)
    return <p className="call-note__answer">{t(`call.panel.answered.${note.answer}`)}</p>;
  const answer = (value: 'yes' | 'no') =>
    send({ type: 'CALL_PROMPT_ANSWER', actionId: note.actionId, answer: value });
  return (
    <div className="call-note__choices">
      <TouchButton data-testid="call-prompt-yes" onClick={() => answer('yes')}>
        {t('call.panel.yes')}
      </TouchButton>
      <TouchButton variant="secondary" data-testid="call-prompt-no" onClick={() => answer('no')}>
        {t('call.panel.no')}
      </TouchButton>
    </div>
  );
}
