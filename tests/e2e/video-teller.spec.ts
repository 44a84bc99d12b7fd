import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { io } from 'socket.io-client';
import {
  type AuditEntry,
  TELLER_EVENTS,
  TELLER_NAMESPACE,
  type TellerConsoleState,
  type TellerLoginReply,
} from '../../contracts/index.ts';
import type { Branch } from '../../launcher/branch.ts';
import {
  deviceControl,
  enterOrderCode,
  kioskIdle,
  newCardOrder,
  startCardFlow,
  takeCard,
} from './card-kit.ts';

import { expect, KIOSK_CALL_TIMING, test } from './fixtures.ts';

/**
 * The remote video teller, end to end in Chromium: the kiosk page and the teller console are two
 * browser contexts with fake cameras (a test pattern and a beep), connected by WebRTC over
 * loopback through the kiosk runtime and the backend's signaling. A card order the bank wants a
 * teller to approve opens the call; the teller accepts, both sides decode each other's video,
 * the teller pushes a prompt and approves the card, and ends the call.
 */

/** The teller console in its own browser context (its own storage, its own fake camera). */
async function openTellerConsole(
  browser: Browser,
  branch: Branch,
  username: string,
  { available = true }: { available?: boolean } = {},
) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(new URL('/teller/', branch.backendUrl).toString());
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(branch.credentials.tellerPassword);
  await page.getByTestId('login-submit').click();
  // Taking calls is a choice: a teller away (as on a first sign-in) becomes available.
  const presence = page.getByTestId('presence-toggle');
  await expect(presence).toBeEnabled();
  if (available && (await presence.getAttribute('aria-pressed')) === 'false') await presence.click();
  await expect(presence).toHaveAttribute('aria-pressed', String(available));
  return { page, close: () => context.close() };
}

/** Video frames decoded from the other side, read from the page's peer connection's stats. */
async function framesDecoded(page: Page, hook: '__kioskPeer' | '__tellerPeer'): Promise<number> {
  return page.evaluate(async (name) => {
    const peer = (window as unknown as Record<string, RTCPeerConnection | undefined>)[name];
    if (!peer) return 0;
    let frames = 0;
    for (const report of (await peer.getStats()).values()) {
      if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
    }
    return frames;
  }, hook);
}

