import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createTellerI18n, type TellerLanguage } from '../../i18n/teller/teller-i18n.ts';
import { LoginForm } from '../login-screen.tsx';
import { APPROVAL_ID, activeCall, CALL_ID, OTHER_CALL_ID, queued } from '../session/console-fixtures.ts';
import { AckNotice } from './ack-notice.tsx';
import { ApprovalsList } from './approvals-list.tsx';
import { AuditTable } from './audit-log.tsx';
import { CustomerContext } from './customer-context.tsx';
import { OfferBanner } from './offer-banner.tsx';
import { QueueList } from './queue-list.tsx';

const render = (element: ReactElement, language: TellerLanguage = 'en') =>
  renderToStaticMarkup(<I18nextProvider i18n={createTellerI18n(language)}>{element}</I18nextProvider>);
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');
const count = (html: string, needle: string) => html.split(needle).length - 1;
const noop = () => {};
/** i18next answers a missing key with the key itself. */
const UNTRANSLATED = /\b(login|queue|offer|approvals|ack|context|document|languages|topics|flows)\.[\w-]+/;
const NOW = Date.parse('2026-01-01T10:02:05.000Z');

describe('sign-in form', () => {
  it('has labelled username and password fields and a submit button to drive', () => {
    const html = render(<LoginForm problem={null} checking={false} onSubmit={noop} />);
    for (const id of ['login-username', 'login-password', 'login-submit'])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).not.toContain('login-error');
  });

  it('says a wrong password and too many attempts apart, in English and Spanish', () => {
    const wrong = render(<LoginForm problem="wrongCredentials" checking={false} onSubmit={noop} />);
    expect(text(wrong)).toContain('Wrong username or password.');
    expect(wrong).toContain('role="alert"');
    const waiting = render(<LoginForm problem="tooManyAttempts" checking={false} onSubmit={noop} />, 'es');
    expect(text(waiting)).toContain('Demasiados intentos');
    expect(waiting).not.toMatch(UNTRANSLATED);
  });
});

describe('queue and offer', () => {
  const queue = [
    queued({ position: 1 }),
    queued({ callId: OTHER_CALL_ID, kioskName: 'Gran Vía', language: 'en', topic: 'cash', position: 2 }),
  ];

  it('lists each waiting call with kiosk, language, topic, ticking wait and an Accept', () => {
    const html = render(<QueueList queue={queue} now={NOW} canAccept onAccept={noop} />);
    expect(count(html, 'data-testid="queue-entry"')).toBe(2);
    expect(html).toContain(`data-call-id="${OTHER_CALL_ID}"`);
    const shown = text(html);
    expect(shown).toContain('Sol branch, kiosk 1 Spanish Cards 2:05');
    expect(shown).toContain('Gran Vía English Cash 2:05');
    expect(count(html, 'data-testid="queue-accept"')).toBe(2);
    expect(html).not.toContain('disabled');
  });

  it('disables Accept while on a call, and says when nobody waits', () => {
    expect(render(<QueueList queue={queue} now={NOW} canAccept={false} onAccept={noop} />)).toContain(
      'disabled',
    );
    const empty = render(<QueueList queue={[]} now={NOW} canAccept onAccept={noop} />);
    expect(text(empty)).toContain('Nobody is waiting.');
    expect(empty).not.toContain('queue-entry');
  });

  it('rings an offer with Accept and Decline', () => {
    const html = render(
      <OfferBanner offer={queued()} now={NOW} disabled={false} onAccept={noop} onDecline={noop} />,
    );
    expect(html).toContain('data-testid="offer-accept"');
    expect(html).toContain('data-testid="offer-decline"');
    expect(html).toContain('role="alertdialog"');
    expect(text(html)).toContain('Sol branch, kiosk 1 · Spanish · Cards · waiting 2:05');
  });

  it('shows a refusal of the backend plainly', () => {
    const html = render(<AckNotice code="forbidden" onDismiss={noop} />);
    expect(html).toContain('data-code="forbidden"');
    expect(text(html)).toContain('Not allowed');
    expect(text(render(<AckNotice code="conflict" onDismiss={noop} />, 'es'))).toContain(
      'La llamada ha cambiado',
    );
  });
});

describe('the call', () => {
  const approval = {
    approvalId: APPROVAL_ID,
    kind: 'cardIssue' as const,
    flow: 'cardIssuing' as const,
    step: 'awaitingTeller',
    summary: { holder: 'M. García', product: 'Debit card' },
    decision: null,
  };

  it('lists a pending approval with its summary and Approve / Reject', () => {
    const html = render(<ApprovalsList approvals={[approval]} disabled={false} onDecide={noop} />);
    expect(html).toContain('data-decision="pending"');
    expect(html).toContain('data-testid="approval-approve"');
    expect(html).toContain('data-testid="approval-reject"');
    expect(text(html)).toContain('Card issue');
    expect(text(html)).toContain('holder M. García');
    expect(html).not.toMatch(UNTRANSLATED);
  });

  it('shows a decided approval without buttons', () => {
    const html = render(
      <ApprovalsList approvals={[{ ...approval, decision: 'rejected' }]} disabled={false} onDecide={noop} />,
      'es',
    );
    expect(html).toContain('data-decision="rejected"');
    expect(html).not.toContain('approval-approve');
    expect(text(html)).toContain('Denegada');
  });

  it("shows the customer's context, a reconnecting kiosk and the shared document's fields", () => {
    const call = activeCall({
      kioskLink: 'reconnecting',
      document: {
        kind: 'passport',
        surname: 'GARCIA LOPEZ',
        givenNames: 'MARIA JOSE',
        documentNumber: 'PAB123456',
        nationality: 'ESP',
        issuingState: 'ESP',
        birthDate: '1985-03-15',
        expiryDate: '2033-09-21',
        sex: 'female',
        mrzLines: ['P<ESPGARCIA<LOPEZ<<MARIA<JOSE', 'PAB1234567ESP8503152F3309218'],
        hasImage: true,
      },
    });
    const html = render(<CustomerContext call={call} image={{ state: 'ready', url: 'blob:x' }} />);
    expect(html).toContain('data-link="reconnecting"');
    const shown = text(html);
    expect(shown).toContain('Card issuing');
    expect(shown).toContain('awaitingTeller');
    expect(shown).toContain('Reconnecting…');
    expect(shown).toContain('GARCIA LOPEZ');
    expect(html).toContain('src="blob:x"');
    expect(html).not.toMatch(UNTRANSLATED);
    expect(render(<CustomerContext call={activeCall()} image={{ state: 'none' }} />)).not.toContain(
      'shared-document',
    );
  });

  it('tabulates the audit log', () => {
    const html = render(
      <AuditTable
        entries={[
          {
            id: 7,
            at: '2026-01-01T10:00:00.000Z',
            tellerId: 't1',
            username: 'ana',
            action: 'accept',
            callId: CALL_ID,
            kioskId: 'kiosk-1',
            detail: null,
          },
        ]}
      />,
    );
    expect(html).toContain('data-testid="audit-table"');
    expect(html).toContain('data-action="accept"');
    expect(text(html)).toContain(CALL_ID.slice(0, 8));
  });
});