/** Identity documents the kiosk holds in its database now (sealed rows of `identity_captures`). */
function keptCaptures(branch: Branch): number {
  const db = new Database(join(branch.logDir, '..', 'kiosk.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM identity_captures').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Audio samples received from the other side (the fake microphone's beep). */
async function audioSamplesReceived(page: Page, hook: '__kioskPeer' | '__tellerPeer'): Promise<number> {
  return page.evaluate(async (name) => {
    const peer = (window as unknown as Record<string, RTCPeerConnection | undefined>)[name];
    if (!peer) return 0;
    let samples = 0;
    for (const report of (await peer.getStats()).values()) {
      if (report.type === 'inbound-rtp' && report.kind === 'audio')
        samples += report.totalSamplesReceived ?? 0;
    }
    return samples;
  }, hook);
}

async function login(branch: Branch, username: string): Promise<TellerLoginReply> {
  const response = await fetch(new URL('/api/teller/login', branch.backendUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: branch.credentials.tellerPassword }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as TellerLoginReply;
}

async function audit(branch: Branch, token: string): Promise<AuditEntry[]> {
  const response = await fetch(new URL('/api/teller/audit?limit=200', branch.backendUrl), {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { entries: AuditEntry[] }).entries;
}

/** A customer starts a session in English and asks for a teller from the menu, consenting to video. */
async function askForTellerFromMenu(kiosk: Page) {
  await kiosk.getByRole('button', { name: /Touch to start/ }).click();
  await kiosk.getByRole('button', { name: 'English' }).click();
  await kiosk.locator('[data-flow="videoTeller"]').click();
  await kiosk.getByTestId('call-consent-accept').click();
}

/** A call from the menu that a teller (on their console) has answered, video flowing. */
async function callAnswered(kiosk: Page, teller: Page) {
  await askForTellerFromMenu(kiosk);
  await teller.getByTestId('offer-accept').click();
  await expect(kiosk.getByTestId('call-panel')).toHaveAttribute('data-call-step', 'live', {
    timeout: 15_000,
  });
}

/** The teller ends the call, the customer closes its notice and finishes the session. */
async function endCallAndFinish(kiosk: Page, teller: { page: Page; close: () => Promise<void> }) {
  await teller.page.getByTestId('end-call').click();
  await kiosk.getByTestId('call-ended-ok').click();
  await kiosk
    .getByRole('button', { name: /Finish/ })
    .first()
    .click();
  await teller.close();
}

test.describe('remote video teller', () => {
  test.afterEach(async ({ branch }) => {
    await kioskIdle(branch, 30_000);
  });

  test('a card the bank wants approved: the teller answers by video, prompts, approves and ends the call', async ({
    kiosk,
    branch,
    browser,
  }) => {
    test.setTimeout(120_000);
    const code = await newCardOrder(branch, '10000000001', { tellerApproval: true });
    const teller = await openTellerConsole(browser, branch, 'ana');

    await startCardFlow(kiosk);
    await enterOrderCode(kiosk, code);
    await expect(kiosk.getByTestId('card-step-confirmOrder')).toBeVisible();
    await kiosk.getByTestId('card-confirm').click();
    await expect(kiosk.getByTestId('card-step-awaitingTeller')).toBeVisible();

    // The call opens over the card flow: consent first, then the queue.
    await kiosk.getByTestId('call-consent-accept').click();
    // Ana is available: the call rings on her console at once (no queue to wait in).
    await expect(kiosk.getByTestId('call-ringing')).toBeVisible();

    // The teller's console rings with the kiosk's call; the teller answers.
    await teller.page.getByTestId('offer-accept').click();
    await expect(teller.page.getByTestId('call-panel')).toBeVisible();

    // Video both ways: each side decodes frames of the other's fake camera.
    await expect.poll(() => framesDecoded(kiosk, '__kioskPeer'), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => framesDecoded(teller.page, '__tellerPeer'), { timeout: 15_000 })
      .toBeGreaterThan(0);
    // And sound both ways: each side receives the other's microphone (the fake device's beep).
    await expect.poll(() => audioSamplesReceived(kiosk, '__kioskPeer')).toBeGreaterThan(0);
    await expect.poll(() => audioSamplesReceived(teller.page, '__tellerPeer')).toBeGreaterThan(0);

    // A prompt pushed by the teller appears on the kiosk; the customer's answer comes back.
    await teller.page.getByTestId('prompt-input').fill('Do you want the card sent to your phone wallet too?');
    await teller.page.getByTestId('prompt-send').click();
    const note = kiosk.getByTestId('call-note').last();
    await expect(note).toContainText('Do you want the card sent to your phone wallet too?');
    await kiosk.getByTestId('call-prompt-no').click();
    await expect(teller.page.getByTestId('call-panel')).toContainText(/\bno\b/i);

    // The card waits for the teller's approval; approved, it is made.
    await teller.page.getByTestId('approval-approve').click();
    await expect(kiosk.getByTestId('card-step-presenting')).toBeVisible({ timeout: 20_000 });

    // The teller ends the call; the customer is back at the card, which they take.
    await teller.page.getByTestId('end-call').click();
    await expect(kiosk.getByTestId('call-ended-ok')).toBeVisible();
    await kiosk.getByTestId('call-ended-ok').click();
    await expect(kiosk.getByTestId('call-panel')).toHaveCount(0);
    await takeCard(branch);
    await expect(kiosk.getByTestId('card-step-done')).toBeVisible({ timeout: 10_000 });
    await kiosk.getByTestId('card-finish').click();

    // Each of the teller's actions is in the audit log.
    const { token } = await login(branch, 'ana');
    const actions = (await audit(branch, token)).map((entry) => entry.action);
    for (const action of ['login', 'accept', 'prompt', 'approve', 'end']) expect(actions).toContain(action);
    await teller.close();
  });

  test("another teller's signaling and actions on a call are refused by the backend", async ({
    kiosk,
    branch,
    browser,
  }) => {
    test.setTimeout(90_000);
    const teller = await openTellerConsole(browser, branch, 'ana');
    const supervisor = await openTellerConsole(browser, branch, 'sofia', { available: false });
    await callAnswered(kiosk, teller.page);
    // The supervisor sees the call in progress, and who has it.
    await expect(supervisor.page.getByTestId('supervisor-calls')).toContainText('Ana Torres');
    await supervisor.close();

    // Li, another teller, signed in for real, knows the call's id and tries to act on it.
    const li = await login(branch, 'li');
    const intruder = io(new URL(TELLER_NAMESPACE, branch.backendUrl).toString(), {
      auth: { token: li.token },
      transports: ['websocket'],
    });
    const state = await new Promise<TellerConsoleState>((resolve) => intruder.once('teller:state', resolve));
    expect(state.call).toBeNull();
    const { token } = await login(branch, 'ana');
    const anaState = await new Promise<TellerConsoleState>((resolve, reject) => {
      const ana = io(new URL(TELLER_NAMESPACE, branch.backendUrl).toString(), {
        auth: { token },
        transports: ['websocket'],
      });
      ana.once('teller:state', (s: TellerConsoleState) => {
        ana.close();
        resolve(s);
      });
      ana.once('connect_error', reject);
    });
    const callId = anaState.call?.callId;
    expect(callId).toBeTruthy();
    const leg = anaState.call?.leg ?? 1;
    const attempts = [
      intruder.timeout(5_000).emitWithAck(TELLER_EVENTS.signal, {
        callId,
        leg,
        signal: { kind: 'offer', sdp: 'v=0\r\n' },
      }),
      intruder.timeout(5_000).emitWithAck(TELLER_EVENTS.action, {
        callId,
        action: { kind: 'message', text: 'Please read me your card number' },
      }),
      intruder.timeout(5_000).emitWithAck(TELLER_EVENTS.end, { callId }),
    ];
    for (const reply of await Promise.all(attempts)) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    intruder.close();
    // Nothing of it reached the customer: the call goes on, no message on the kiosk.
    await expect(kiosk.getByTestId('call-panel')).toBeVisible();
    await expect(kiosk.getByTestId('call-note')).toHaveCount(0);
    const refused = (await audit(branch, li.token)).filter((entry) => entry.action === 'refused');
    expect(refused.length).toBeGreaterThanOrEqual(3);

    await endCallAndFinish(kiosk, teller);
  });

  test('the backend lost mid-call without a word: the kiosk tries to get the call back, then ends it gracefully and keeps the customer', async ({
    kiosk,
    branch,
    browser,
  }) => {
    test.setTimeout(120_000);
    const teller = await openTellerConsole(browser, branch, 'ana');
    await callAnswered(kiosk, teller.page);
    const panel = kiosk.getByTestId('call-panel');

    // The bank's side is gone without a word (a crash, a cut cable): the kiosk says it is
    // reconnecting instead of dropping the customer.
    await branch.crashBackend();
    await expect(panel).toHaveAttribute('data-call-step', 'reconnecting');
    await branch.startBackend();
    // The restarted backend has no such call: the kiosk ends it and says why.
    await expect(kiosk.getByTestId('call-ended-ok')).toBeVisible({ timeout: 30_000 });
    await expect(kiosk.getByRole('dialog')).toContainText('The kiosk lost its connection to the bank.');
    await kiosk.getByTestId('call-ended-ok').click();
    // The customer is where they were: the menu, in their session.
    await expect(kiosk.locator('[data-screen]')).toHaveAttribute('data-screen', 'menu');
    await expect(kiosk.getByTestId('call-panel')).toHaveCount(0);
    await kiosk
      .getByRole('button', { name: /Finish/ })
      .first()
      .click();
    await teller.close();
  });

  test('the teller asks for an ID document: the customer agrees, scans and confirms it, and the teller sees its data and page', async ({
    kiosk,
    branch,
    browser,
  }) => {
    test.setTimeout(90_000);
    const teller = await openTellerConsole(browser, branch, 'ana');
    await callAnswered(kiosk, teller.page);

    await teller.page.getByTestId('ask-id-scan').click();
    await kiosk.getByTestId('call-id-scan-accept').click();
    await expect(kiosk.getByTestId('identify-step-placeDocument')).toBeVisible();
    await deviceControl(branch, 'idScanner', 'POST', '/place', { documentId: 'passport-esp' });
    await expect(kiosk.getByTestId('identify-step-confirmDocument')).toBeVisible({ timeout: 15_000 });
    // Nothing reaches the teller before the customer confirms.
    await expect(teller.page.getByTestId('shared-document')).toHaveCount(0);
    await kiosk.getByTestId('identify-confirm').click();

    const shared = teller.page.getByTestId('shared-document');
    await expect(shared).toContainText('GARCIA LOPEZ', { timeout: 10_000 });
    await expect(shared).toContainText('PAB123456');
    const image = teller.page.getByTestId('document-image');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(500);
    // The kiosk keeps nothing of it: the capture was read once, sent and deleted — now, while the
    // session is still open (its end would delete it anyway).
    await expect(kiosk.getByText('PAB123456')).toHaveCount(0);
    await expect.poll(() => keptCaptures(branch)).toBe(0);

    await endCallAndFinish(kiosk, teller);
    const { token } = await login(branch, 'ana');
    const actions = (await audit(branch, token)).map((entry) => entry.action);
    expect(actions).toContain('askIdScan');
    expect(actions).toContain('viewDocument');
  });

  test('no teller answers in time: the customer leaves a number to be called back, recorded for supervisors', async ({
    kiosk,
    branch,
    browser,
  }) => {
    test.setTimeout(60_000);
    // A supervisor watches, away (taking no calls herself): no teller can answer.
    const supervisor = await openTellerConsole(browser, branch, 'sofia', { available: false });
    const callbacksBefore = Number(await supervisor.page.getByTestId('callback-count').textContent());
    await askForTellerFromMenu(kiosk);
    await expect(kiosk.getByTestId('call-queue')).toBeVisible();
    await expect(supervisor.page.getByTestId('supervisor-queue').locator('[data-call-id]')).toHaveCount(1);
    await expect(kiosk.getByTestId('call-callback')).toBeVisible({
      timeout: KIOSK_CALL_TIMING.queueTimeoutMs + 5_000,
    });
    await kiosk.getByTestId('call-callback').click();
    for (const digit of '600123456') await kiosk.getByTestId(`call-phone-key-${digit}`).click();
    await kiosk.getByTestId('call-phone-send').click();
    await expect(kiosk.getByTestId('call-callback-ok')).toBeVisible();
    await kiosk.getByTestId('call-callback-ok').click();
    await expect(kiosk.locator('[data-screen]')).toHaveAttribute('data-screen', 'menu');
    // The supervisor's console: the queue is empty again, one more callback to make.
    await expect(supervisor.page.getByTestId('callback-count')).toHaveText(String(callbacksBefore + 1));
    await expect(supervisor.page.getByTestId('supervisor-queue')).toHaveCount(0);
    await supervisor.close();

    const { token } = await login(branch, 'sofia');
    const response = await fetch(new URL('/api/teller/callbacks', branch.backendUrl), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain('600123456');
    // A teller (not a supervisor) may not read the callback list.
    const ana = await login(branch, 'ana');
    const refused = await fetch(new URL('/api/teller/callbacks', branch.backendUrl), {
      headers: { authorization: `Bearer ${ana.token}` },
    });
    expect(refused.status).toBe(403);
    await kiosk
      .getByRole('button', { name: /Finish/ })
      .first()
      .click();
  });

  test('a transfer to another teller: the call rings on her console, and video flows again on a new connection', async ({
    kiosk,
    branch,
    browser,
  }) => {
    test.setTimeout(90_000);
    const ana = await openTellerConsole(browser, branch, 'ana');
    const li = await openTellerConsole(browser, branch, 'li');
    await askForTellerFromMenu(kiosk);
    // The call rings on one of the two (both speak English); whoever has it transfers it.
    const [first, second] = await Promise.race([
      ana.page
        .getByTestId('offer-accept')
        .waitFor()
        .then(() => [ana, li] as const),
      li.page
        .getByTestId('offer-accept')
        .waitFor()
        .then(() => [li, ana] as const),
    ]);
    await first.page.getByTestId('offer-accept').click();
    await expect(kiosk.getByTestId('call-panel')).toHaveAttribute('data-call-step', 'live', {
      timeout: 15_000,
    });
    const firstPeer = await kiosk.evaluate(() => {
      const marked = (window as unknown as { __kioskPeer?: RTCPeerConnection & { marked?: boolean } })
        .__kioskPeer;
      if (marked) marked.marked = true;
      return marked !== undefined;
    });
    expect(firstPeer).toBe(true);

    await first.page.getByTestId('transfer-select').selectOption({ index: 1 });
    await first.page.getByTestId('transfer-submit').click();
    await second.page.getByTestId('offer-accept').click();
    await expect(second.page.getByTestId('call-panel')).toBeVisible();
    await expect(first.page.getByTestId('call-panel')).toHaveCount(0);
    // A new peer connection on the kiosk (a new leg), decoding the new teller's video.
    await expect
      .poll(() =>
        kiosk.evaluate(
          () => (window as unknown as { __kioskPeer?: { marked?: boolean } }).__kioskPeer?.marked !== true,
        ),
      )
      .toBe(true);
    await expect.poll(() => framesDecoded(kiosk, '__kioskPeer'), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => framesDecoded(second.page, '__tellerPeer'), { timeout: 15_000 })
      .toBeGreaterThan(0);

    await endCallAndFinish(kiosk, second);
    await first.close();
    const { token } = await login(branch, 'sofia');
    const transfers = (await audit(branch, token)).filter((entry) => entry.action === 'transfer');
    expect(transfers.length).toBeGreaterThanOrEqual(1);
  });
});
